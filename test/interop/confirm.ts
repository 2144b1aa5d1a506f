/**
 * Confirms a case of the conformance pack on the wire, with nothing of wsbdd in between: opens a TCP
 * connection (node:net), writes a hand-made handshake and the exact bytes of the check, and prints
 * what came back and when: the HTTP answer, each frame (a close frame's code and reason), the FIN or
 * reset of the TCP connection. A close frame from the server is answered with the same code, as a
 * client finishing the closing handshake would, unless --no-answer.
 *
 *   npm run interop:confirm -- --target ws://127.0.0.1:9001/ close-1005 rsv1-text
 *   npm run interop:confirm -- --server autobahn unmasked-text version-8
 *   npm run interop:confirm -- --list
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { connect, type Socket } from 'node:net';
import { checkCatalog, findCheck, type ConfirmCheck } from './confirm-checks';
import { REPO_ROOT } from './install';
import { freePort, installExitHooks, startGroup, stopGroup, waitForTcp, type Started } from './processes';
import { acceptFor, closeBody, frame, handshakeRequest, OPCODES, takeFrames, type ParsedFrame } from './raw-wire';
import { SERVERS } from './servers';

const CONNECT_TIMEOUT_MS = 5000;
const WRITE_GAP_MS = 5;

const OPCODE_NAMES: Record<number, string> = { 0: 'continuation', 1: 'text', 2: 'binary', 8: 'close', 9: 'ping', 10: 'pong' };

function describeFrame(f: ParsedFrame): string {
  const flags = `${f.fin ? 'FIN' : 'no FIN'}${f.rsv ? ` RSV=${f.rsv.toString(2).padStart(3, '0')}` : ''}${f.masked ? ' MASKED' : ''}`;
  const name = OPCODE_NAMES[f.opcode] ?? `opcode ${f.opcode}`;
  if (f.opcode === OPCODES.close) {
    if (f.payload.length < 2) return `close frame (${flags}), ${f.payload.length}-byte payload: no code`;
    return `close frame (${flags}) code ${f.payload.readUInt16BE(0)}, reason ${JSON.stringify(f.payload.subarray(2).toString('utf8'))}`;
  }
  const shown = f.opcode === OPCODES.text ? JSON.stringify(f.payload.subarray(0, 60).toString('utf8')) : f.payload.subarray(0, 32).toString('hex');
  return `${name} frame (${flags}), ${f.payload.length} bytes: ${shown}${f.payload.length > 60 ? ' ...' : ''}`;
}

function hexPreview(buf: Buffer): string {
  const hex = buf.subarray(0, 48).toString('hex').replace(/(..)/g, '$1 ').trim();
  return buf.length > 48 ? `${hex} ... (${buf.length} bytes)` : hex;
}

/** Runs one check and resolves with its transcript, one event a line. */
function runCheck(target: URL, check: ConfirmCheck, waitMs: number, answerClose: boolean): Promise<string[]> {
  return new Promise((resolve) => {
    const lines: string[] = [`== ${check.name}: ${check.what}`];
    const t0 = Date.now();
    let sentAt = t0;
    const at = () => `+${String(Date.now() - sentAt).padStart(4)} ms`;
    const key = randomBytes(16).toString('base64');
    const socket: Socket = connect({ host: target.hostname, port: Number(target.port || 80) });
    let head: Buffer = Buffer.alloc(0);
    let upgraded = false;
    /** An answer other than 101 came: what follows is its body. */
    let refused = false;
    let buffered: Buffer = Buffer.alloc(0);
    let closeAnswered = false;
    let finished = false;
    const finish = (why: string) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      lines.push(`${at()} ${why}`);
      socket.destroy();
      resolve(lines);
    };
    let timer = setTimeout(() => finish('connect timed out'), CONNECT_TIMEOUT_MS);
    const restartWait = () => {
      clearTimeout(timer);
      timer = setTimeout(() => finish(`nothing more within ${waitMs} ms; connection still open, closed by us`), waitMs);
    };

    const sendWrites = async () => {
      sentAt = Date.now();
      for (const bytes of check.writes ?? []) {
        if (socket.destroyed) return;
        lines.push(`${at()} sent ${hexPreview(bytes)}`);
        socket.write(bytes);
        await new Promise((r) => setTimeout(r, WRITE_GAP_MS));
      }
      restartWait();
    };

    const onFrames = () => {
      const { frames, rest } = takeFrames(buffered);
      buffered = rest;
      for (const f of frames) {
        lines.push(`${at()} received ${describeFrame(f)}`);
        if (f.opcode === OPCODES.close && answerClose && !closeAnswered && !socket.destroyed) {
          closeAnswered = true;
          const code = f.payload.length >= 2 ? f.payload.readUInt16BE(0) : undefined;
          socket.write(frame({ opcode: OPCODES.close, payload: closeBody(code) }));
          lines.push(`${at()} sent close answer${code === undefined ? ' (no code)' : ` ${code}`}`);
        }
      }
      restartWait();
    };

    socket.on('connect', () => {
      const request = handshakeRequest(`${target.hostname}:${target.port}`, target.pathname + target.search, key, check.headers ?? {});
      sentAt = Date.now();
      lines.push(`${at()} sent handshake${check.headers ? ` with ${JSON.stringify(check.headers)}` : ''}`);
      socket.write(request);
      restartWait();
    });
    socket.on('data', (chunk: Buffer) => {
      if (refused) {
        lines.push(`${at()} body: ${JSON.stringify(chunk.subarray(0, 200).toString('utf8'))}`);
        return restartWait();
      }
      if (upgraded) {
        buffered = Buffer.concat([buffered, chunk]);
        onFrames();
        return;
      }
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return restartWait();
      const [statusLine, ...headerLines] = head.subarray(0, end).toString('latin1').split('\r\n');
      lines.push(`${at()} answer: ${statusLine}`);
      for (const line of headerLines) lines.push(`           ${line}`);
      const body = head.subarray(end + 4);
      if (!/^HTTP\/1\.1 101/.test(statusLine ?? '')) {
        refused = true;
        if (body.length > 0) lines.push(`           body: ${JSON.stringify(body.subarray(0, 200).toString('utf8'))}`);
        return restartWait();
      }
      const accept = headerLines.find((l) => /^sec-websocket-accept:/i.test(l))?.split(':')[1]?.trim();
      // Against the key that went out, which a check may have changed or left out.
      const sentKey = check.headers?.['Sec-WebSocket-Key'] === undefined ? key : check.headers['Sec-WebSocket-Key'];
      if (sentKey === null) lines.push(`           (no key was sent; accept ${accept ?? 'absent'})`);
      else lines.push(`           accept key ${accept === acceptFor(sentKey) ? 'right' : `WRONG (expected ${acceptFor(sentKey)})`}`);
      upgraded = true;
      buffered = body;
      if (buffered.length > 0) onFrames();
      if (check.writes) void sendWrites();
    });
    socket.on('end', () => lines.push(`${at()} TCP FIN from the server (end of its data)`));
    socket.on('error', (error: NodeJS.ErrnoException) => finish(`TCP error ${error.code ?? error.message}`));
    socket.on('close', () => finish('TCP connection closed'));
  });
}

