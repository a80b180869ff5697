import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadLogic } from './load-logic.mjs';

const L = await loadLogic();

function env(files, vars = {}, platform = 'linux') {
  const set = new Set(files);
  return { platform, env: vars, homeDir: platform === 'win32' ? 'C:\\Users\\me' : '/home/me', isFile: (p) => set.has(p) };
}

test('DOTNET_ROOT wins over PATH, and PATH over the default install folders', () => {
  const e = env(['/opt/dn/dotnet', '/usr/bin/dotnet', '/usr/share/dotnet/dotnet'], { DOTNET_ROOT: '/opt/dn', PATH: '/usr/local/bin:/usr/bin' });
  assert.equal(L.findDotnet(e), '/opt/dn/dotnet');
  assert.equal(L.findDotnet({ ...e, env: { PATH: '/usr/local/bin:/usr/bin' } }), '/usr/bin/dotnet');
  assert.equal(L.findDotnet({ ...e, env: {} }), '/usr/share/dotnet/dotnet');
});

test('a dotnet under the home folder is found when nothing else is installed', () => {
  assert.equal(L.findDotnet(env(['/home/me/.dotnet/dotnet'], { PATH: '/usr/bin' })), '/home/me/.dotnet/dotnet');
  assert.equal(L.findDotnet(env([], { PATH: '/usr/bin' })), undefined);
});

test('Windows: dotnet.exe, ";"-separated PATH with quotes, Program Files', () => {
  const e = env(['C:\\tools\\dotnet\\dotnet.exe'], { Path: 'C:\\Windows;"C:\\tools\\dotnet"' }, 'win32');
  assert.equal(L.findDotnet(e), 'C:\\tools\\dotnet\\dotnet.exe');
  const pf = env(['C:\\Program Files\\dotnet\\dotnet.exe'], { ProgramFiles: 'C:\\Program Files', Path: 'C:\\Windows' }, 'win32');
  assert.equal(L.findDotnet(pf), 'C:\\Program Files\\dotnet\\dotnet.exe');
});

test('an acquired runtime is tried first', () => {
  const e = { ...env(['/usr/bin/dotnet', '/cache/dotnet/dotnet'], { PATH: '/usr/bin' }), preferredDotnet: ['/cache/dotnet/dotnet'] };
  assert.equal(L.findDotnet(e), '/cache/dotnet/dotnet');
});

test('the bundled server runs as `dotnet <ext>/dist/server/cloud-annotations.dll serve --stdio`', () => {
  const dll = '/ext/dist/server/cloud-annotations.dll';
  const launch = L.buildServerLaunch(env([dll, '/usr/bin/dotnet'], { PATH: '/usr/bin' }), '/ext', '');
  assert.equal(launch.ok, true);
  assert.equal(launch.command, '/usr/bin/dotnet');
  assert.deepEqual(launch.args, [dll, 'serve', '--stdio']);
  assert.equal(launch.runtimeConfig, '/ext/dist/server/cloud-annotations.runtimeconfig.json');
});

test('server.path: a .dll still runs with dotnet, an executable runs directly, ~ and relative paths resolve', () => {
  const e = env(['/usr/bin/dotnet', '/home/me/dev/cloud-annotations.dll', '/work/proj/bin/cloud-annotations', '/opt/ca/cloud-annotations'], { PATH: '/usr/bin' });
  const dll = L.buildServerLaunch(e, '/ext', '~/dev/cloud-annotations.dll');
  assert.deepEqual([dll.command, dll.args], ['/usr/bin/dotnet', ['/home/me/dev/cloud-annotations.dll', 'serve', '--stdio']]);
  const exe = L.buildServerLaunch(e, '/ext', '  /opt/ca/cloud-annotations ');
  assert.deepEqual([exe.command, exe.args, exe.runtimeConfig], ['/opt/ca/cloud-annotations', ['serve', '--stdio'], undefined]);
  const rel = L.buildServerLaunch(e, '/ext', 'bin/cloud-annotations', '/work/proj');
  assert.equal(rel.command, '/work/proj/bin/cloud-annotations');
});

test('an executable server needs no dotnet at all', () => {
  const launch = L.buildServerLaunch(env(['/opt/ca/cloud-annotations'], {}), '/ext', '/opt/ca/cloud-annotations');
  assert.equal(launch.ok, true);
});

