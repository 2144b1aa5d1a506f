/**
 * Reads the outcome of a conformance run from the Cucumber messages it produced (the same stream
 * cucumber writes to messages.ndjson), so the verdicts always agree with the other reports.
 */

interface Timestamp {
  seconds: number;
  nanos: number;
}

function timestampMs(timestamp: Timestamp | undefined): number | undefined {
  return timestamp === undefined ? undefined : Number(timestamp.seconds) * 1000 + timestamp.nanos / 1e6;
}

/** The parts of a Cucumber message envelope that the verdicts need. */
export interface RunEnvelope {
  gherkinDocument?: { uri?: string; feature?: { name: string } };
  pickle?: { id: string; uri: string; name: string; tags: ReadonlyArray<{ name: string }> };
  testCase?: { id: string; pickleId: string };
  testCaseStarted?: { id: string; testCaseId: string; timestamp?: Timestamp };
  testStepFinished?: { testCaseStartedId: string; testStepResult: { status: string; message?: string } };
  testCaseFinished?: { testCaseStartedId: string; willBeRetried: boolean; timestamp?: Timestamp };
  attachment?: { testCaseStartedId?: string; body: string; mediaType: string; contentEncoding?: string };
}

export type Strictness = 'must' | 'should' | 'informational';

/**
 * PASSED; FAILED: a @must case failed (a protocol violation); NON-STRICT: a @should or
 * @informational case failed, or a case passed what the RFC requires but not what it recommends
 * (a NON_STRICT_PREFIX note, e.g. TCP dropped instead of a close frame with 1002); ERROR: the case
 * could not run (an undefined or ambiguous step, or a client that never reached the server), so
 * nothing was checked; NOT-RUN: the case was skipped (an interrupted or fail-fast run); SKIPPED: the case
 * does not apply to this server, which declined an optional feature it needs (a SKIPPED_PREFIX note says
 * which), so it is no finding either way.
 */
export type Verdict = 'PASSED' | 'FAILED' | 'NON-STRICT' | 'ERROR' | 'NOT-RUN' | 'SKIPPED';

export interface CaseResult {
  area: string;
  uri: string;
  name: string;
  tags: string[];
  strictness: Strictness;
  /** RFC 6455 sections from @rfc6455-x.y tags, e.g. "5.5.2"; "RFC 7692 7.2" from @rfc7692-x.y tags. */
  sections: string[];
  /** Cucumber's status of the case's last attempt, lower case. */
  status: string;
  verdict: Verdict;
  /** The first line of the failing step's message. */
  failure?: string;
  /** Why the case failed without reaching the server (see NOT_CONNECTED_PREFIX). */
  notConnected?: string;
  /** What @informational steps observed (attachments starting with OBSERVATION_PREFIX). */
  observations: string[];
  /** What the server did short of the RFC's SHOULD in a case that held its MUST (NON_STRICT_PREFIX notes). */
  nonStrict: string[];
  /** Why the case did not apply to this server (SKIPPED_PREFIX notes). */
  skipped?: string;
  /** The case fails against a server known to deviate (a @known-deviation-* tag). */
  knownDeviation?: string;
  /** How long the last attempt took, hooks included. */
  durationMs?: number;
}

/** Attachments with this prefix are observations that belong in the conformance report. */
export const OBSERVATION_PREFIX = 'Observed: ';
/**
 * Attachments with this prefix say the server met the case's MUST but not its SHOULD: the case passed
 * and its verdict is NON-STRICT (as Autobahn grades "failed the connection, but not with the code").
 */
export const NON_STRICT_PREFIX = 'Non-strict: ';
/** Attached by a step that returned 'skipped' because the server declined what the case needs. */
export const SKIPPED_PREFIX = 'Skipped: ';
export const KNOWN_DEVIATION_TAG_PREFIX = '@known-deviation-';
/** Attached to a failed case whose clients never got a connection to the server. */
export const NOT_CONNECTED_PREFIX = 'Not connected: ';

const STATUS_RANK = ['unknown', 'passed', 'skipped', 'pending', 'undefined', 'ambiguous', 'failed'];

/** The worse of two step statuses, in cucumber's own order of precedence. */
function worse(a: string, b: string): string {
  return STATUS_RANK.indexOf(b) > STATUS_RANK.indexOf(a) ? b : a;
}

export function strictnessOf(tags: string[]): Strictness {
  if (tags.includes('@must')) return 'must';
  if (tags.includes('@should')) return 'should';
  return 'informational';
}

export function verdictOf(status: string, strictness: Strictness, reachedServer = true, nonStrictNotes = 0, skipNote = false): Verdict {
  // A case that could not apply because of what the server did short of a SHOULD (a refused handshake) says so.
  if (status === 'skipped' && skipNote) return nonStrictNotes > 0 ? 'NON-STRICT' : 'SKIPPED';
  if (status === 'passed') return nonStrictNotes > 0 ? 'NON-STRICT' : 'PASSED';
  if (status === 'undefined' || status === 'ambiguous' || status === 'pending') return 'ERROR';
  // A server that was never reached did not answer wrongly: it did not answer.
  if (status === 'failed' && !reachedServer) return 'ERROR';
  if (status === 'skipped' || status === 'unknown') return 'NOT-RUN';
  return strictness === 'must' ? 'FAILED' : 'NON-STRICT';
}

interface Attempt {
  pickleId: string;
  status: string;
  failure?: string;
  observations: string[];
  nonStrict: string[];
  notConnected?: string;
  skipped?: string;
  finished: boolean;
  willBeRetried: boolean;
  startedAt?: number;
  finishedAt?: number;
}

