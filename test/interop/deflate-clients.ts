import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { WebSocketClient } from '../../src/client/client';
import type { DeflateOffer } from '../../src/client/deflate-negotiation';
import { REPO_ROOT } from './install';
import { freePort, installExitHooks, startGroup, stopGroup, waitForTcp } from './processes';
import { SERVERS } from './servers';

/**
 * `node dist/test/interop/deflate-clients.js [server...]`: wsbdd's client against the compressing echo
 * servers (ws-deflate, bun-deflate by default) under several offers, messages from 0 bytes to 1 MiB
 * of three kinds, every fifth sent uncompressed. Prints one line per server and offer; exit 1 when
 * an echo differed or the connection failed. An offer the server declines is reported, not failed.
 */
const OFFERS: Array<{ name: string; offer: DeflateOffer }> = [
  { name: 'plain', offer: {} },
  { name: 'no context takeover both ways', offer: { clientNoContextTakeover: true, serverNoContextTakeover: true } },
  { name: 'windows of 10 bits', offer: { clientMaxWindowBits: 10, serverMaxWindowBits: 10 } },
  { name: 'windows of 8 bits', offer: { clientMaxWindowBits: 8, serverMaxWindowBits: 8 } },
  { name: 'client_max_window_bits without a value', offer: { clientMaxWindowBits: true } },
];
const SIZES = [0, 1, 125, 126, 65535, 65536, 300_000, 1 << 20];
const MESSAGE_TIMEOUT_MS = 10_000;

function payloads(): Array<string | Buffer> {
  const words = 'permessage-deflate echoes every byte; ';
  const block = randomBytes(1000);
  return SIZES.flatMap((size) => [
    words.repeat(Math.ceil(size / words.length) + 1).slice(0, size),
    randomBytes(size),
    Buffer.alloc(size).fill(block),
  ]);
}

async function check(url: string, offer: DeflateOffer): Promise<string> {
  const client = new WebSocketClient({ url, perMessageDeflate: offer, maxMessageSize: 4 << 20 });
  const errors: string[] = [];
  client.on('error', (error) => errors.push(`${error.code}: ${error.message}`));
  try {
    const result = await client.connect();
    if (!result.ok) throw new Error(`no connection: ${result.error.code}: ${result.error.message}`);
    const terms = result.open.perMessageDeflate;
    if (!terms) return `declined (answered ${result.open.extensions ?? 'without extensions'})`;
    let compressedReplies = 0;
    const sent = payloads();
    for (const [i, message] of sent.entries()) {
      const reply = new Promise<{ data: Buffer; compressedLength?: number }>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no echo of message ${i} within ${MESSAGE_TIMEOUT_MS} ms; ${errors.join('; ')}`)), MESSAGE_TIMEOUT_MS);
        client.once('message', (event) => {
          clearTimeout(timer);
          resolve(event);
        });
      });
      client.send(message, { compress: i % 5 !== 4 });
      const got = await reply;
      if (!got.data.equals(Buffer.from(message))) throw new Error(`message ${i} (${Buffer.byteLength(message)} bytes) came back different`);
      if (got.compressedLength !== undefined) compressedReplies++;
    }
    if (errors.length > 0) throw new Error(errors.join('; '));
    return `ok: ${sent.length} messages echoed exactly (${compressedReplies} replies compressed), terms "${terms.parameters.join('; ') || 'none'}"`;
  } finally {
    client.terminate();
  }
}

async function main(): Promise<number> {
  installExitHooks();
  const names = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['ws-deflate', 'bun-deflate'];
  const logDir = join(REPO_ROOT, 'reports', 'interop');
  mkdirSync(logDir, { recursive: true });
  let failed = false;
  for (const name of names) {
    const server = SERVERS.find((s) => s.name === name);
    if (!server) throw new Error(`unknown server ${name} (known: ${SERVERS.map((s) => s.name).join(', ')})`);
    await server.install();
    const port = await freePort();
    const { command, args, env } = server.command(port);
    const started = startGroup(command, args, join(logDir, `${name}-deflate-clients.log`), { env });
    try {
      const down = await waitForTcp(port, started, 30_000);
      if (down) throw new Error(down);
      for (const { name: offerName, offer } of OFFERS) {
        try {
          console.log(`${server.label}, ${offerName}: ${await check(`ws://127.0.0.1:${port}/`, offer)}`);
        } catch (error) {
          failed = true;
          console.log(`${server.label}, ${offerName}: FAILED ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    } finally {
      await stopGroup(started);
    }
  }
  return failed ? 1 : 0;
}

void main().then((code) => process.exit(code), (error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
