import { randomBytes } from 'node:crypto';
import { WebSocketClient } from '../../src/client/client';
import type { DeflateOffer } from '../../src/client/deflate-negotiation';

/**
 * wsbdd's client against a compressing echo server: each offer on a connection of its own, messages
 * from 0 bytes to 1 MiB of three kinds, every fifth sent uncompressed, each echo compared byte for byte.
 */
export const OFFERS: Array<{ name: string; offer: DeflateOffer }> = [
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

export async function check(url: string, offer: DeflateOffer): Promise<string> {
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

