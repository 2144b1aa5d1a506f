import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Redactor } from '../../src/secrets/redact';
import { renderSequenceDiagram } from '../../src/report/diagram-svg';
import { renderTranscriptHtml } from '../../src/report/transcript-html';
import { renderTranscriptText } from '../../src/report/transcript-text';
import { scenarioRedactor } from '../../src/secrets/scenario-secrets';
import { TranscriptBuilder, sampleChatTranscript } from './sample-transcript';
import { findAll, parseXml } from './xml';

/** No secret is known: these tests are about layout, not masking. */
const NO_SECRETS = new Redactor();

describe('text transcript', () => {
  const cookie = 'session=cookie-in-text-77';
  const entries = sampleChatTranscript(cookie);
  const text = renderTranscriptText(entries, { redactor: scenarioRedactor([], entries), title: 'chat works' });
  const lines = text.split('\n');

  it('starts with the title, an overview and the timing figures', () => {
    assert.equal(lines[0], 'Wire transcript: chat works');
    assert.match(lines[1] ?? '', /^1 client \(alice\) · 8 frames: 4 out, 4 in · 12 events over 7\.5 ms$/);
    assert.ok(lines.some((line) => /^ping round trip: 500 µs$/.test(line)));
    assert.ok(lines.some((line) => /^message round trip: p50 1\.5 ms/.test(line)));
  });

  it('lists the handshake with its headers, secrets masked', () => {
    assert.ok(lines.some((line) => /\+0\.20 ms {2}alice +-> {2}GET \/chat HTTP\/1\.1$/.test(line)), text);
    assert.ok(lines.some((line) => line.trim() === 'Cookie: [redacted]'));
    assert.ok(lines.some((line) => line.includes('HTTP/1.1 101 Switching Protocols (after 1.3 ms)')));
    assert.ok(!text.includes('cookie-in-text-77'));
  });

  it('shows each frame with time, client, direction, opcode, bits, length and preview', () => {
    assert.ok(lines.some((line) => /^ *\+1\.50 ms {2}alice +-> {2}text +F---M {2}5 B +"hello"$/.test(line)), text);
    assert.ok(lines.some((line) => /^ *\+3\.00 ms {2}alice +<- {2}text +F---- {2}5 B +"hello"$/.test(line)), text);
    assert.ok(lines.some((line) => /binary +F---M {2}3 B +01 02 ff$/.test(line)));
    assert.ok(lines.some((line) => /close +F---M {2}5 B +1000 "bye"$/.test(line)));
    assert.ok(lines.some((line) => /closed 1000 "bye", initiated by client, clean$/.test(line)));
  });

  it('names continuations, raw bytes, lying lengths, RSV bits, errors and reconnects', () => {
    const more = new TranscriptBuilder()
      .frame('bob', 'out', 2, Buffer.from([1]), { fin: false })
      .frame('bob', 'out', 0, Buffer.from([2]))
      .raw('bob', Buffer.from([0x81, 0x85]))
      .frame('bob', 'in', 1, 'x', { rsv1: true, declaredLength: 1000 })
      .error('bob', 'pong-timeout', 'no pong within 500 ms\nsecond line')
      .reconnect('bob', 2, 1000).entries;
    const out = renderTranscriptText(more, { redactor: NO_SECRETS });
    assert.match(out, /binary +-{4}M {2}1 B +01\n/);
    assert.match(out, /continuation \(binary\) +F---M {2}1 B +02/);
    assert.match(out, /raw {20,}2 B +81 85/);
    assert.match(out, /text +F1--- {2}1 B \(length field 1000\) +"x"/);
    assert.match(out, /error pong-timeout: no pong within 500 ms\n +second line/);
    assert.match(out, /reconnect attempt 2 after 1 s/);
  });

  it('leaves out the middle of a long transcript and says how much', () => {
    const builder = new TranscriptBuilder();
    for (let index = 0; index < 50; index++) builder.send('alice', `m${index}`);
    const out = renderTranscriptText(builder.entries, { redactor: NO_SECRETS, maxEntries: 11 });
    assert.match(out, /… 40 more events \(40 frames\) left out …/);
    assert.ok(out.includes('"m0"') && out.includes('"m49"') && !out.includes('"m20"'));
  });

  it('cuts long payloads after the preview limit and shows their full length, exact to the byte', () => {
    const long = new TranscriptBuilder()
      .send('alice', 'a'.repeat(70_000))
      .frame('alice', 'in', 2, Buffer.alloc(65_535, 0xab))
      .frame('alice', 'in', 2, Buffer.alloc(65_536, 0xcd)).entries;
    const out = renderTranscriptText(long, { redactor: NO_SECRETS, previewLimit: 20 });
    assert.match(out, new RegExp(`text +F---M {2}68\\.4 KiB \\(70000 B\\) +"${'a'.repeat(20)}"…\n`));
    assert.match(out, /binary +F---- {2}64 KiB \(65535 B\) +(ab ){20}…\n/);
    assert.match(out, /binary +F---- {2}64 KiB +(cd ){20}…\n/, 'a round size needs no byte count');
    assert.ok(!out.includes('a'.repeat(21)));
    const svg = renderSequenceDiagram(long, { redactor: NO_SECRETS, maxRows: 10 });
    assert.ok(svg.includes('68.4 KiB (70000 B)'), 'the diagram shows the full length too');
    assert.ok(!svg.includes('a'.repeat(200)), 'and only a preview of the payload');
  });

  it('says so when nothing happened', () => {
    assert.match(renderTranscriptText([], { redactor: NO_SECRETS }), /\(nothing was sent or received\)/);
  });
});

describe('HTML transcript', () => {
  it('is a well-formed page with one table row per event, text escaped and secrets masked', () => {
    const entries = new TranscriptBuilder()
      .connect('alice', { cookie: 'sid=html-secret-55' })
      .send('alice', '<script>alert("x")</script> & more').entries;
    const html = renderTranscriptHtml(entries, { redactor: scenarioRedactor([], entries), title: 'a <b> title' });
    assert.ok(!html.includes('<script>alert'));
    assert.ok(!html.includes('html-secret-55'));
    const root = parseXml(html.replace('<!DOCTYPE html>', '').replace('<meta charset="utf-8">', '<meta charset="utf-8"/>'));
    const rows = findAll(root, 'tr');
    assert.equal(rows.length, 1 + entries.length);
    assert.ok(html.includes('&lt;script&gt;alert(\\&quot;x\\&quot;)&lt;/script&gt; &amp; more'));
    assert.ok(html.includes('Cookie: [redacted]'));
  });

  it('masks a secret value wherever it appears in a payload', () => {
    const redactor = new Redactor();
    redactor.addSecretValue('token-abc-123');
    const entries = new TranscriptBuilder().send('alice', '{"token":"token-abc-123"}').entries;
    assert.ok(!renderTranscriptHtml(entries, { redactor }).includes('token-abc-123'));
    assert.ok(!renderTranscriptText(entries, { redactor }).includes('token-abc-123'));
  });
});
