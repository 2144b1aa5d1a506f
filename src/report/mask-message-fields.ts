import type { Redactor } from '../secrets/redact';

/**
 * Fields left as they are: ids and uris link messages to each other (a 4-character secret could occur
 * inside a uuid), and the others hold fixed vocabularies that formatters switch on.
 */
const FIXED_FIELDS = new Set(['uri', 'mediaType', 'contentEncoding', 'status', 'type', 'keywordType', 'language']);

function isFixedField(key: string | undefined): boolean {
  return key !== undefined && (key === 'id' || key.endsWith('Id') || key.endsWith('Ids') || FIXED_FIELDS.has(key));
}

/** Attachments stored as base64 whose decoded bytes are text, so a secret inside them can be masked. */
function isTextMedia(mediaType: unknown): boolean {
  return typeof mediaType === 'string' && /^text\/|[/+](json|xml)\s*(;|$)/i.test(mediaType);
}

/**
 * A copy of a Cucumber message with every known secret value masked in its text: feature sources, step
 * texts, table cells, names, error messages and attachments (decoded first when base64 text). The
 * original is left alone, as every formatter receives the same object.
 */
export function maskMessageFields<T>(envelope: T, redactor: Redactor): T {
  return redactValue(envelope, redactor, undefined) as T;
}

function redactValue(value: unknown, redactor: Redactor, key: string | undefined): unknown {
  if (typeof value === 'string') return isFixedField(key) ? value : redactor.text(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, redactor, key));
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const [field, item] of Object.entries(record)) copy[field] = redactValue(item, redactor, field);
  if (record.contentEncoding === 'BASE64' && typeof record.body === 'string') {
    copy.body = isTextMedia(record.mediaType) ? redactBase64Text(record.body, redactor) : record.body;
  }
  return copy;
}

function redactBase64Text(body: string, redactor: Redactor): string {
  const text = Buffer.from(body, 'base64').toString('utf8');
  const masked = redactor.text(text);
  return masked === text ? body : Buffer.from(masked, 'utf8').toString('base64');
}
