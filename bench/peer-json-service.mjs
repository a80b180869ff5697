// The peer: VS Code's JSON language service (vscode-json-languageservice) parsing and validating a file
// against schemas/annotations.schema.json, as VS Code's built-in JSON support does on open and after each edit.
// Prints one JSON line: {parseMs, validateMs, totalMs, revalidateMs, peakRssMB, diagnostics}.
import { readFileSync } from 'node:fs';
import { getLanguageService } from 'vscode-json-languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';

const [file, schemaFile] = process.argv.slice(2);
const text = readFileSync(file, 'utf8');
const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
const uri = 'file:///bench/_annotations.json';
const service = getLanguageService({});
service.configure({ validate: true, schemas: [{ uri: 'inmemory://annotations.schema.json', fileMatch: ['_annotations.json'], schema }] });

async function analyse(doc) {
  const t0 = performance.now();
  const json = service.parseJSONDocument(doc);
  const t1 = performance.now();
  const diagnostics = await service.doValidation(doc, json);
  return { parseMs: t1 - t0, validateMs: performance.now() - t1, count: diagnostics.length };
}

const doc = TextDocument.create(uri, 'json', 1, text);
const first = await analyse(doc);
// One keystroke: the service has no incremental mode, so the edited document is analysed again in full.
const edited = TextDocument.create(uri, 'json', 2, text.replace('"x": 0.', '"x": 0.1'));
const second = await analyse(edited);
const peakRssMB = Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]) / 1024;
console.log(JSON.stringify({ parseMs: first.parseMs, validateMs: first.validateMs, totalMs: first.parseMs + first.validateMs,
  revalidateMs: second.parseMs + second.validateMs, peakRssMB, diagnostics: first.count }));
