import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { REDACTED, Redactor, parseHeaderList } from '../../src/secrets/redact';
import { ScenarioSecrets, scenarioRedactor } from '../../src/secrets/scenario-secrets';
import { TranscriptBuilder } from './sample-transcript';

describe('Redactor', () => {
  it('masks the values of the default secret headers whatever their case, and no others', () => {
    const redactor = new Redactor();
    const masked = redactor.headers([
      ['Authorization', 'Bearer abc.def'],
      ['COOKIE', 'a=1'],
      ['set-cookie', 'sid=xyz; Path=/'],
      ['Proxy-Authorization', 'Basic Zm9vOmJhcg=='],
      ['Host', 'example.test'],
    ]);
    assert.deepEqual(masked, [
      ['Authorization', REDACTED],
      ['COOKIE', REDACTED],
      ['set-cookie', REDACTED],
      ['Proxy-Authorization', REDACTED],
      ['Host', 'example.test'],
    ]);
  });

  it('masks user-named headers too', () => {
    const redactor = new Redactor(['X-Api-Key', ' x-tenant-token ']);
    assert.equal(redactor.headerValue('x-api-key', 'k-123456'), REDACTED);
    assert.equal(redactor.headerValue('X-Tenant-Token', 't'), REDACTED);
    assert.equal(redactor.headerValue('X-Other', 'visible'), 'visible');
  });

  it('learns cookie pairs and values so they are masked in free text', () => {
    const redactor = new Redactor();
    redactor.learnHeaders([['Cookie', 'session=s3cr3t-value; theme=dark-mode']]);
    const text = redactor.text('echoed session=s3cr3t-value and later s3cr3t-value alone, theme=dark-mode');
    assert.ok(!text.includes('s3cr3t-value'), text);
    assert.ok(!text.includes('dark-mode'), text);
    assert.match(text, /^echoed \[redacted\] and later \[redacted\] alone/);
  });

  it('learns bearer tokens and the password inside basic credentials', () => {
    const redactor = new Redactor();
    const basic = Buffer.from('admin:hunter2-pass').toString('base64');
    redactor.learnHeaders([
      ['Authorization', 'Bearer tok-0123456789'],
      ['Proxy-Authorization', `Basic ${basic}`],
    ]);
    const text = redactor.text(`token tok-0123456789, creds ${basic}, password hunter2-pass`);
    assert.equal(text, `token ${REDACTED}, creds ${REDACTED}, password ${REDACTED}`);
  });

  it('does not mask values too short to be told from ordinary text', () => {
    const redactor = new Redactor();
    redactor.learnHeaders([['Cookie', 'a=1']]);
    assert.equal(redactor.text('a=1 stays; ordinary words stay'), 'a=1 stays; ordinary words stay');
    assert.equal(redactor.headerValue('Cookie', 'a=1'), REDACTED);
  });

  it('masks secret header lines in a raw HTTP head and keeps the rest', () => {
    const redactor = new Redactor();
    const head = 'GET / HTTP/1.1\r\nHost: h\r\nCookie: sid=abcdef123\r\nX-A: b\r\n\r\n';
    const masked = redactor.head(head);
    assert.ok(!masked.includes('abcdef123'));
    assert.match(masked, /^GET \/ HTTP\/1\.1\nHost: h\nCookie: \[redacted\]\nX-A: b/);
  });

  it('finds secret byte ranges in payloads, merged and in order', () => {
    const redactor = new Redactor();
    redactor.addSecretValue('abcd');
    redactor.addSecretValue('cdef');
    const ranges = redactor.secretRanges(Buffer.from('xxabcdefyyabcd'));
    assert.deepEqual(ranges, [
      [2, 8],
      [10, 14],
    ]);
  });

  it('parses comma-separated header lists', () => {
    assert.deepEqual(parseHeaderList(' X-A, ,x-b ,'), ['X-A', 'x-b']);
    assert.deepEqual(parseHeaderList(undefined), []);
  });
});

