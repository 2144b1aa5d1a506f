import { checkSchema, type SchemaError } from './json-schema';
import type { ContractMessage, ContractOperation } from './model';

/** A message's payload as the schemas see it: JSON when it parses, else the text itself. */
export function payloadValue(data: Buffer, binary: boolean): { value: unknown; json: boolean } {
  if (binary) return { value: data, json: false };
  const text = data.toString('utf8');
  try {
    return { value: JSON.parse(text), json: true };
  } catch {
    return { value: text, json: false };
  }
}

export interface Candidate {
  operation: ContractOperation;
  message: ContractMessage;
}

export interface CandidateResult extends Candidate {
  errors: SchemaError[];
}

/** The first candidate whose payload schema the value satisfies, else every candidate's errors, closest first. */
export function matchCandidates(candidates: Candidate[], value: unknown, binary: boolean): { match?: Candidate; tried: CandidateResult[] } {
  const tried: CandidateResult[] = [];
  for (const candidate of candidates) {
    const schema = candidate.message.payload;
    if (binary) {
      // A binary frame carries no JSON: only a message with no payload schema, or a binary string one, takes it.
      const t = (schema as { type?: unknown; format?: unknown } | undefined) ?? {};
      if (!candidate.message.payload || (t.type === 'string' && (t.format === 'binary' || t.format === 'byte'))) return { match: candidate, tried };
      tried.push({ ...candidate, errors: [{ pointer: '', message: 'is a binary frame, the schema describes JSON' }] });
      continue;
    }
    if (!schema) return { match: candidate, tried };
    const check = checkSchema(schema, value);
    if (check.ok) return { match: candidate, tried };
    tried.push({ ...candidate, errors: check.errors });
  }
  tried.sort((a, b) => a.errors.length - b.errors.length);
  return { tried };
}
