import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ContractDocument } from './model';

/** One time the conversation broke the contract. */
export interface Violation {
  scenario: string;
  client: string;
  /** What was checked: a frame sent or received, or the handshake. */
  kind: 'sent' | 'received' | 'handshake' | 'channel';
  channel?: string;
  /** The message as it went over the wire (shortened). */
  preview?: string;
  problem: string;
  /** Did it fail the scenario, or only warn. */
  failed: boolean;
}

interface DocumentCoverage {
  document: ContractDocument;
  /** "operationId message" -> times seen. */
  exercised: Map<string, number>;
  violations: Violation[];
}

/** What every scenario of this process did with each contract: the input of reports/contract.json. */
const coverage = new Map<string, DocumentCoverage>();

function entryFor(document: ContractDocument): DocumentCoverage {
  let entry = coverage.get(document.source);
  if (!entry) coverage.set(document.source, (entry = { document, exercised: new Map(), violations: [] }));
  return entry;
}

export function noteDocument(document: ContractDocument): void {
  entryFor(document);
}

export function noteExercised(document: ContractDocument, operationId: string, messageKey: string): void {
  const entry = entryFor(document);
  const key = `${operationId}\u0000${messageKey}`;
  entry.exercised.set(key, (entry.exercised.get(key) ?? 0) + 1);
}

export function noteViolation(document: ContractDocument, violation: Violation): void {
  entryFor(document).violations.push(violation);
}

export interface CoverageReport {
  documents: Array<{
    source: string;
    title: string;
    asyncapi: string;
    operations: Array<{ id: string; channel: string; direction: 'client sends' | 'client receives'; exercised: boolean; messages: Array<{ name: string; exercised: number }> }>;
    exercised: { operations: number; messages: number };
    neverExercised: string[];
    violations: Violation[];
  }>;
}

export function coverageReport(): CoverageReport {
  const documents = [...coverage.values()].map(({ document, exercised, violations }) => {
    const operations = document.operations.map((op) => {
      const messages = [
        ...op.messages.map((m) => ({ name: m.name ?? m.key, exercised: exercised.get(`${op.id}\u0000${m.key}`) ?? 0 })),
        ...(op.reply ?? []).map((m) => ({ name: `${m.name ?? m.key} (reply)`, exercised: exercised.get(`${op.id}\u0000reply ${m.key}`) ?? 0 })),
      ];
      const direction: 'client sends' | 'client receives' = op.clientSends ? 'client sends' : 'client receives';
      return { id: op.id, channel: op.channelId, direction, exercised: messages.some((m) => m.exercised > 0), messages };
    });
    const neverExercised = operations.flatMap((op) => op.messages.filter((m) => m.exercised === 0).map((m) => `${op.id}: ${m.name}`));
    return {
      source: document.source,
      title: document.title,
      asyncapi: document.version,
      operations,
      exercised: {
        operations: operations.filter((o) => o.exercised).length,
        messages: operations.reduce((n, o) => n + o.messages.filter((m) => m.exercised > 0).length, 0),
      },
      neverExercised,
      violations,
    };
  });
  return { documents };
}

/** Write reports/contract.json when any scenario used a contract; a worker of a parallel run writes its own part. */
export function writeCoverageReport(file: string): string | undefined {
  if (coverage.size === 0) return undefined;
  const worker = process.env.CUCUMBER_WORKER_ID;
  const target = worker ? file.replace(/(\.json)?$/, `-worker-${worker}.json`) : file;
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, `${JSON.stringify(coverageReport(), null, 2)}\n`);
  return target;
}
