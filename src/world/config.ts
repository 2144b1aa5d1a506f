import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import type { TlsOptions } from '../client/types';
import { controlCharacterIn } from '../client/url';
import { StepError, StepErrorCode } from './errors';
import { MAX_WAIT_MS, parseAnyDuration } from './duration';
import { BYTE_SIZE_UNITS, parseByteSize } from './byte-size';
import { DEFAULT_INBOX_LIMIT } from './inbox';

/** The world parameters wsbdd reads (cucumber's worldParameters; the wsbdd command's --target and --timeout land here). */
export interface WsbddParameters {
  /** ws:// or wss:// URL of the server under test; http(s):// is read as ws(s)://. Absent: the embedded mock server. */
  target?: string;
  /** Default wait for every waiting step, in milliseconds (default 3000). A duration text like "5 s" works too. */
  timeoutMs?: number | string;
  /** Bytes of received messages (pings, pongs) a client holds unmatched at most: a number, or "256 MiB". Default 64 MiB. */
  inboxLimit?: number | string;
  /**
   * How many clients of a group ("Given 1000 clients "user" are connected") connect at the same time
   * (default 100); WSBDD_CONNECT_CONCURRENCY in the environment.
   */
  connectConcurrency?: number | string;
  tls?: {
    /** Path of a PEM file with the CA certificate(s) to trust. */
    ca?: string;
    /** Skip certificate verification. */
    insecure?: boolean;
    servername?: string;
    /** Paths of a PEM client certificate and key, for mutual TLS. */
    cert?: string;
    key?: string;
  };
}

export interface WsbddSettings {
  /** undefined: use the embedded mock server. */
  target: string | undefined;
  timeoutMs: number;
  inboxLimit: number;
  tls: TlsOptions | undefined;
  connectConcurrency: number;
}

export const DEFAULT_TIMEOUT_MS = 3000;
/**
 * Enough to connect a thousand clients to a local server in well under a second, few enough that a
 * server's listen backlog (511 for node) does not overflow: a dropped SYN costs a 1 s retransmit.
 */
export const DEFAULT_CONNECT_CONCURRENCY = 100;

function badConfig(message: string): StepError {
  return new StepError(StepErrorCode.BadConfig, `bad configuration: ${message}`);
}

/**
 * Settings for a scenario. World parameters win over environment variables (WSBDD_TARGET,
 * WSBDD_TIMEOUT_MS, WSBDD_INBOX_LIMIT, WSBDD_CA_FILE, WSBDD_INSECURE=1, WSBDD_CONNECT_CONCURRENCY).
 */
export function resolveSettings(parameters: WsbddParameters | undefined, env: NodeJS.ProcessEnv = process.env): WsbddSettings {
  const params = parameters ?? {};
  const target = nonEmpty(params.target) ?? nonEmpty(env.WSBDD_TARGET);
  return {
    target: target === undefined ? undefined : normalizeTarget(target),
    timeoutMs: resolveTimeout(params.timeoutMs ?? nonEmpty(env.WSBDD_TIMEOUT_MS)),
    inboxLimit: resolveInboxLimit(params.inboxLimit ?? nonEmpty(env.WSBDD_INBOX_LIMIT)),
    tls: resolveTls(params.tls, env),
    connectConcurrency: resolveConcurrency(params.connectConcurrency ?? nonEmpty(env.WSBDD_CONNECT_CONCURRENCY)),
  };
}

function resolveConcurrency(value: number | string | undefined): number {
  if (value === undefined) return DEFAULT_CONNECT_CONCURRENCY;
  const n = typeof value === 'number' ? value : /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < 1) throw badConfig(`connectConcurrency ${JSON.stringify(value)} must be a whole number of 1 or more`);
  return n;
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The target as a ws:// or wss:// URL. */
export function normalizeTarget(target: string): string {
  const control = controlCharacterIn(target);
  if (control !== undefined) throw badConfig(`target ${JSON.stringify(target)} contains the control character ${control}: refused rather than stripped`);
  const rewritten = target.replace(/^http(s?):\/\//i, (_m, s: string) => `ws${s}://`);
  let url: URL;
  try {
    url = new URL(rewritten);
  } catch {
    throw badConfig(`target "${target}" is not a URL (expected ws://host:port/path or wss://...)`);
  }
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    throw badConfig(`target "${target}" must start with ws://, wss://, http:// or https://`);
  }
  return url.toString();
}

function resolveTimeout(value: number | string | undefined): number {
  if (value === undefined) return DEFAULT_TIMEOUT_MS;
  const ms = typeof value === 'number' ? value : /^\d+$/.test(value.trim()) ? Number(value) : parseDurationOrFail(value);
  if (!Number.isFinite(ms) || ms <= 0) throw badConfig(`timeout ${JSON.stringify(value)} must be a positive number of milliseconds`);
  if (ms > MAX_WAIT_MS) throw badConfig(`timeout ${JSON.stringify(value)} is longer than a wait can last (${MAX_WAIT_MS} ms)`);
  return ms;
}

/** Below this an inbox could not hold one ordinary message and its bookkeeping. */
const MIN_INBOX_LIMIT = 1024;

