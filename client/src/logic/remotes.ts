// Bucket addresses: IBM COS regions and endpoints, `s3://BUCKET/PREFIX` and `file:///PATH` remotes.

export interface CosRegion { id: string; name: string; crossRegion?: boolean }

/** Public IBM Cloud Object Storage regions (regional and cross-regional). Others: enter the endpoint. */
export const IbmCosRegions: readonly CosRegion[] = [
  { id: 'us-south', name: 'Dallas' },
  { id: 'us-east', name: 'Washington DC' },
  { id: 'ca-tor', name: 'Toronto' },
  { id: 'br-sao', name: 'São Paulo' },
  { id: 'eu-de', name: 'Frankfurt' },
  { id: 'eu-gb', name: 'London' },
  { id: 'eu-es', name: 'Madrid' },
  { id: 'jp-tok', name: 'Tokyo' },
  { id: 'jp-osa', name: 'Osaka' },
  { id: 'au-syd', name: 'Sydney' },
  { id: 'us', name: 'US cross-region', crossRegion: true },
  { id: 'eu', name: 'EU cross-region', crossRegion: true },
  { id: 'ap', name: 'AP cross-region', crossRegion: true },
];

export type CosNetwork = 'public' | 'private' | 'direct';

/** Storage-class suffixes a bucket's LocationConstraint carries (`us-south-smart`), not part of the region. */
const StorageClassSuffix = /-(standard|vault|cold|flex|smart|onerate_active)$/i;

export function stripStorageClass(locationConstraint: string): string {
  return locationConstraint.trim().replace(StorageClassSuffix, '');
}

/** `us-south` → `https://s3.us-south.cloud-object-storage.appdomain.cloud` (private/direct networks add their word). */
export function ibmCosEndpoint(region: string, network: CosNetwork = 'public'): string {
  const r = stripStorageClass(region).toLowerCase();
  if (!/^[a-z0-9-]+$/.test(r)) throw new Error(`Not an IBM COS region: ${region}`);
  const net = network === 'public' ? '' : `${network}.`;
  return `https://s3.${net}${r}.cloud-object-storage.appdomain.cloud`;
}

export type ParsedRemote =
  | { kind: 's3'; bucket: string; prefix: string }
  | { kind: 'file'; path: string };

/** Parses a remote; throws with a message a user can act on. */
export function parseRemote(remote: string): ParsedRemote {
  const r = remote.trim();
  let m = /^s3:\/\/([^/]+)\/?(.*)$/i.exec(r);
  if (m) {
    const err = validateBucketName(m[1]) ?? validatePrefix(m[2]);
    if (err) throw new Error(err);
    return { kind: 's3', bucket: m[1], prefix: m[2].replace(/\/+$/, '') };
  }
  m = /^file:\/\/(\/.*)$/i.exec(r);
  if (m) return { kind: 'file', path: decodeURIComponent(m[1]).replace(/^\/([a-zA-Z]:)/, '$1') };
  throw new Error(`"${remote}" is not a remote: use s3://BUCKET[/PREFIX] or file:///PATH.`);
}

export function s3Remote(bucket: string, prefix?: string): string {
  const p = (prefix ?? '').trim().replace(/^\/+|\/+$/g, '');
  return p ? `s3://${bucket}/${p}` : `s3://${bucket}`;
}

/** A local folder as the bucket (`file:///home/me/bucket`, `file:///C:/bucket`). */
export function fileRemote(fsPath: string): string {
  const slashed = fsPath.replace(/\\/g, '/');
  const withRoot = slashed.startsWith('/') ? slashed : `/${slashed}`;
  return 'file://' + withRoot.split('/').map((s) => (/^[a-zA-Z]:$/.test(s) ? s : encodeURIComponent(s))).join('/');
}

/** S3 bucket naming rules; returns an error message or undefined. */
export function validateBucketName(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return 'A bucket name has 3 to 63 characters.';
  if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name)) return 'A bucket name uses lowercase letters, digits, dots and hyphens, and starts and ends with a letter or digit.';
  if (/\.\.|\.-|-\./.test(name)) return 'A bucket name cannot have two dots in a row or a dot next to a hyphen.';
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return 'A bucket name cannot look like an IP address.';
  return undefined;
}

/** A key prefix ("folder" in the bucket); returns an error message or undefined. */
export function validatePrefix(prefix: string): string | undefined {
  const p = prefix.trim().replace(/^\/+|\/+$/g, '');
  if (!p) return undefined;
  if (p.split('/').some((s) => s === '..' || s === '.')) return 'A prefix cannot contain "." or ".." segments.';
  if (/[\\\u0000]/.test(p)) return 'A prefix cannot contain backslashes.';
  return undefined;
}

export function validateEndpoint(url: string): string | undefined {
  try {
    const u = new URL(url.trim());
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return 'The endpoint is an http:// or https:// URL.';
    if (u.search || u.hash) return 'The endpoint URL takes no query or fragment.';
    return undefined;
  } catch {
    return 'Enter a URL such as https://s3.us-south.cloud-object-storage.appdomain.cloud';
  }
}

/** Short name of a remote for the status bar: `bucket/prefix`, or the folder name for a local bucket. */
export function remoteLabel(remote: string, max = 32): string {
  let label: string;
  try {
    const p = parseRemote(remote);
    label = p.kind === 's3' ? (p.prefix ? `${p.bucket}/${p.prefix}` : p.bucket) : `${p.path.split('/').filter(Boolean).pop() ?? p.path} (local)`;
  } catch {
    label = remote;
  }
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}
