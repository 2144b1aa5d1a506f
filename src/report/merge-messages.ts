import type { Envelope, Timestamp } from '@cucumber/messages';

/** Messages of one shard of a run (one messages.ndjson), with where they came from for error messages. */
export interface ShardMessages {
  source: string;
  envelopes: Envelope[];
}

export class MergeError extends Error {}

/**
 * Merges the messages of the shards of one run (`--shard 1/n` ... `n/n`) into the messages of one run,
 * as if every scenario had run in one process.
 *
 * Every shard parses every feature file and loads the same support code, each with its own random ids,
 * but runs only its own scenarios. So the definitions (sources, documents, pickles, step definitions,
 * hooks, parameter types) are kept once, from the first shard that has them, and every later shard's ids
 * for them are mapped onto the kept ones; what ran (test cases, steps, attachments, hook runs) is kept
 * from every shard. There is one testRunStarted (the earliest) and one testRunFinished (the latest, a
 * success only if every shard succeeded).
 */
export function mergeShardMessages(shards: ShardMessages[]): Envelope[] {
  if (shards.length === 0) throw new MergeError('nothing to merge: give the report directories of the shards');
  const definitions: Envelope[] = [];
  const runtime: Envelope[] = [];
  const canonical = new Map<string, string>();
  const started: Array<NonNullable<Envelope['testRunStarted']>> = [];
  const finished: Array<NonNullable<Envelope['testRunFinished']>> = [];
  const keptUris = new Set<string>();
  let meta: Envelope | undefined;

  for (const shard of shards) {
    const ids = new Map<string, string>();
    const runStarted = shard.envelopes.find((e) => e.testRunStarted)?.testRunStarted;
    if (!runStarted) throw new MergeError(`${shard.source} holds no testRunStarted message: is it the messages of a cucumber run?`);
    const pickleIndex = new Map<string, number>();
    const droppedUris = new Set<string>();
    for (const envelope of shard.envelopes) {
      if (envelope.meta) meta ??= envelope;
      else if (envelope.testRunStarted) {
        started.push(envelope.testRunStarted);
        if (started.length > 1 && envelope.testRunStarted.id && started[0]!.id) ids.set(envelope.testRunStarted.id, started[0]!.id);
      } else if (envelope.testRunFinished) finished.push(envelope.testRunFinished);
      else if (envelope.source || envelope.gherkinDocument) {
        const uri = envelope.source?.uri ?? envelope.gherkinDocument!.uri!;
        if (keptUris.has(uri) && !droppedUris.has(uri) && envelope.source) droppedUris.add(uri);
        if (droppedUris.has(uri)) continue;
        definitions.push(envelope);
      } else if (envelope.pickle) {
        const pickle = envelope.pickle;
        const index = pickleIndex.get(pickle.uri) ?? 0;
        pickleIndex.set(pickle.uri, index + 1);
        const key = `pickle ${pickle.uri} #${index}`;
        if (droppedUris.has(pickle.uri)) mapPickle(key, pickle, canonical, ids, shard.source);
        else {
          canonical.set(key, pickle.id);
          pickle.steps.forEach((step, i) => canonical.set(`${key} step ${i}`, step.id));
          canonical.set(`${key} text`, pickleText(pickle));
          definitions.push(envelope);
        }
      } else if (envelope.stepDefinition || envelope.hook || envelope.parameterType || envelope.undefinedParameterType) {
        const key = definitionKey(envelope);
        const id = definitionId(envelope);
        const kept = canonical.get(key);
        if (kept !== undefined) {
          if (id !== undefined) ids.set(id, kept);
          continue;
        }
        if (id !== undefined) canonical.set(key, id);
        definitions.push(envelope);
      } else runtime.push(renamed(envelope, ids));
    }
    for (const uri of shard.envelopes.flatMap((e) => (e.source ? [e.source.uri] : []))) keptUris.add(uri);
  }

  const first = [...started].sort((a, b) => ms(a.timestamp) - ms(b.timestamp))[0]!;
  const merged: Envelope[] = [];
  if (meta) merged.push(meta);
  merged.push(...definitions, { testRunStarted: { ...first, id: started[0]!.id ?? first.id } }, ...runtime);
  if (finished.length === shards.length) {
    const last = [...finished].sort((a, b) => ms(b.timestamp) - ms(a.timestamp))[0]!;
    const runFinished: NonNullable<Envelope['testRunFinished']> = { ...last, success: finished.every((f) => f.success) };
    if (started[0]!.id !== undefined) runFinished.testRunStartedId = started[0]!.id;
    merged.push({ testRunFinished: runFinished });
  }
  // A shard cut short (no testRunFinished) leaves the merged run unfinished, as that shard's own reports say.
  return merged;
}

/** A later shard's copy of a pickle the first shard already has: its ids become the kept ones. */
function mapPickle(
  key: string,
  pickle: NonNullable<Envelope['pickle']>,
  canonical: Map<string, string>,
  ids: Map<string, string>,
  source: string,
): void {
  const kept = canonical.get(key);
  if (kept === undefined || canonical.get(`${key} text`) !== pickleText(pickle)) {
    throw new MergeError(
      `${source} ran a different version of ${pickle.uri} than the shard before it (scenario "${pickle.name}"): merge the shards of one run of one checkout`,
    );
  }
  ids.set(pickle.id, kept);
  pickle.steps.forEach((step, i) => ids.set(step.id, canonical.get(`${key} step ${i}`)!));
}

function pickleText(pickle: NonNullable<Envelope['pickle']>): string {
  return JSON.stringify([pickle.name, pickle.steps.map((step) => step.text)]);
}

/** What a definition is, without its id: the same in every shard that loaded the same code. */
function definitionKey(envelope: Envelope): string {
  const [kind, value] = Object.entries(envelope)[0]!;
  const { id: _id, ...rest } = value as { id?: string };
  return `${kind} ${JSON.stringify(rest)}`;
}

function definitionId(envelope: Envelope): string | undefined {
  return (envelope.stepDefinition ?? envelope.hook ?? envelope.parameterType)?.id;
}

/** The envelope with every reference to a mapped id replaced (ids are random, so a match is a reference). */
function renamed(envelope: Envelope, ids: Map<string, string>): Envelope {
  if (ids.size === 0) return envelope;
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return ids.get(value) ?? value;
    if (Array.isArray(value)) return value.map(walk);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, key === 'body' ? inner : walk(inner)]));
    }
    return value;
  };
  return walk(envelope) as Envelope;
}

function ms(timestamp: Timestamp): number {
  return Number(timestamp.seconds) * 1000 + timestamp.nanos / 1e6;
}
