import type { ContractDocument, ContractMessage, ContractOperation } from './model';

/**
 * The messages the application answers `message` of `operation` with. AsyncAPI 3 says so with `reply`;
 * 2.x has no replies, so there a request and its answer are paired by their correlation id: a message the
 * client receives on the same channel whose correlationId sits at the same place.
 */
export function repliesTo(doc: ContractDocument, operation: ContractOperation, message: ContractMessage): ContractMessage[] {
  if (operation.reply) return operation.reply;
  if (!message.correlationId) return [];
  return doc.operations
    .filter((o) => o.channelId === operation.channelId && !o.clientSends)
    .flatMap((o) => o.messages)
    .filter((m) => m.correlationId === message.correlationId);
}

/** "$message.payload#/meta/id" -> the value at /meta/id of the payload (headers are not in a WebSocket frame). */
export function correlationValue(location: string, payload: unknown): unknown {
  const m = /^\$message\.payload#(.*)$/.exec(location);
  if (!m) return undefined;
  let value: unknown = payload;
  for (const part of pointerParts(m[1]!)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

export function withCorrelationValue(location: string, payload: unknown, value: unknown): unknown {
  const m = /^\$message\.payload#(.*)$/.exec(location);
  const parts = m ? pointerParts(m[1]!) : [];
  if (parts.length === 0 || payload === null || typeof payload !== 'object') return payload;
  const copy = structuredClone(payload) as Record<string, unknown>;
  let target: Record<string, unknown> = copy;
  for (const part of parts.slice(0, -1)) {
    const next = target[part];
    if (next === null || typeof next !== 'object') target[part] = {};
    target = target[part] as Record<string, unknown>;
  }
  target[parts[parts.length - 1]!] = value;
  return copy;
}

function pointerParts(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}