function resolveInboxLimit(value: number | string | undefined): number {
  if (value === undefined) return DEFAULT_INBOX_LIMIT;
  const bytes = typeof value === 'number' ? value : parseByteSize(value);
  if (bytes === undefined || !Number.isSafeInteger(bytes) || bytes < MIN_INBOX_LIMIT) {
    throw badConfig(`inbox limit ${JSON.stringify(value)} must be a whole number of bytes of at least ${MIN_INBOX_LIMIT}, or a size like "256 MiB" (${BYTE_SIZE_UNITS})`);
  }
  return bytes;
}

function parseDurationOrFail(text: string): number {
  try {
    return parseAnyDuration(text);
  } catch {
    throw badConfig(`timeout "${text}" is neither milliseconds nor a duration like "5 s"`);
  }
}

function resolveTls(tls: WsbddParameters['tls'], env: NodeJS.ProcessEnv): TlsOptions | undefined {
  const caFile = nonEmpty(tls?.ca) ?? nonEmpty(env.WSBDD_CA_FILE);
  const insecure = tls?.insecure ?? (env.WSBDD_INSECURE === '1' || env.WSBDD_INSECURE === 'true');
  const certFile = nonEmpty(tls?.cert);
  const keyFile = nonEmpty(tls?.key);
  // Node would connect without a client certificate when only one half is given; the server's refusal
  // would then read like a certificate problem of the server.
  if ((certFile === undefined) !== (keyFile === undefined)) {
    const [given, missing] = certFile !== undefined ? ['tls.cert', 'tls.key'] : ['tls.key', 'tls.cert'];
    throw badConfig(`${given} is set but ${missing} is not: a client certificate needs both its certificate and its private key`);
  }
  const options: TlsOptions = {};
  if (caFile !== undefined) {
    const ca = readPem(caFile, 'CA file');
    options.ca = ca;
    checkPem(() => parseCertificates(ca), `the CA file "${caFile}" (tls.ca / WSBDD_CA_FILE)`);
  }
  if (certFile !== undefined && keyFile !== undefined) {
    const cert = readPem(certFile, 'client certificate');
    const key = readPem(keyFile, 'client key');
    options.cert = cert;
    options.key = key;
    checkPem(() => createSecureContext({ cert }), `the client certificate "${certFile}" (tls.cert)`);
    checkPem(() => createPrivateKey(key), `the client key "${keyFile}" (tls.key)`);
    checkPem(() => createSecureContext({ cert, key }), `the client certificate "${certFile}" with the key "${keyFile}"`);
  }
  if (tls?.servername !== undefined) options.servername = tls.servername;
  if (insecure) options.insecure = true;
  return Object.keys(options).length > 0 ? options : undefined;
}

function readPem(file: string, what: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw badConfig(`cannot read the ${what} "${file}": ${(error as Error).message}`);
  }
}

/** Node takes a CA file with no certificate in it without a word; every block must parse. */
function parseCertificates(pem: Buffer): void {
  const blocks = pem.toString('latin1').match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) throw new Error('it holds no "-----BEGIN CERTIFICATE-----" block');
  blocks.forEach((block, i) => {
    try {
      new X509Certificate(block);
    } catch (error) {
      throw new Error(`certificate ${i + 1} of ${blocks.length}: ${(error as Error).message}`);
    }
  });
}

/** OpenSSL's own words name no file: say which one it could not use. */
function checkPem(use: () => unknown, what: string): void {
  try {
    use();
  } catch (error) {
    throw badConfig(`${what} is not usable PEM: ${(error as Error).message}`);
  }
}

/**
 * The URL a client connects to: a full ws:// or wss:// URL as is; a path ("/chat", "chat?room=1") joined
 * onto the target's path.
 */
export function resolveClientUrl(base: string, pathOrUrl: string | undefined): string {
  if (pathOrUrl === undefined || pathOrUrl === '') return base;
  const control = controlCharacterIn(pathOrUrl);
  if (control !== undefined) {
    throw new StepError(StepErrorCode.BadUrl, `${JSON.stringify(pathOrUrl)} contains the control character ${control}: a URL cannot hold one (it would be stripped and connect elsewhere)`);
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(pathOrUrl)) {
    if (!/^wss?:\/\//i.test(pathOrUrl)) {
      throw new StepError(StepErrorCode.BadUrl, `"${pathOrUrl}" is not a WebSocket URL: use ws:// or wss://, or a path like "/chat"`);
    }
    try {
      return new URL(pathOrUrl).toString();
    } catch {
      throw new StepError(StepErrorCode.BadUrl, `"${pathOrUrl}" is not a valid URL`);
    }
  }
  const url = new URL(base);
  const [pathPart, query] = splitQuery(pathOrUrl.startsWith('/') ? pathOrUrl : `/${pathOrUrl}`);
  url.pathname = url.pathname.replace(/\/+$/, '') + pathPart;
  url.search = query;
  return url.toString();
}

function splitQuery(path: string): [string, string] {
  const at = path.indexOf('?');
  return at < 0 ? [path, ''] : [path.slice(0, at), path.slice(at)];
}
