import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Transcript } from '../../src/transcript/transcript';
import { renderTranscriptHtml } from '../../src/report/transcript-html';
import { renderTranscriptText } from '../../src/report/transcript-text';
import { NamedClient } from '../../src/world/named-client';
import { nextEvent } from '../fixtures/client-events';
import { startMisbehavingServer } from '../fixtures/misbehaving-server';
import { closePayload, serverFrame } from '../fixtures/raw-frames';
import { TranscriptBuilder } from './sample-transcript';
import { Redactor } from '../../src/secrets/redact';

/** No secret is known: these tests are about layout, not masking. */
const NO_SECRETS = new Redactor();

test('a rejected frame and an ignored one are marked in the text and HTML transcripts', () => {
  const { entries } = new TranscriptBuilder().receive('alice', 'hi').frame('alice', 'in', 9, '');
  Object.assign(entries[0], { rejected: 'WSBDD_ERR_MASKED_FRAME' });
  Object.assign(entries[1], { ignored: 'after-close' });
  const text = renderTranscriptText(entries, { redactor: NO_SECRETS });
  assert.match(text, /<- {2}text +F---- {2}2 B +\(rejected: WSBDD_ERR_MASKED_FRAME\) {2}"hi"\n/);
  assert.match(text, /<- {2}ping +F---- {2}0 B +\(ignored: after close\)\n/);
  const html = renderTranscriptHtml(entries, { redactor: NO_SECRETS });
  assert.match(html, /<tr class="error">(?:(?!<\/tr>).)*\(rejected: WSBDD_ERR_MASKED_FRAME\)/);
});

test('the World\'s transcript shows the masked frame a server sent, before the error it caused', async () => {
  const server = await startMisbehavingServer(async (connection) => {
    await connection.accept();
    connection.write(serverFrame(0x1, 'hi', { mask: true }));
    await connection.frame((frame) => frame.opcode === 0x8, "the client's close frame");
    connection.write(Buffer.concat([serverFrame(0x8, closePayload(1002)), serverFrame(0x1, 'late')]));
    connection.socket.end();
  });
  try {
    const transcript = new Transcript();
    const alice = new NamedClient('alice', transcript, () => undefined);
    const client = alice.ensureClient({ url: server.url, closeTimeoutMs: 500 });
    const closed = nextEvent(client, 'close', 4000);
    assert.ok((await client.connect()).ok);
    await closed;
    const lines = renderTranscriptText(transcript.entries, { redactor: NO_SECRETS }).split('\n');
    const rejectedAt = lines.findIndex((line) => /<- {2}text .*\(rejected: WSBDD_ERR_MASKED_FRAME\) {2}"hi"$/.test(line));
    const errorAt = lines.findIndex((line) => line.includes('error WSBDD_ERR_MASKED_FRAME'));
    assert.ok(rejectedAt >= 0 && errorAt > rejectedAt, lines.join('\n'));
    assert.ok(lines.some((line) => /<- {2}text .*\(ignored: after close\) {2}"late"$/.test(line)), lines.join('\n'));
  } finally {
    await server.close();
  }
});

test('the World\'s transcript keeps the handshake request when the answer never completes', async () => {
  const server = await startMisbehavingServer(async (connection) => {
    await connection.request();
    connection.write('HTTP/1.1 101 Swi');
  });
  try {
    const transcript = new Transcript();
    const alice = new NamedClient('alice', transcript, () => undefined);
    const client = alice.ensureClient({ url: server.url, handshakeTimeoutMs: 200 });
    const result = await client.connect();
    assert.ok(!result.ok);
    assert.equal(result.error.code, 'handshake-timeout');
    const kinds = transcript.entries.map((entry) => entry.kind);
    assert.deepEqual(kinds, ['tcp-connect', 'handshake-request', 'error'], renderTranscriptText(transcript.entries, { redactor: NO_SECRETS }));
  } finally {
    await server.close();
  }
});

test('the World\'s transcript records no request for an attempt that never reached TCP, after one abandoned', async () => {
  const server = await startMisbehavingServer(async (connection) => {
    await connection.request(); // and never answer
  });
  const transcript = new Transcript();
  const alice = new NamedClient('alice', transcript, () => undefined);
  const client = alice.ensureClient({ url: server.url, handshakeTimeoutMs: 10_000 });
  try {
    const tcpUp = nextEvent(client, 'tcpConnect', 4000);
    const abandoned = alice.attempt((c) => c.connect());
    await tcpUp;
    await client.close();
    assert.equal((await abandoned).ok, false);
    await server.close();
    const refused = await alice.attempt((c) => c.connect());
    assert.ok(!refused.ok);
    assert.equal(refused.error.code, 'ECONNREFUSED');
    const requests = transcript.entries.filter((entry) => entry.kind === 'handshake-request');
    assert.equal(requests.length, 0, renderTranscriptText(transcript.entries, { redactor: NO_SECRETS }));
  } finally {
    client.terminate();
    await server.close().catch(() => undefined);
  }
});