describe('scenario secrets', () => {
  it('learns values from the transcript handshakes, request and response', () => {
    const entries = new TranscriptBuilder().connect('alice', { cookie: 'sid=from-transcript-1' }).entries;
    const redactor = scenarioRedactor([], entries);
    assert.equal(redactor.text('x sid=from-transcript-1 x'), `x ${REDACTED} x`);
  });

  it('learns values from header tables and header phrases, resolving ${env:NAME}', () => {
    const steps = [
      { text: '"alice" sends the headers:', argument: { dataTable: { rows: [{ cells: [{ value: 'Cookie' }, { value: '${env:TEST_COOKIE}' }] }] } } },
      { text: 'the mock server should have received the header "X-Api-Key" with value "${env:TEST_KEY}" from "alice"' },
    ];
    const secrets = new ScenarioSecrets(['x-api-key'], steps, { TEST_COOKIE: 'sid=env-cookie-77', TEST_KEY: 'key-from-env-88' });
    const redactor = secrets.update([]);
    assert.equal(redactor.text('sid=env-cookie-77 / env-cookie-77 / key-from-env-88'), `${REDACTED} / ${REDACTED} / ${REDACTED}`);
  });

  it('pairs a header name with the next quoted value even after another quoted string', () => {
    const steps = [
      { text: '"alice" should have been sent the header "Cookie" with value "sid=after-client-name"' },
      { text: 'the mock server requires the header "Authorization" matching "Bearer tok-prefix"' },
    ];
    const redactor = new ScenarioSecrets([], steps, {}).update([]);
    assert.equal(redactor.text('sid=after-client-name tok-prefix'), `${REDACTED} ${REDACTED}`);
    assert.equal(redactor.text('alice Cookie'), 'alice Cookie');
  });

  it('learns from entries recorded after an earlier update', () => {
    const builder = new TranscriptBuilder();
    const secrets = new ScenarioSecrets([]);
    assert.equal(secrets.update(builder.entries).knownValueCount, 0);
    builder.connect('bob', { cookie: 'sid=late-arrival-9' });
    assert.equal(secrets.update(builder.entries).text('sid=late-arrival-9'), REDACTED);
  });
});

describe('passwords in URLs', () => {
  it('masks the password of any URL in free text, known or not, and leaves the rest of the URL', () => {
    const redactor = new Redactor();
    assert.equal(redactor.text('connect to ws://ann:s3cr3t@host:80/x failed'), `connect to ws://ann:${REDACTED}@host:80/x failed`);
    assert.equal(redactor.text('"wss://ann:pw@h" and https://b:c%40d@e/'), `"wss://ann:${REDACTED}@h" and https://b:${REDACTED}@e/`);
  });

  it('leaves URLs without a password alone: a port is not a password, a user alone is not one', () => {
    const redactor = new Redactor();
    for (const text of ['ws://host:8080/path', 'ws://ann@host/', 'ws://host:8080 mail a@b', 'a:b@c']) assert.equal(redactor.text(text), text);
  });

  it('learns a URL password, decoded too, so that it is masked where it appears alone', () => {
    const redactor = new Redactor();
    redactor.learnUrls('ws://ann:p%40ss-word@host/');
    assert.equal(redactor.text('sent p@ss-word and p%40ss-word'), `sent ${REDACTED} and ${REDACTED}`);
  });

  it('learns the passwords of the URLs in world parameters and in the steps of a scenario', () => {
    const secrets = new ScenarioSecrets([], [{ text: 'a client "a" for "ws://u:step-secret@h/"' }], {}, { target: 'ws://u:target-secret@h', nested: { url: 'ws://v:nested-secret@h' } });
    assert.equal(secrets.redactor.text('step-secret target-secret nested-secret'), `${REDACTED} ${REDACTED} ${REDACTED}`);
  });

  it('gives the ranges it masks, so step arguments can move onto the masked text', () => {
    const redactor = new Redactor();
    redactor.addSecretValue('cookie-value');
    const text = 'ws://u:pw@h cookie-value';
    assert.deepEqual(redactor.textRanges(text), [[7, 9], [12, 24]]);
  });
});
