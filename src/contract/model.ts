/**
 * What wsbdd keeps of an AsyncAPI document: plain data, the same for 2.x and 3.x. Directions are the
 * client's: a message the application described by the document sends is one the client receives.
 */
export interface ContractMessage {
  /** The message's id (its key in the document), else its name. */
  key: string;
  name?: string;
  /** JSON Schema of the payload; absent: any payload. */
  payload?: object;
  examples: unknown[];
  /** Where the correlation id sits, as the document writes it ("$message.payload#/id"). */
  correlationId?: string;
}

export interface ContractOperation {
  id: string;
  channelId: string;
  /** true: the client sends these messages (the application receives them). */
  clientSends: boolean;
  messages: ContractMessage[];
  /** The reply the application sends back, when the operation declares one (3.x `reply`). */
  reply?: ContractMessage[];
}

export interface ContractChannel {
  id: string;
  /** The address with its {parameters}; for 2.x the channel name. */
  address: string;
  parameters: Record<string, object | undefined>;
  /** The WebSocket binding's schemas of the handshake request. */
  query?: object;
  headers?: object;
  /** Ids of the servers this channel is on; empty: every server. */
  servers: string[];
}

export interface ContractServer {
  id: string;
  protocol: string;
  host: string;
  /** The server's base path ("/" when none). */
  pathname: string;
}

export interface ContractDocument {
  /** The file it was read from, as given. */
  source: string;
  version: string;
  title: string;
  servers: ContractServer[];
  channels: ContractChannel[];
  operations: ContractOperation[];
}

/** Every message of the document, by id and by name. */
export function findMessage(doc: ContractDocument, name: string): { message: ContractMessage; operation: ContractOperation } | undefined {
  for (const byKey of [true, false]) {
    for (const operation of doc.operations) {
      for (const message of [...operation.messages, ...(operation.reply ?? [])]) {
        if (byKey ? message.key === name : message.name === name) return { message, operation };
      }
    }
  }
  return undefined;
}

export function messageNames(doc: ContractDocument): string[] {
  const names = new Set<string>();
  for (const operation of doc.operations) for (const m of [...operation.messages, ...(operation.reply ?? [])]) names.add(m.name ?? m.key);
  return [...names];
}
