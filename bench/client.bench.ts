/**
 * Our client end to end against one `ws` echo server (in its own process), next to the `ws` client, in
 * one run: request/response messages per second on 1 connection, pipelined messages per second over 100
 * connections, bytes per second of 1 MiB messages, connections opened per second. Rounds alternate which
 * client goes first; the median round of each is reported. Target: ours >= 0.9x ws on every row.
 * Run: npx tsc -p . && node dist/bench/client.bench.js (BENCH_ROUNDS sets the rounds).
 */
import { emitResult, median, positiveIntFromEnv } from './child';
import { connect, type BenchConnection, type Implementation } from './peers';
import { startEchoServerProcess } from './server-process';

const ROUNDS = positiveIntFromEnv('BENCH_ROUNDS', 5);
/** Every measurement stops at its count or its time, whichever comes first. */
const ROW_MS = 700;
const SMALL = Buffer.alloc(16, 'x');
const LARGE = Buffer.alloc(1024 * 1024, 'y');

export interface ClientRow {
  name: string;
  unit: string;
  ours: number;
  ws: number;
}

interface Workload {
  name: string;
  unit: string;
  /** One measurement: how many units per second. */
  run(implementation: Implementation, url: string): Promise<number>;
}

function deadlineError(what: string): Error {
  return new Error(`${what} did not finish within its time bound`);
}

/** Resolve when `done()` returns true after a message, or reject after `limitMs`. */
function messagesUntil(connections: BenchConnection[], onEach: () => boolean, limitMs: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(deadlineError(what)), limitMs);
    for (const c of connections) {
      c.onMessage(() => {
        if (onEach()) {
          clearTimeout(timer);
          resolve();
        }
      });
    }
  });
}

const requestResponse: Workload = {
  name: 'messages/s, 1 connection, request/response (16 B)',
  unit: 'msg/s',
  async run(implementation, url) {
    const c = await connect(implementation, url);
    try {
      const maxMessages = 20_000;
      let count = 0;
      let started = 0;
      const done = messagesUntil(
        [c],
        () => {
          count++;
          if (count === 50) started = performance.now(); // the first replies warm up both sides
          if (count >= maxMessages || (started > 0 && performance.now() - started > ROW_MS)) return true;
          c.send(SMALL);
          return false;
        },
        ROW_MS * 20,
        'request/response',
      );
      c.send(SMALL);
      await done;
      return ((count - 50) * 1000) / (performance.now() - started);
    } finally {
      await c.close();
    }
  },
};

const pipelined: Workload = {
  name: 'messages/s, 100 connections, pipelined (16 B)',
  unit: 'msg/s',
  async run(implementation, url) {
    const connections = await Promise.all(Array.from({ length: 100 }, () => connect(implementation, url)));
    try {
      const perConnection = 200;
      const total = connections.length * perConnection;
      let received = 0;
      const done = messagesUntil(connections, () => ++received === total, ROW_MS * 30, 'pipelined echoes');
      const started = performance.now();
      for (let i = 0; i < perConnection; i++) for (const c of connections) c.send(SMALL);
      await done;
      return (total * 1000) / (performance.now() - started);
    } finally {
      await Promise.all(connections.map((c) => c.close()));
    }
  },
};

const largeMessages: Workload = {
  name: 'bytes/s, 1 MiB messages echoed, 1 connection',
  unit: 'MiB/s',
  async run(implementation, url) {
    const c = await connect(implementation, url);
    try {
      const maxMessages = 200;
      let count = 0;
      let started = 0;
      const done = messagesUntil(
        [c],
        () => {
          count++;
          if (count === 2) started = performance.now();
          if (count >= maxMessages || (started > 0 && performance.now() - started > ROW_MS)) return true;
          c.send(LARGE);
          return false;
        },
        ROW_MS * 30,
        '1 MiB echoes',
      );
      c.send(LARGE);
      await done;
      // Bytes through the client both ways: each message goes out and comes back.
      return (2 * (count - 2) * LARGE.length * 1000) / (performance.now() - started);
    } finally {
      await c.close();
    }
  },
};

const connectionsOpened: Workload = {
  name: 'connections opened/s (10 at a time)',
  unit: 'conn/s',
  async run(implementation, url) {
    const opened: BenchConnection[] = [];
    const maxConnections = 2000;
    const started = performance.now();
    try {
      while (opened.length < maxConnections && performance.now() - started < ROW_MS) {
        opened.push(...(await Promise.all(Array.from({ length: 10 }, () => connect(implementation, url)))));
      }
      return (opened.length * 1000) / (performance.now() - started);
    } finally {
      for (const c of opened) c.terminate();
    }
  },
};

export async function measureClient(): Promise<ClientRow[]> {
  const server = await startEchoServerProcess();
  try {
    const rows: ClientRow[] = [];
    for (const workload of [requestResponse, pipelined, largeMessages, connectionsOpened]) {
      const samples: Record<Implementation, number[]> = { ours: [], ws: [] };
      // One untimed round each warms the JIT and the server.
      await workload.run('ours', server.url);
      await workload.run('ws', server.url);
      for (let round = 0; round < ROUNDS; round++) {
        const order: Implementation[] = round % 2 === 0 ? ['ours', 'ws'] : ['ws', 'ours'];
        for (const implementation of order) samples[implementation].push(await workload.run(implementation, server.url));
      }
      const row = { name: workload.name, unit: workload.unit, ours: median(samples.ours), ws: median(samples.ws) };
      if (workload.unit === 'MiB/s') {
        row.ours /= 1024 * 1024;
        row.ws /= 1024 * 1024;
      }
      process.stderr.write(`  ${row.name}: ours ${row.ours.toFixed(0)} ws ${row.ws.toFixed(0)} ${row.unit} (${(row.ours / row.ws).toFixed(2)}x)\n`);
      rows.push(row);
    }
    return rows;
  } finally {
    await server.stop();
  }
}

if (require.main === module) {
  measureClient().then(
    (rows) => emitResult({ client: rows }),
    (error: unknown) => {
      process.stderr.write(`client bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
