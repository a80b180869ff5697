// The extension manifest (package.json) agrees with the client code: commands, menus, settings, activation,
// language, assets and packaging.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { loadLogic, repoRoot } from './load-logic.mjs';

const L = await loadLogic();
const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const contributes = pkg.contributes;
const srcDir = path.join(repoRoot, 'client', 'src');
const sources = fs.readdirSync(srcDir, { recursive: true }).filter((f) => f.endsWith('.ts')).map((f) => ({ file: f, text: fs.readFileSync(path.join(srcDir, f), 'utf8') }));
const allSource = sources.map((s) => s.text).join('\n');
const read = (rel) => fs.readFileSync(path.join(repoRoot, rel), 'utf8');

test('every contributed command is in the client\'s command table, has a handler entry, a title and the category', () => {
  const ids = contributes.commands.map((c) => c.command).sort();
  assert.deepEqual(ids, Object.values(L.Commands).sort());
  const extension = read('client/src/extension.ts');
  for (const c of contributes.commands) {
    assert.equal(c.category, 'Cloud Annotations', c.command);
    assert.ok(c.title && !c.title.startsWith('Cloud Annotations'), `${c.command}: the category already prefixes the title`);
    assert.ok(extension.includes(`'${c.command}': `), `${c.command} has an entry in extension.ts's handler table`);
    if (c.icon) assert.match(c.icon, /^\$\([a-z0-9-]+\)$/, `${c.command}: a codicon`);
  }
  assert.match(extension, /Record<CommandId, /, 'the handler table is typed so a missing handler fails to compile');
});

test('client command ids never collide with the server\'s executeCommand ids (the language client registers those)', () => {
  const server = new Set(Object.values(L.ServerCommands));
  for (const id of Object.values(L.Commands)) assert.equal(server.has(id), false, id);
});

test('menus only name contributed commands, with the right places and conditions', () => {
  const ids = new Set(contributes.commands.map((c) => c.command));
  for (const [menu, entries] of Object.entries(contributes.menus)) {
    for (const e of entries) assert.ok(ids.has(e.command), `${menu}: ${e.command}`);
  }
  const title = contributes.menus['editor/title'];
  assert.ok(title.length >= 5);
  for (const e of title) assert.match(e.when, /resourceFilename == _annotations\.json/);
  const explorer = contributes.menus['explorer/context'];
  const folderEntries = explorer.filter((e) => /explorerResourceIsFolder/.test(e.when));
  assert.ok(folderEntries.length > 0);
  for (const e of folderEntries) assert.match(e.when, new RegExp(`resourcePath in ${L.ProjectFoldersContextKey.replace('.', '\\.')}`));
  for (const verb of ['pullFolder', 'pushFolder', 'syncFolder']) {
    assert.ok(folderEntries.some((e) => e.command === `cloudAnnotations.${verb}`), `${verb} on project folders`);
  }
  assert.ok(allSource.includes('ProjectFoldersContextKey') && read('client/src/projects.ts').includes("'setContext', ProjectFoldersContextKey"), 'the context key is set by the client');
});

