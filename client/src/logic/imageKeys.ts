// A cheap scan for image keys (`"cats/1.jpg": [`) in the text of an _annotations.json, for code lenses and the
// image picker. It does not parse the file; the server's tree is the authority, this only finds candidates fast.

export interface ImageKeyMatch {
  key: string;
  /** Offset of the key's opening quote. */
  start: number;
  /** Offset just after its closing quote. */
  end: number;
}

const ImageExtension = /\.(jpe?g|png)$/i;

export function isImageKey(key: string): boolean {
  return ImageExtension.test(key);
}

/** Image keys in document order, at most LIMIT of them. */
export function findImageKeys(text: string, limit = Number.MAX_SAFE_INTEGER): ImageKeyMatch[] {
  const out: ImageKeyMatch[] = [];
  const re = /"((?:[^"\\\r\n]|\\.)*)"\s*:\s*\[/g;
  let m: RegExpExecArray | null;
  while (out.length < limit && (m = re.exec(text))) {
    let key: string;
    try {
      key = JSON.parse(`"${m[1]}"`) as string;
    } catch {
      continue; // a broken escape: not a key the server would accept either
    }
    if (isImageKey(key)) out.push({ key, start: m.index, end: m.index + m[1].length + 2 });
  }
  return out;
}

/** Keeps the first match on each line (a minified file has every key on one line: one lens is enough there). */
export function firstPerLine<T extends { start: number }>(matches: readonly T[], lineOf: (offset: number) => number): T[] {
  const seen = new Set<number>();
  return matches.filter((m) => {
    const line = lineOf(m.start);
    if (seen.has(line)) return false;
    seen.add(line);
    return true;
  });
}

/**
 * The top-level `labels` array, found without parsing the whole file (entries use the singular "label").
 * Undefined when it is missing or not a well-formed array of strings.
 */
export function findDeclaredLabels(text: string): string[] | undefined {
  const m = /"labels"\s*:\s*(\[(?:[^\]"]|"(?:[^"\\]|\\.)*")*\])/.exec(text);
  if (!m) return undefined;
  try {
    const parsed: unknown = JSON.parse(m[1]);
    return Array.isArray(parsed) && parsed.every((l) => typeof l === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The image key under CHARACTER of a line (its quotes included), if the string there is an image key — looking
 * only at a window around the position, so a minified file's one huge line costs no more than a short one.
 */
export function imageKeyAt(line: string, character: number, window = 2048): ImageKeyMatch | undefined {
  const from = Math.max(0, character - window);
  const slice = line.slice(from, Math.min(line.length, character + window));
  for (const m of findImageKeys(slice)) {
    const start = m.start + from, end = m.end + from;
    if (character >= start && character <= end) return { key: m.key, start, end };
    if (start > character) break;
  }
  return undefined;
}

/** A `command:` link for markdown (hovers) that runs COMMAND with ARGS. */
export function commandLink(command: string, args: readonly unknown[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}
