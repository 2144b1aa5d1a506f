import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { check, OFFERS } from './deflate-check';
import { REPO_ROOT } from './install';
import { freePort, installExitHooks, startGroup, stopGroup, waitForTcp } from './processes';
import { SERVERS } from './servers';

/**
 * `node dist/test/interop/deflate-clients.js [server...]`: wsbdd's client against the compressing echo
 * servers (ws-deflate, bun-deflate by default) under several offers, messages from 0 bytes to 1 MiB
 * of three kinds, every fifth sent uncompressed. Prints one line per server and offer; exit 1 when
 * an echo differed or the connection failed. An offer the server declines is reported, not failed.
 */
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
