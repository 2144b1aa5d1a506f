import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeClosePayload, escapeText, previewPayload } from '../../src/report/preview';
import { REDACTED, Redactor } from '../../src/secrets/redact';

describe('payload previews', () => {
  it('quotes text and escapes control characters and quotes', () => {
    assert.equal(previewPayload(Buffer.from('say "hi"\n\tnow\u0001'), 'text', { limit: 100 }), '"say \\"hi\\"\\n\\tnow\\u0001"');
  });

  it('cuts long text at the limit with an ellipsis', () => {
    const preview = previewPayload(Buffer.from('x'.repeat(500)), 'text', { limit: 10 });
    assert.equal(preview, `"${'x'.repeat(10)}"…`);
  });

  it('counts characters, not bytes, for text', () => {
    assert.equal(previewPayload(Buffer.from('héllo wörld'), 'text', { limit: 5 }), '"héllo"…');
  });

  it('shows binary as hex, cut with an ellipsis', () => {
    assert.equal(previewPayload(Buffer.from([0, 1, 0xff]), 'binary', { limit: 8 }), '00 01 ff');
    assert.equal(previewPayload(Buffer.alloc(20, 0xab), 'binary', { limit: 4 }), 'ab ab ab ab …');
  });

  it('shows a text frame that is not UTF-8 as hex and says so', () => {
    assert.equal(previewPayload(Buffer.from([0xc3, 0x28]), 'text', { limit: 8 }), 'c3 28 (not UTF-8)');
  });

  it('guesses text or hex for pings and unknown opcodes', () => {
    assert.equal(previewPayload(Buffer.from('hb'), 'auto', { limit: 8 }), '"hb"');
    assert.equal(previewPayload(Buffer.from([1, 2]), 'auto', { limit: 8 }), '01 02');
  });

  it('shows an empty payload as an empty string', () => {
    assert.equal(previewPayload(Buffer.alloc(0), 'binary', { limit: 8 }), '""');
  });

  it('masks a secret even when it straddles the cut', () => {
    const redactor = new Redactor();
    redactor.addSecretValue('supersecret');
    const text = previewPayload(Buffer.from('abcdefsupersecret tail'), 'text', { limit: 10, redactor });
    assert.ok(!text.includes('supers'), text);
    assert.ok(text.startsWith('"abcdef[red'), text);
  });

  it('masks a secret inside a binary payload', () => {
    const redactor = new Redactor();
    redactor.addSecretValue('tok1');
    const text = previewPayload(Buffer.concat([Buffer.from([0]), Buffer.from('tok1'), Buffer.from([0xff])]), 'binary', {
      limit: 16,
      redactor,
    });
    assert.equal(text, `00 ${REDACTED} ff`);
  });

  it('describes close payloads', () => {
    const options = { limit: 32 };
    assert.equal(describeClosePayload(Buffer.alloc(0), options), 'no status code');
    assert.equal(describeClosePayload(Buffer.from([0x03, 0xe8]), options), '1000');
    assert.equal(describeClosePayload(Buffer.concat([Buffer.from([0x03, 0xe9]), Buffer.from('bye')]), options), '1001 "bye"');
    assert.equal(describeClosePayload(Buffer.from([0x03]), options), 'malformed: 1 byte 03');
  });

  it('escapes characters that XML forbids', () => {
    assert.equal(escapeText('\u0000\ufffe'), '\\u0000\\ufffe');
  });
});