/** One result per case that ran (the last attempt when cucumber retried it), in the order they started. */
export function collectCaseResults(envelopes: Iterable<RunEnvelope>): CaseResult[] {
  const featureNames = new Map<string, string>();
  const pickles = new Map<string, NonNullable<RunEnvelope['pickle']>>();
  const pickleOfTestCase = new Map<string, string>();
  const attempts = new Map<string, Attempt>();
  const lastAttemptOfPickle = new Map<string, Attempt>();

  for (const envelope of envelopes) {
    if (envelope.gherkinDocument?.uri && envelope.gherkinDocument.feature) {
      featureNames.set(envelope.gherkinDocument.uri, envelope.gherkinDocument.feature.name);
    } else if (envelope.pickle) {
      pickles.set(envelope.pickle.id, envelope.pickle);
    } else if (envelope.testCase) {
      pickleOfTestCase.set(envelope.testCase.id, envelope.testCase.pickleId);
    } else if (envelope.testCaseStarted) {
      const pickleId = pickleOfTestCase.get(envelope.testCaseStarted.testCaseId);
      if (pickleId === undefined) continue;
      const attempt: Attempt = {
        pickleId,
        status: 'passed',
        observations: [],
        nonStrict: [],
        finished: false,
        willBeRetried: false,
        startedAt: timestampMs(envelope.testCaseStarted.timestamp),
      };
      attempts.set(envelope.testCaseStarted.id, attempt);
      lastAttemptOfPickle.delete(pickleId);
      lastAttemptOfPickle.set(pickleId, attempt);
    } else if (envelope.testStepFinished) {
      const attempt = attempts.get(envelope.testStepFinished.testCaseStartedId);
      if (!attempt) continue;
      const { status, message } = envelope.testStepFinished.testStepResult;
      const next = worse(attempt.status, status.toLowerCase());
      if (next !== attempt.status && message) attempt.failure = firstLine(message);
      attempt.status = next;
    } else if (envelope.testCaseFinished) {
      const attempt = attempts.get(envelope.testCaseFinished.testCaseStartedId);
      if (!attempt) continue;
      attempt.finished = true;
      attempt.willBeRetried = envelope.testCaseFinished.willBeRetried;
      attempt.finishedAt = timestampMs(envelope.testCaseFinished.timestamp);
    } else if (envelope.attachment?.testCaseStartedId) {
      const attempt = attempts.get(envelope.attachment.testCaseStartedId);
      const body = attachmentText(envelope.attachment);
      if (attempt && body?.startsWith(OBSERVATION_PREFIX)) attempt.observations.push(body.slice(OBSERVATION_PREFIX.length));
      else if (attempt && body?.startsWith(NON_STRICT_PREFIX)) attempt.nonStrict.push(body.slice(NON_STRICT_PREFIX.length));
      else if (attempt && body?.startsWith(SKIPPED_PREFIX)) attempt.skipped = body.slice(SKIPPED_PREFIX.length);
      else if (attempt && body?.startsWith(NOT_CONNECTED_PREFIX)) attempt.notConnected = body.slice(NOT_CONNECTED_PREFIX.length);
    }
  }

  const results: CaseResult[] = [];
  for (const [pickleId, attempt] of lastAttemptOfPickle) {
    const pickle = pickles.get(pickleId);
    if (!pickle) continue;
    const tags = pickle.tags.map((t) => t.name);
    const strictness = strictnessOf(tags);
    const status = attempt.finished ? attempt.status : 'unknown';
    const verdict = verdictOf(status, strictness, attempt.notConnected === undefined, attempt.nonStrict.length, attempt.skipped !== undefined);
    const deviation = tags.find((t) => t.startsWith(KNOWN_DEVIATION_TAG_PREFIX));
    results.push({
      area: featureNames.get(pickle.uri) ?? pickle.uri,
      uri: pickle.uri,
      name: pickle.name,
      tags,
      strictness,
      sections: [
        ...tags.filter((t) => t.startsWith('@rfc6455-')).map((t) => t.slice('@rfc6455-'.length)),
        ...tags.filter((t) => t.startsWith('@rfc7692-')).map((t) => `RFC 7692 ${t.slice('@rfc7692-'.length)}`),
      ],
      status,
      verdict,
      ...(attempt.failure !== undefined && verdict !== 'PASSED' ? { failure: attempt.failure } : {}),
      ...(attempt.notConnected !== undefined && verdict === 'ERROR' ? { notConnected: attempt.notConnected } : {}),
      observations: attempt.observations,
      nonStrict: attempt.nonStrict,
      ...(attempt.skipped !== undefined && verdict === 'SKIPPED' ? { skipped: attempt.skipped } : {}),
      ...(deviation !== undefined ? { knownDeviation: deviation.slice(KNOWN_DEVIATION_TAG_PREFIX.length) } : {}),
      ...(attempt.startedAt !== undefined && attempt.finishedAt !== undefined ? { durationMs: attempt.finishedAt - attempt.startedAt } : {}),
    });
  }
  return results;
}

/** The first line of a failure message, without the error class cucumber puts before it. */
function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? text;
  return line.trim().replace(/^[A-Za-z]*Error: /, '');
}

function attachmentText(attachment: NonNullable<RunEnvelope['attachment']>): string | undefined {
  if (!attachment.mediaType.startsWith('text/')) return undefined;
  return attachment.contentEncoding === 'BASE64' ? Buffer.from(attachment.body, 'base64').toString('utf8') : attachment.body;
}