test('no dotnet: a clear message with the download link', () => {
  const launch = L.buildServerLaunch(env(['/ext/dist/server/cloud-annotations.dll'], { PATH: '/usr/bin' }), '/ext', undefined);
  assert.equal(launch.ok, false);
  assert.equal(launch.reason, 'noDotnet');
  assert.match(launch.message, /https:\/\/dotnet\.microsoft\.com\/download/);
  assert.match(launch.message, /cloudAnnotations\.server\.path/);
});

test('a missing server is reported as such, naming the path (setting or bundle)', () => {
  const fromSetting = L.buildServerLaunch(env(['/usr/bin/dotnet'], { PATH: '/usr/bin' }), '/ext', '/nope/server.dll');
  assert.equal(fromSetting.reason, 'serverMissing');
  assert.match(fromSetting.message, /cloudAnnotations\.server\.path.*\/nope\/server\.dll/);
  const bundled = L.buildServerLaunch(env(['/usr/bin/dotnet'], { PATH: '/usr/bin' }), '/ext', '');
  assert.equal(bundled.reason, 'serverMissing');
  assert.match(bundled.message, /\/ext\/dist\/server\/cloud-annotations\.dll/);
});

const listRuntimes = `Microsoft.AspNetCore.App 8.0.11 [/usr/share/dotnet/shared/Microsoft.AspNetCore.App]
Microsoft.NETCore.App 8.0.11 [/usr/share/dotnet/shared/Microsoft.NETCore.App]
Microsoft.NETCore.App 10.0.2 [/usr/share/dotnet/shared/Microsoft.NETCore.App]
Microsoft.NETCore.App 11.0.0-preview.1.25080.5 [/usr/share/dotnet/shared/Microsoft.NETCore.App]
`;

test('dotnet --list-runtimes is parsed', () => {
  const r = L.parseRuntimes(listRuntimes);
  assert.equal(r.length, 4);
  assert.deepEqual(r[2], { name: 'Microsoft.NETCore.App', version: '10.0.2' });
  assert.equal(r[3].version, '11.0.0-preview.1.25080.5');
});

test('runtime check follows the default roll-forward (same major, later minor/patch, no silent preview)', () => {
  const installed = L.parseRuntimes(listRuntimes);
  const need = (version) => ({ name: 'Microsoft.NETCore.App', version });
  assert.equal(L.runtimeSatisfies(installed, need('10.0.0')), true);
  assert.equal(L.runtimeSatisfies(installed, need('10.0.3')), false);
  assert.equal(L.runtimeSatisfies(installed, need('9.0.0')), false, 'major versions do not roll forward by default');
  assert.equal(L.runtimeSatisfies(installed, need('11.0.0')), false, 'a preview does not satisfy a release');
  assert.equal(L.runtimeSatisfies(installed, need('11.0.0-preview.1')), true);
  assert.equal(L.runtimeSatisfies(installed, { name: 'Microsoft.WindowsDesktop.App', version: '8.0.0' }), false);
});

test('the framework reference is read from a runtimeconfig.json', () => {
  const cfg = JSON.stringify({ runtimeOptions: { tfm: 'net10.0', framework: { name: 'Microsoft.NETCore.App', version: '10.0.0' }, configProperties: {} } });
  assert.deepEqual(L.requiredFrameworks(cfg), [{ name: 'Microsoft.NETCore.App', version: '10.0.0' }]);
  const multi = JSON.stringify({ runtimeOptions: { frameworks: [{ name: 'A', version: '1.0.0' }, { name: 'B', version: '2.0.0' }] } });
  assert.equal(L.requiredFrameworks(multi).length, 2);
  assert.match(L.missingRuntimeMessage([{ name: 'Microsoft.NETCore.App', version: '10.0.0' }], '/usr/bin/dotnet'), /Microsoft\.NETCore\.App 10\.0.*\/usr\/bin\/dotnet.*dotnet\.microsoft\.com\/download/);
});

test('crash budget: 4 restarts within 3 minutes, then stop; old crashes age out', () => {
  let now = 0;
  const budget = new L.CrashBudget(4, 180_000, () => now);
  for (let i = 0; i < 4; i++) { assert.equal(budget.recordCrash(), true, `restart ${i + 1}`); now += 10_000; }
  assert.equal(budget.recordCrash(), false, 'fifth crash in the window');
  now += 180_000;
  assert.equal(budget.recordCrash(), true, 'after the window the count starts again');
  budget.reset();
  assert.equal(budget.recent, 0);
});
