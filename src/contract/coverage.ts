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

export type Direction = 'client sends' | 'client receives';

export interface OperationCoverage {
  id: string;
  channel: string;
  direction: Direction;
  exercised: boolean;
  messages: Array<{ name: string; exercised: number }>;
}

export interface DocumentCoverage {
  source: string;
  title: string;
  asyncapi: string;
  operations: OperationCoverage[];
  exercised: { operations: number; messages: number };
  /** Messages (and replies) no scenario exercised, as "operation: message". */
  neverExercised: string[];
  violations: Violation[];
}

/** reports/contract.json, and what each scenario attaches for it (`wsbdd-contract.json`). */
export interface CoverageReport {
  documents: DocumentCoverage[];
}

/** What one scenario (or one process) did with each document it used. */
export class CoverageTally {
  private readonly entries = new Map<string, { document: ContractDocument; exercised: Map<string, number>; violations: Violation[] }>();

  private entryFor(document: ContractDocument) {
    let entry = this.entries.get(document.source);
    if (!entry) this.entries.set(document.source, (entry = { document, exercised: new Map(), violations: [] }));
    return entry;
  }

  noteDocument(document: ContractDocument): void {
    this.entryFor(document);
  }

  /** `messageKey` is the message's key, or "reply <key>" for a reply of the operation. */
  noteExercised(document: ContractDocument, operationId: string, messageKey: string): void {
    const exercised = this.entryFor(document).exercised;
    const key = `${operationId}\u0000${messageKey}`;
    exercised.set(key, (exercised.get(key) ?? 0) + 1);
  }

  noteViolation(document: ContractDocument, violation: Violation): void {
    this.entryFor(document).violations.push(violation);
  }

  get empty(): boolean {
    return this.entries.size === 0;
  }

  report(): CoverageReport {
    const documents = [...this.entries.values()].map(({ document, exercised, violations }) =>
      withTotals({
        source: document.source,
        title: document.title,
        asyncapi: document.version,
        operations: document.operations.map((op) => ({
          id: op.id,
          channel: op.channelId,
          direction: op.clientSends ? 'client sends' : 'client receives',
          exercised: false,
          messages: [
            ...op.messages.map((m) => ({ name: m.name ?? m.key, exercised: exercised.get(`${op.id}\u0000${m.key}`) ?? 0 })),
            ...(op.reply ?? []).map((m) => ({ name: `${m.name ?? m.key} (reply)`, exercised: exercised.get(`${op.id}\u0000reply ${m.key}`) ?? 0 })),
          ],
        })),
        violations: [...violations],
      }),
    );
    return { documents };
  }
}

/** The flags, counts and list that follow from the operations' message counts. */
function withTotals(doc: Omit<DocumentCoverage, 'exercised' | 'neverExercised'>): DocumentCoverage {
  const operations = doc.operations.map((op) => ({ ...op, exercised: op.messages.some((m) => m.exercised > 0) }));
  return {
    ...doc,
    operations,
    exercised: {
      operations: operations.filter((o) => o.exercised).length,
      messages: operations.reduce((n, o) => n + o.messages.filter((m) => m.exercised > 0).length, 0),
    },
    neverExercised: operations.flatMap((op) => op.messages.filter((m) => m.exercised === 0).map((m) => `${op.id}: ${m.name}`)),
    violations: doc.violations,
  };
}

/**
 * Reports of several scenarios (or processes) as one: per document, the counts added up and every
 * violation, in the order given. A document is known by its source; its operations by id and channel.
 */
export function mergeCoverageReports(reports: CoverageReport[]): CoverageReport {
  const merged = new Map<string, Omit<DocumentCoverage, 'exercised' | 'neverExercised'>>();
  for (const report of reports) {
    for (const doc of report.documents) {
      const into = merged.get(doc.source);
      if (!into) {
        merged.set(doc.source, {
          source: doc.source,
          title: doc.title,
          asyncapi: doc.asyncapi,
          operations: doc.operations.map((op) => ({ ...op, messages: op.messages.map((m) => ({ ...m })) })),
          violations: [...doc.violations],
        });
        continue;
      }
      for (const op of doc.operations) {
        const same = into.operations.find((o) => o.id === op.id && o.channel === op.channel);
        if (!same) {
          into.operations.push({ ...op, messages: op.messages.map((m) => ({ ...m })) });
          continue;
        }
        for (const message of op.messages) {
          const counted = same.messages.find((m) => m.name === message.name);
          if (counted) counted.exercised += message.exercised;
          else same.messages.push({ ...message });
        }
      }
      into.violations.push(...doc.violations);
    }
  }
  return { documents: [...merged.values()].map(withTotals) };
}

// What the final attempt of each scenario of this process did: reports/contract.json of a serial run.
const scenarioReports: CoverageReport[] = [];

export function addScenarioCoverage(report: CoverageReport): void {
  if (report.documents.length > 0) scenarioReports.push(report);
}

export function coverageReport(): CoverageReport {
  return mergeCoverageReports(scenarioReports);
}

/** Write a report as JSON, creating its directory; nothing when no document was used. */
export function writeCoverageReport(file: string, report: CoverageReport = coverageReport()): string | undefined {
  if (report.documents.length === 0) return undefined;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
