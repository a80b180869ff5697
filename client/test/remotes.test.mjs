import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadLogic } from './load-logic.mjs';

const L = await loadLogic();

test('IBM COS region → public endpoint; private and direct networks; storage classes stripped', () => {
  assert.equal(L.ibmCosEndpoint('us-south'), 'https://s3.us-south.cloud-object-storage.appdomain.cloud');
  assert.equal(L.ibmCosEndpoint('eu-de', 'private'), 'https://s3.private.eu-de.cloud-object-storage.appdomain.cloud');
  assert.equal(L.ibmCosEndpoint('jp-tok-smart', 'direct'), 'https://s3.direct.jp-tok.cloud-object-storage.appdomain.cloud');
  assert.equal(L.stripStorageClass('us-south-standard'), 'us-south');
  assert.equal(L.stripStorageClass('eu-gb-vault'), 'eu-gb');
  assert.equal(L.stripStorageClass('us-cold'), 'us');
  assert.throws(() => L.ibmCosEndpoint('us south'), /Not an IBM COS region/);
});

test('the region list holds the current public regions, each with a valid endpoint', () => {
  const ids = L.IbmCosRegions.map((r) => r.id);
  for (const r of ['us-south', 'us-east', 'eu-de', 'eu-gb', 'eu-es', 'jp-tok', 'jp-osa', 'au-syd', 'ca-tor', 'br-sao']) assert.ok(ids.includes(r), r);
  for (const r of L.IbmCosRegions) assert.equal(L.validateEndpoint(L.ibmCosEndpoint(r.id)), undefined);
});

test('remotes: s3://bucket/prefix and file:///path', () => {
  assert.deepEqual(L.parseRemote('s3://pets'), { kind: 's3', bucket: 'pets', prefix: '' });
  assert.deepEqual(L.parseRemote('s3://pets/projects/v2/'), { kind: 's3', bucket: 'pets', prefix: 'projects/v2' });
  assert.deepEqual(L.parseRemote('file:///srv/my%20bucket'), { kind: 'file', path: '/srv/my bucket' });
  assert.deepEqual(L.parseRemote('file:///C:/buckets/pets'), { kind: 'file', path: 'C:/buckets/pets' });
  assert.throws(() => L.parseRemote('https://example.com/pets'), /use s3:\/\/BUCKET/);
  assert.throws(() => L.parseRemote('s3://Pets'), /lowercase/);
  assert.throws(() => L.parseRemote('s3://pets/../x'), /"\.\."/);
});

test('a local folder becomes a file:// remote that parses back to it', () => {
  for (const p of ['/srv/buckets/pets', '/home/me/my bucket #1', 'C:\\buckets\\pets']) {
    const remote = L.fileRemote(p);
    assert.match(remote, /^file:\/\/\//);
    assert.equal(L.parseRemote(remote).path, p.replace(/\\/g, '/'));
  }
});

test('s3Remote trims slashes', () => {
  assert.equal(L.s3Remote('pets', '/v2/'), 's3://pets/v2');
  assert.equal(L.s3Remote('pets', '  '), 's3://pets');
});

test('bucket names follow the S3 rules', () => {
  for (const ok of ['pets', 'my-bucket.v2', 'a1b']) assert.equal(L.validateBucketName(ok), undefined, ok);
  for (const bad of ['ab', 'Pets', '-pets', 'pets-', 'my..bucket', 'my.-bucket', '192.168.1.1', 'x'.repeat(64), 'pets_1']) {
    assert.notEqual(L.validateBucketName(bad), undefined, bad);
  }
});

test('prefixes and endpoints are checked', () => {
  assert.equal(L.validatePrefix(''), undefined);
  assert.equal(L.validatePrefix('projects/pets/'), undefined);
  assert.match(L.validatePrefix('a/../b'), /"\.\."/);
  assert.match(L.validatePrefix('a\\b'), /backslash/);
  assert.equal(L.validateEndpoint('http://127.0.0.1:4568'), undefined);
  assert.match(L.validateEndpoint('ftp://x'), /http/);
  assert.match(L.validateEndpoint('s3.us-south'), /Enter a URL/);
  assert.match(L.validateEndpoint('https://x/?a=1'), /no query/);
});