interface Args {
  target?: string;
  server?: string;
  checks: string[];
  waitMs: number;
  answerClose: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { checks: [], waitMs: 2000, answerClose: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--target') args.target = argv[++i];
    else if (arg === '--server') args.server = argv[++i];
    else if (arg === '--wait') args.waitMs = Number(argv[++i]);
    else if (arg === '--no-answer') args.answerClose = false;
    else if (arg === '--list') {
      process.stdout.write(`${checkCatalog().join('\n')}\n`);
      process.exit(0);
    } else args.checks.push(arg);
  }
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const checks = args.checks.map((name) => {
    const check = findCheck(name);
    if (!check) throw new Error(`unknown check ${name} (see --list)`);
    return check;
  });
  if (checks.length === 0 || (args.target === undefined) === (args.server === undefined) || !(args.waitMs > 0 && args.waitMs <= 60_000)) {
    throw new Error('usage: confirm (--target ws://127.0.0.1:PORT/ | --server NAME) [--wait MS] [--no-answer] CHECK... | --list');
  }
  installExitHooks();
  let started: Started | undefined;
  let target = args.target;
  try {
    if (args.server !== undefined) {
      const server = SERVERS.find((s) => s.name === args.server);
      if (!server) throw new Error(`unknown server ${args.server}: ${SERVERS.map((s) => s.name).join(', ')}`);
      await server.install();
      const port = await freePort();
      const { command, args: commandArgs, env } = server.command(port);
      const dir = join(REPO_ROOT, 'reports', 'interop', server.name);
      mkdirSync(dir, { recursive: true });
      started = startGroup(command, commandArgs, join(dir, 'confirm-server.log'), { cwd: REPO_ROOT, ...(env ? { env } : {}) });
      const notUp = await waitForTcp(port, started, 30_000);
      if (notUp !== undefined) throw new Error(notUp);
      target = `ws://127.0.0.1:${port}/`;
      process.stdout.write(`${server.name} (${await server.version()}) on ${target}\n`);
    }
    const url = new URL(target!);
    if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost' && url.hostname !== '[::1]') throw new Error('loopback targets only');
    for (const check of checks) process.stdout.write(`${(await runCheck(url, check, args.waitMs, args.answerClose)).join('\n')}\n\n`);
  } finally {
    if (started) await stopGroup(started);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`confirm: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
