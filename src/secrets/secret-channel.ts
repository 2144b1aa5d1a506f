import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { appendFileSync, closeSync, fstatSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Where a run's scenarios tell the run's formatters the secret values they learnt while running (handshake
 * headers, world parameters, `${env:NAME}` values of headers named secret in world parameters): a private
 * file per run, named with its key in this environment variable, which parallel workers inherit.
 *
 * Why a file: with `--parallel`, scenarios run in worker processes and formatters in the main one, and a
 * worker speaks to the main process only through cucumber's envelopes, which every formatter (a user's
 * own too) reads. A worker appends a value before it finishes the step that learnt it, so the file holds
 * it by the time the main process receives that step's testStepFinished. Each value is encrypted with a
 * key that exists only in the run's processes, so a file left behind by a killed run reveals nothing.
 */
export const SECRET_CHANNEL_ENV = 'WSBDD_SECRET_CHANNEL';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** One channel per process, found through a global so that two copies of this module share it. */
const OPEN = Symbol.for('wsbdd.secretChannel');

interface Spec {
  path: string;
  key: Buffer;
}

/** The main process's end: reads what the scenarios wrote, then removes the file. */
export class SecretChannel {
  private fd: number | undefined;
  private offset = 0;
  private pending = Buffer.alloc(0);

  constructor(
    readonly spec: string,
    private readonly parsed: Spec,
  ) {
    this.fd = openSync(parsed.path, 'r');
  }

  /** The values written since the last call. */
  read(): string[] {
    if (this.fd === undefined) return [];
    const size = fstatSync(this.fd).size;
    if (size <= this.offset) return [];
    const chunk = Buffer.alloc(size - this.offset);
    const got = readSync(this.fd, chunk, 0, chunk.length, this.offset);
    this.offset += got;
    const data = Buffer.concat([this.pending, chunk.subarray(0, got)]);
    // A line still being written by another worker is kept for the next call.
    const end = data.lastIndexOf(0x0a);
    this.pending = data.subarray(end + 1);
    if (end < 0) return [];
    const values: string[] = [];
    for (const line of data.subarray(0, end).toString('latin1').split('\n')) {
      const value = decrypt(line, this.parsed.key);
      if (value !== undefined) values.push(value);
    }
    return values;
  }

  /** Removes the file; the run's secrets are no longer needed once its formatters are done. */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    rmSync(dirname(this.parsed.path), { recursive: true, force: true });
    const registry = globalThis as { [OPEN]?: SecretChannel };
    if (registry[OPEN] === this) {
      delete registry[OPEN];
      if (process.env[SECRET_CHANNEL_ENV] === this.spec) delete process.env[SECRET_CHANNEL_ENV];
    }
  }
}

/**
 * The run's channel: opened by the first caller of the process (the wsbdd command, or the first masked
 * formatter of a plain cucumber-js run), before any scenario starts, and named in process.env so that
 * scenarios in this process and in workers forked later find it.
 */
export function openSecretChannel(): SecretChannel {
  const registry = globalThis as { [OPEN]?: SecretChannel };
  const open = registry[OPEN];
  if (open) return open;
  const dir = mkdtempSync(join(tmpdir(), 'wsbdd-secrets-'));
  const path = join(dir, 'values');
  appendFileSync(path, '', { mode: 0o600 });
  const key = randomBytes(32);
  const spec = `${key.toString('base64')}:${path}`;
  const channel = new SecretChannel(spec, { path, key });
  registry[OPEN] = channel;
  process.env[SECRET_CHANNEL_ENV] = spec;
  // A run that ends without its formatters finishing (an error at start-up) still removes the file.
  process.once('exit', () => channel.close());
  return channel;
}

/** What this process has written to each channel already, so that each value is written once. */
const written = new Map<string, Set<string>>();

/**
 * A scenario's end: writes the values not written yet, synchronously, so that they are in the file
 * before cucumber reports the step. Does nothing in a run whose formatters are not wsbdd's.
 */
export function shareSecretValues(values: Iterable<string>, env: NodeJS.ProcessEnv = process.env): void {
  const spec = env[SECRET_CHANNEL_ENV];
  const parsed = spec ? parseSpec(spec) : undefined;
  if (!spec || !parsed) return;
  let done = written.get(spec);
  if (!done) written.set(spec, (done = new Set()));
  const lines: string[] = [];
  for (const value of values) {
    if (done.has(value)) continue;
    done.add(value);
    lines.push(encrypt(value, parsed.key));
  }
  if (lines.length === 0) return;
  try {
    appendFileSync(parsed.path, `${lines.join('\n')}\n`, { mode: 0o600 });
  } catch {
    // The run has ended (its file is gone): there is no report left to mask.
  }
}

function parseSpec(spec: string): Spec | undefined {
  const colon = spec.indexOf(':');
  if (colon <= 0) return undefined;
  const key = Buffer.from(spec.slice(0, colon), 'base64');
  return key.length === 32 ? { key, path: spec.slice(colon + 1) } : undefined;
}

function encrypt(value: string, key: Buffer): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

function decrypt(line: string, key: Buffer): string | undefined {
  const bytes = Buffer.from(line, 'base64');
  if (bytes.length < IV_BYTES + TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv(ALGORITHM, key, bytes.subarray(0, IV_BYTES));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    // Not written with this run's key: nothing to learn from it.
    return undefined;
  }
}