test('every contributed setting has a consumer, and every consumer a contributed setting', () => {
  const props = contributes.configuration.properties;
  const keys = Object.keys(props).map((k) => k.replace(/^cloudAnnotations\./, '')).sort();
  assert.ok(Object.keys(props).every((k) => k.startsWith(`${L.SettingsSection}.`)));
  assert.deepEqual(keys, Object.keys(L.SettingConsumers).sort());
  for (const [key, consumer] of Object.entries(L.SettingConsumers)) {
    if (consumer === 'client') {
      const read = new RegExp(`(get(<[^>]+>)?|str)\\('${key.replace('.', '\\.')}'\\)`);
      assert.match(allSource, read, `client setting ${key} is read in client/src`);
    } else if (consumer === 'server') {
      assert.ok(key in L.ServerDefaults, `${key} is sent to the server by toServerConfig`);
      assert.deepEqual(props[`cloudAnnotations.${key}`].default, L.ServerDefaults[key], `${key}: manifest default = client default`);
    } else {
      // vscode-languageclient reads `<id>.trace.server`: the client id must be the section name.
      assert.equal(key, 'trace.server');
      assert.match(read('client/src/server.ts'), /new LanguageClient\('cloudAnnotations',/);
    }
  }
  assert.deepEqual(props['cloudAnnotations.rules'].additionalProperties.enum, [...L.Severities]);
  assert.deepEqual(props['cloudAnnotations.trace.server'].enum, ['off', 'messages', 'verbose']);
});

test('settings are scoped as VS Code expects: per folder for project settings, machine-level for programs and parallelism', () => {
  const scope = (k) => contributes.configuration.properties[`cloudAnnotations.${k}`].scope;
  for (const k of ['remote', 'endpoint', 'region', 'auth', 'rules', 'maxSymbols', 'debounceMs']) assert.equal(scope(k), 'resource', k);
  assert.match(scope('server.path'), /^machine(-overridable)?$/);
  assert.match(scope('jobs'), /^machine(-overridable)?$/);
  assert.equal(scope('trace.server'), 'window');
  const restricted = pkg.capabilities.untrustedWorkspaces.restrictedConfigurations;
  for (const k of restricted) assert.ok(k in contributes.configuration.properties, k);
  assert.ok(restricted.includes('cloudAnnotations.server.path'), 'an untrusted folder cannot choose the program to run');
  assert.ok(restricted.includes('cloudAnnotations.endpoint'), 'an untrusted folder cannot send credentials elsewhere');
});

test('no setting holds a secret', () => {
  for (const [k, v] of Object.entries(contributes.configuration.properties)) {
    assert.doesNotMatch(k, /secret|password|apikey|api_key|token|access_?key/i, k);
    assert.doesNotMatch(JSON.stringify(v.default ?? ''), /AKIA|secret/i, k);
  }
});

test('activation: the workspace holding an _annotations.json, and the language', () => {
  const lang = contributes.languages.find((l) => l.id === L.LanguageId);
  assert.ok(lang, 'the language is contributed');
  assert.deepEqual(lang.filenames, [L.AnnotationsFileName]);
  assert.deepEqual(pkg.activationEvents.sort(), [`onLanguage:${L.LanguageId}`, `workspaceContains:**/${L.AnnotationsFileName}`].sort());
  for (const l of contributes.languages) assert.ok(pkg.activationEvents.includes(`onLanguage:${l.id}`), l.id);
});

test('the grammar reuses JSON\'s, the language configuration has brackets and auto-closing and no comments', () => {
  const [grammar] = contributes.grammars;
  assert.equal(grammar.language, L.LanguageId);
  const g = JSON.parse(read(grammar.path));
  assert.equal(g.scopeName, grammar.scopeName);
  assert.deepEqual(g.patterns, [{ include: 'source.json' }]);
  const lang = contributes.languages.find((l) => l.id === L.LanguageId);
  const cfg = JSON.parse(read(lang.configuration));
  assert.equal('comments' in cfg, false, 'JSON has no comments: the toggle-comment command must not insert any');
  assert.deepEqual(cfg.brackets, [['{', '}'], ['[', ']']]);
  assert.ok(cfg.autoClosingPairs.some((p) => p.open === '"' && p.notIn.includes('string')));
  // Completion inside "label" strings needs quick suggestions in strings, as for JSON.
  const defaults = contributes.configurationDefaults[`[${L.LanguageId}]`];
  assert.deepEqual(defaults['editor.quickSuggestions'], { strings: true });
  assert.equal(defaults['editor.defaultFormatter'], `${pkg.publisher}.${pkg.name}`);
});

test('manifest identity: engine, entry point, icon, repository, license', () => {
  assert.equal(pkg.engines.vscode, '^1.91.0', 'vscode-languageclient 11 needs 1.91');
  assert.match(pkg.devDependencies['@types/vscode'], /^~?\^?1\.91\./, '@types/vscode matches the engine');
  assert.match(pkg.dependencies['vscode-languageclient'], /^\^11\./);
  assert.equal(pkg.main, './dist/extension.js');
  assert.match(read('client/esbuild.mjs'), /outfile: path\.join\(outdir, 'extension\.js'\)/);
  assert.match(pkg.scripts['build:client'], /tsc -p client\/tsconfig\.json --noEmit && node client\/esbuild\.mjs/);
  assert.match(pkg.scripts.package, /vsce package --no-dependencies -o dist\/cloud-annotations\.vsix/);
  for (const f of ['name', 'displayName', 'description', 'publisher', 'license', 'version']) assert.ok(pkg[f], f);
  assert.match(pkg.repository.url, /^https:\/\/github\.com\//);
  assert.ok(fs.existsSync(path.join(repoRoot, 'LICENSE')));
  const png = fs.readFileSync(path.join(repoRoot, pkg.icon));
  assert.equal(png.subarray(1, 4).toString('ascii'), 'PNG');
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128], 'marketplace icons are 128×128');
  const tsconfig = read('client/tsconfig.json');
  assert.match(tsconfig, /"types": \["node", "vscode"\]/);
  assert.match(tsconfig, /"strict": true/);
});

test('the logic modules stay free of `vscode`, so they run under node', () => {
  for (const s of sources.filter((x) => x.file.startsWith('logic'))) {
    assert.doesNotMatch(s.text, /from 'vscode'|require\('vscode'\)/, s.file);
  }
});

test('the package holds the bundle, the server and the assets, and nothing of the sources', () => {
  const vsce = path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  const files = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: repoRoot, encoding: 'utf8' }).trim().split('\n').map((f) => f.trim());
  for (const f of ['package.json', 'README.md', 'LICENSE', pkg.icon, contributes.grammars[0].path.replace(/^\.\//, ''), contributes.languages[0].configuration.replace(/^\.\//, '')]) {
    assert.ok(files.includes(f), `${f} is packaged`);
  }
  for (const f of ['dist/extension.js', 'dist/preview.js', 'dist/server/cloud-annotations.dll', 'dist/server/cloud-annotations.runtimeconfig.json']) {
    if (fs.existsSync(path.join(repoRoot, f))) assert.ok(files.includes(f), `${f} is packaged`);
  }
  for (const f of files) {
    assert.doesNotMatch(f, /^(client\/(src|test|scripts)|node_modules|server|tests|bench|examples|schemas|\.ci)\//, f);
    assert.doesNotMatch(f, /\.(ts|map|pdb|vsix)$/, f);
  }
});
