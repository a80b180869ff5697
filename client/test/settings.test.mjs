import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadLogic } from './load-logic.mjs';

const L = await loadLogic();
const getter = (o) => (k) => o[k];

test('defaults reach the server when nothing is set', () => {
  const { config, warnings } = L.toServerConfig(getter({}));
  assert.deepEqual(config, { rules: {}, maxSymbols: 5000, debounceMs: 150, jobs: 16, 'format.style': 'pretty' });
  assert.equal(L.toServerConfig(getter({ 'format.style': 'minified' })).config['format.style'], 'minified');
  assert.deepEqual(warnings, []);
});

test('rule overrides are normalised; bad codes and severities are dropped with a warning naming them', () => {
  const { config, warnings } = L.toServerConfig(getter({ rules: { ca3003: 'Warning', CA4005: 'off', CA9: 'error', CA2002: 'fatal' } }));
  assert.deepEqual(config.rules, { CA3003: 'warning', CA4005: 'off' });
  assert.equal(warnings.length, 2);
  assert.match(warnings.join('\n'), /"CA9" is not a rule code/);
  assert.match(warnings.join('\n'), /CA2002 has severity "fatal"/);
});

test('rules that are not an object are refused', () => {
  const { config, warnings } = L.toServerConfig(getter({ rules: ['CA1001'] }));
  assert.deepEqual(config.rules, {});
  assert.match(warnings[0], /must be an object/);
});

test('numbers are kept in range and rounded; nonsense falls back to the default', () => {
  const { config, warnings } = L.toServerConfig(getter({ maxSymbols: -5, debounceMs: 99999, jobs: 8.6 }));
  assert.equal(config.maxSymbols, 0);
  assert.equal(config.debounceMs, 5000);
  assert.equal(config.jobs, 9);
  assert.equal(warnings.length, 2);
  assert.equal(L.toServerConfig(getter({ jobs: 'many' })).config.jobs, 16);
  assert.equal(L.toServerConfig(getter({ debounceMs: 0 })).config.debounceMs, 0, 'zero debounce is allowed (benchmarks)');
});

test('link defaults come from settings only when a remote is set', () => {
  assert.equal(L.linkOptionsFromSettings(getter({ region: 'us-south' })), undefined);
  assert.deepEqual(L.linkOptionsFromSettings(getter({ remote: ' s3://pets/v2 ', region: 'us-south', endpoint: '', auth: 'iam' })),
    { remote: 's3://pets/v2', region: 'us-south', auth: 'iam' });
  assert.deepEqual(L.linkOptionsFromSettings(getter({ remote: 'file:///tmp/b', auth: 'weird' })), { remote: 'file:///tmp/b' });
});

test('stored secrets are laid over the environment, HMAC keys only as a pair', () => {
  const base = { PATH: '/usr/bin', AWS_ACCESS_KEY_ID: 'from-env', AWS_SECRET_ACCESS_KEY: 'from-env-secret', UNSET: undefined };
  const both = L.serverEnvironment(base, { accessKeyId: 'AK', secretAccessKey: 'SK', ibmApiKey: 'API' });
  assert.equal(both.AWS_ACCESS_KEY_ID, 'AK');
  assert.equal(both.AWS_SECRET_ACCESS_KEY, 'SK');
  assert.equal(both.IBM_API_KEY, 'API');
  assert.equal(both.PATH, '/usr/bin');
  assert.equal('UNSET' in both, false);
  const half = L.serverEnvironment(base, { accessKeyId: 'AK' });
  assert.equal(half.AWS_ACCESS_KEY_ID, 'from-env', 'half a stored pair does not replace the environment\'s pair');
  assert.equal(half.AWS_SECRET_ACCESS_KEY, 'from-env-secret');
  assert.equal(base.AWS_ACCESS_KEY_ID, 'from-env', 'the base environment is not modified');
});

test('credential state says where keys come from without revealing them', () => {
  const s = L.credentialState({ IBM_API_KEY: 'env-api-key-123' }, { accessKeyId: 'AKID-456', secretAccessKey: 'SECRET-789' });
  assert.deepEqual(s, { hmac: 'stored', iam: 'environment' });
  assert.doesNotMatch(JSON.stringify(s), /123|456|789/);
  assert.equal(L.hasCredentialsFor('iam', s), true);
  assert.equal(L.hasCredentialsFor('hmac', L.credentialState({}, {})), false);
  assert.equal(L.hasCredentialsFor('hmac', L.credentialState({ AWS_ACCESS_KEY_ID: 'a' }, {})), false, 'half a pair is no credential');
});

test('pasted keys are checked', () => {
  assert.match(L.validateSecretInput('  ', 'API key'), /Enter the API key/);
  assert.match(L.validateSecretInput('abc def', 'API key'), /spaces/);
  assert.equal(L.validateSecretInput(' abc ', 'API key'), undefined);
});

test('every setting has exactly one consumer', () => {
  for (const [k, v] of Object.entries(L.SettingConsumers)) assert.ok(['client', 'server', 'languageclient'].includes(v), k);
  const serverKeys = Object.entries(L.SettingConsumers).filter(([, v]) => v === 'server').map(([k]) => k).sort();
  assert.deepEqual(serverKeys, Object.keys(L.ServerDefaults).sort(), 'the server part is exactly what toServerConfig sends');
});
