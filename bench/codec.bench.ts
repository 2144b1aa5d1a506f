/**
 * Frame codec throughput, ours next to the codec inside `ws` (its Sender.frame and Receiver), in one run:
 * text frames of 16 B, 1 KiB, 64 KiB and 1 MiB, masked (client to server, decoded in the server role)
 * and unmasked (server to client, decoded in the client role). Target: ours >= ws on every row.
 *
 * Run with `npm run bench`. BENCH_SLICES and BENCH_SLICE_MS trade precision for time; BENCH_FILTER
 * picks rows.
 */
import { encodeFrame, type EncoderDefaults } from '../src/protocol/encoder';
import { randomMaskKey } from '../src/protocol/mask-key';
import { WebSocketProtocol } from '../src/protocol/protocol';
import { emitResult } from './child';
import { sideBySide, type Budget, type Contender } from './side-by-side';
import { textPayload, socketReads, wireStream } from './workloads';
import { WsReceiverCtor, WsSender, wsVersion } from './ws-internals';

const SIZES = [16, 1024, 64 * 1024, 1024 * 1024];
const SOCKET_READ_SIZE = 64 * 1024;
/** Bytes of payload one timed run handles: large enough to time, small enough to keep slices short. */
const BYTES_PER_RUN = 4 * 1024 * 1024;
const MAX_FRAMES_PER_RUN = 20_000;
const MAX_MESSAGE_SIZE = 64 * 1024 * 1024;

const budget: Budget = {
  slices: positiveIntFromEnv('BENCH_SLICES', 7),
  sliceMs: positiveIntFromEnv('BENCH_SLICE_MS', 50),
  maxRunsPerSlice: 1000,
};

/** Keeps results observable so the JIT cannot drop the work. */
let blackhole = 0;

interface Row {
  operation: 'encode' | 'decode';
  masked: boolean;
  size: number;
  ours: number;
  ws: number;
}

/** Frames in one timed run: enough payload bytes to time, or a fixed count where the payload is never touched. */
function framesPerRun(size: number, touchesPayload = true): number {
  if (!touchesPayload) return MAX_FRAMES_PER_RUN;
  return Math.max(1, Math.min(MAX_FRAMES_PER_RUN, Math.floor(BYTES_PER_RUN / size)));
}

function encodeContenders(size: number, masked: boolean): [Contender, Contender] {
  const payload = textPayload(size);
  // An unmasked payload is passed through untouched, so its size does not change the work.
  const count = framesPerRun(size, masked);
  const defaults: EncoderDefaults = { mask: masked, maskKeySource: randomMaskKey };
  const ours: Contender = {
    prepare: () => undefined,
    run: () => {
      for (let i = 0; i < count; i++) blackhole += encodeFrame({ opcode: 1, payload }, defaults).chunks.length;
      return count;
    },
  };
  const ws: Contender = {
    prepare: () => undefined,
    run: () => {
      for (let i = 0; i < count; i++) {
        blackhole += WsSender.frame(payload, { fin: true, opcode: 1, mask: masked, readOnly: true, rsv1: false }).length;
      }
      return count;
    },
  };
  return [ours, ws];
}

function decodeContenders(size: number, masked: boolean): [Contender, Contender] {
  const count = framesPerRun(size);
  const stream = wireStream(textPayload(size), count, masked);
  // Masked frames come from a client, so the server role decodes them, and the other way round.
  const role = masked ? 'server' : 'client';
  const checked = (name: string, received: number) => {
    if (received !== count) throw new Error(`${name} decoded ${received} of ${count} messages`);
    return received;
  };
  const ours: Contender = {
    prepare: () => socketReads(stream, SOCKET_READ_SIZE),
    run: (reads) => {
      const protocol = new WebSocketProtocol({ role, maxMessageSize: MAX_MESSAGE_SIZE });
      let received = 0;
      for (const read of reads as Buffer[]) {
        for (const event of protocol.receive(read)) if (event.type === 'message') received++;
      }
      return checked('ours', received);
    },
  };
  const ws: Contender = {
    prepare: () => socketReads(stream, SOCKET_READ_SIZE),
    run: (reads) => {
      const receiver = new WsReceiverCtor({ isServer: masked, maxPayload: MAX_MESSAGE_SIZE });
      let received = 0;
      let failure: Error | undefined;
      receiver.on('message', (data) => {
        blackhole += data.length;
        received++;
      });
      receiver.on('error', (error) => (failure = error));
      for (const read of reads as Buffer[]) receiver.write(read);
      if (failure) throw failure;
      return checked('ws', received);
    },
  };
  return [ours, ws];
}

/** BENCH_FILTER (a regular expression) picks rows by label, e.g. "decode unmasked 64 KiB". */
const rowFilter = process.env.BENCH_FILTER ? new RegExp(process.env.BENCH_FILTER, 'i') : undefined;

function rowLabel(operation: string, masked: boolean, size: number): string {
  return `${operation} ${masked ? 'masked' : 'unmasked'} ${formatSize(size)}`;
}

function measure(): Row[] {
  const rows: Row[] = [];
  for (const operation of ['encode', 'decode'] as const) {
    for (const masked of [true, false]) {
      for (const size of SIZES) {
        if (rowFilter !== undefined && !rowFilter.test(rowLabel(operation, masked, size))) continue;
        const [ours, ws] = operation === 'encode' ? encodeContenders(size, masked) : decodeContenders(size, masked);
        const result = sideBySide(ours, ws, budget);
        rows.push({ operation, masked, size, ours: result.oursOpsPerSec, ws: result.theirsOpsPerSec });
      }
    }
  }
  return rows;
}

function printTable(rows: Row[]): void {
  const header = ['operation', 'direction', 'frame', 'ours ops/s', 'ws ops/s', 'ours payload MB/s', 'ours/ws'];
  const lines = rows.map((r) => [
    r.operation,
    r.masked ? 'masked (client->server)' : 'unmasked (server->client)',
    formatSize(r.size),
    formatCount(r.ours),
    formatCount(r.ws),
    // An unmasked payload is handed through by reference when encoding: no bytes are processed.
    r.operation === 'encode' && !r.masked ? '-' : ((r.ours * r.size) / 1e6).toFixed(0),
    (r.ours / r.ws).toFixed(2),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells: string[]) => cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(format(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const line of lines) console.log(format(line));
  const behind = rows.filter((r) => r.ours < r.ws);
  console.log('');
  console.log(
    behind.length === 0
      ? `ours >= ws on all ${rows.length} rows`
      : `ours < ws on ${behind.length} of ${rows.length} rows: ${behind.map((r) => rowLabel(r.operation, r.masked, r.size)).join(', ')}`,
  );
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MiB` : bytes >= 1024 ? `${bytes / 1024} KiB` : `${bytes} B`;
}

function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function positiveIntFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

console.log(`wsbdd frame codec vs ws ${wsVersion} on node ${process.version}`);
console.log(`${budget.slices} alternating slices of <= ${budget.sliceMs} ms CPU time per side and row; best slice shown`);
console.log('');
const rows = measure();
printTable(rows);
if (blackhole === -1) console.log('');
// Under `npm run bench` the runner collects the rows for its table and bench.json.
if (process.env.BENCH_JSON === '1') emitResult({ codec: rows.map((r) => ({ ...r, label: rowLabel(r.operation, r.masked, r.size) })) });
