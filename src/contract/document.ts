import { readFile, stat } from 'node:fs/promises';
import { acyclicSchema } from './acyclic';
import { compileSchema, type ValueSource } from './json-schema';
import type { ContractChannel, ContractDocument, ContractMessage, ContractOperation, ContractServer } from './model';

/** The document could not be read or the parser found errors in it: what it said, line by line. */
export class ContractDocumentError extends Error {
  constructor(
    readonly source: string,
    readonly diagnostics: string[],
  ) {
    super(`the AsyncAPI document ${source} is not valid:\n${diagnostics.map((d) => `  ${d}`).join('\n')}`);
    this.name = 'ContractDocumentError';
  }
}

// Parsing runs the parser's whole rule set (about a second): each file is parsed once per process.
const cache = new Map<string, { mtimeMs: number; document: Promise<ContractDocument> }>();

/** Read and parse an AsyncAPI 2.x or 3.x document (YAML or JSON) from a file. */
export async function loadContractDocument(path: string, shownAs = path): Promise<ContractDocument> {
  let mtimeMs: number;
  try {
    mtimeMs = (await stat(path)).mtimeMs;
  } catch (error) {
    throw new ContractDocumentError(shownAs, [`cannot read it: ${(error as Error).message}`]);
  }
  const cached = cache.get(path);
  if (cached && cached.mtimeMs === mtimeMs) return cached.document;
  const document = readFile(path, 'utf8').then((text) => parseContractDocument(text, path, shownAs));
  cache.set(path, { mtimeMs, document });
  document.catch(() => cache.delete(path));
  return document;
}

interface Diagnostic {
  severity: number;
  code: string | number;
  message: string;
  path: Array<string | number>;
  range?: { start: { line: number; character: number } };
}

export async function parseContractDocument(text: string, path: string, shownAs = path): Promise<ContractDocument> {
  // The parser is large: it loads when a contract is first used, never at start-up.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Parser } = require('@asyncapi/parser') as typeof import('@asyncapi/parser');
  // Only errors decide; the recommended rules (style hints) would cost time and say nothing that counts.
  const parser = new Parser({ ruleset: { recommended: false } });
  let result;
  try {
    result = await parser.parse(text, { source: path });
  } catch (error) {
    throw new ContractDocumentError(shownAs, [(error as Error).message]);
  }
  const diagnostics = result.diagnostics as Diagnostic[];
  // Severity 0 is an error; warnings and hints (a newer version exists, a missing description) are not.
  const errors = diagnostics.filter((d) => d.severity === 0);
  if (!result.document || errors.length > 0) {
    throw new ContractDocumentError(shownAs, (errors.length > 0 ? errors : diagnostics).map(describeDiagnostic));
  }
  const document = toContractDocument(result.document, shownAs);
  const unusable = unusableSchemas(document);
  if (unusable.length > 0) throw new ContractDocumentError(shownAs, unusable);
  return document;
}

/**
 * Every schema of the document compiled once, now: a schema the validator cannot use is the document's
 * fault, said before a scenario runs, never a frame that goes unchecked.
 */
function unusableSchemas(document: ContractDocument): string[] {
  const problems: string[] = [];
  const tryCompile = (schema: object | undefined, what: string, source: ValueSource = 'json') => {
    if (!schema) return;
    try {
      compileSchema(schema, source);
    } catch (error) {
      problems.push(`${what} cannot be used as a JSON Schema: ${(error as Error).message}`);
    }
  };
  for (const channel of document.channels) {
    for (const [name, schema] of Object.entries(channel.parameters)) tryCompile(schema, `the parameter ${name} of channel ${channel.id}`, 'text');
    tryCompile(channel.query, `the WebSocket binding's query of channel ${channel.id}`, 'text');
    tryCompile(channel.headers, `the WebSocket binding's headers of channel ${channel.id}`, 'text');
  }
  const seen = new Set<object>();
  for (const operation of document.operations) {
    for (const message of [...operation.messages, ...(operation.reply ?? [])]) {
      if (!message.payload || seen.has(message.payload)) continue;
      seen.add(message.payload);
      tryCompile(message.payload, `the payload of message ${message.name ?? message.key}`);
    }
  }
  return problems;
}

function describeDiagnostic(d: Diagnostic): string {
  const line = d.range ? `line ${d.range.start.line + 1}: ` : '';
  const at = d.path.length > 0 ? ` (at ${d.path.join('.')})` : '';
  return `${line}${d.message}${at} [${d.code}]`;
}

type Doc = NonNullable<Awaited<ReturnType<import('@asyncapi/parser').Parser['parse']>>['document']>;
type Msg = ReturnType<ReturnType<Doc['allMessages']>['all']>[number];

function schemaJson(schema: { json(): unknown } | undefined): object | undefined {
  const json = schema?.json();
  return json !== null && typeof json === 'object' ? acyclicSchema(json) : typeof json === 'boolean' ? (json ? {} : { not: {} }) : undefined;
}

function toMessage(m: Msg): ContractMessage {
  const examples = m
    .examples()
    .all()
    .map((e) => e.payload())
    .filter((p) => p !== undefined);
  const name = m.name();
  const id = m.id();
  return {
    key: id && !id.startsWith('<anonymous') ? id : (name ?? id ?? 'message'),
    name,
    payload: m.hasPayload() ? schemaJson(m.payload()) : undefined,
    examples,
    correlationId: m.correlationId()?.location(),
  };
}

function toContractDocument(doc: Doc, source: string): ContractDocument {
  const servers: ContractServer[] = doc
    .servers()
    .all()
    .map((s) => {
      // 2.x writes a server's URL with or without a scheme; the parser's host() throws on the latter.
      const url = s.url();
      let pathname = '/';
      let host = '';
      try {
        const parsed = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `ws://${url}`);
        pathname = parsed.pathname || '/';
        host = parsed.host;
      } catch {
        // a server URL with {variables} in its host: no host to prefer, no base path to strip
      }
      return { id: s.id(), protocol: s.protocol(), host, pathname };
    });
  const channels: ContractChannel[] = doc
    .channels()
    .all()
    .map((c) => {
      const ws = c.bindings().get('ws')?.value() as { query?: unknown; headers?: unknown } | undefined;
      const parameters: Record<string, object | undefined> = {};
      for (const p of c.parameters().all()) parameters[p.id()] = schemaJson(p.schema());
      return {
        id: c.id(),
        address: c.address() ?? '',
        parameters,
        query: plainSchema(ws?.query),
        headers: plainSchema(ws?.headers),
        servers: c.servers().all().map((s) => s.id()),
      };
    });
  const operations: ContractOperation[] = [];
  for (const o of doc.operations().all()) {
    const reply = 'reply' in o && typeof o.reply === 'function' ? o.reply() : undefined;
    for (const c of o.channels().all()) {
      operations.push({
        id: o.id() ?? `${o.action()} ${c.id()}`,
        channelId: c.id(),
        clientSends: o.isReceive(),
        messages: o.messages().all().map(toMessage),
        reply: reply ? reply.messages().all().map(toMessage) : undefined,
      });
    }
  }
  return { source, version: doc.version(), title: doc.info().title(), servers, channels, operations };
}

/** A binding's schema, without what the parser added to it. */
function plainSchema(value: unknown): object | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  return JSON.parse(JSON.stringify(acyclicSchema(value), (key, v) => (key.startsWith('x-parser-') ? undefined : v)));
}
