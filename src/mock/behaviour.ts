import type { TextPattern } from '../patterns';

/** What the embedded mock server does; reset to the defaults (an echo server) before every scenario. */
export interface MockBehaviour {
  /** echo: send every message back to its sender; broadcast: send it to every connected client. */
  mode: 'echo' | 'broadcast';
  /** Exact text message -> text sent back instead of the echo/broadcast. */
  replies: Map<string, string>;
  /**
   * Computes the answer to a message (the replies a contract declares): the texts to send back, none
   * included; undefined leaves the message to the replies and the mode.
   */
  answer?: (path: string, data: Buffer, binary: boolean) => string[] | undefined;
  /** Text messages sent to every client right after its handshake, in order. */
  greetings: string[];
  /** Answer every handshake with this HTTP status instead of 101. */
  rejectStatus?: number;
  /** Handshakes lacking a header that matches are answered 401. */
  requiredHeaders: Array<{ name: string; pattern: TextPattern }>;
  /** Subprotocol put in the answer whenever the client offers any; absent: the first one offered. */
  subprotocol?: string;
  /** Ping every client this often. */
  pingIntervalMs?: number;
  /** Answer client pings with pongs. */
  answerPings: boolean;
  /** After handling this many messages on a connection, close it with the code. */
  closeAfter?: { messages: number; code: number; reason?: string };
  /** After handling this many messages on a connection, drop TCP without a close frame. */
  dropAfter?: { messages: number };
  /** Accept permessage-deflate offers (RFC 7692) on these terms, and compress every message sent; absent: refuse. */
  perMessageDeflate?: MockDeflateTerms;
}

/** The server's side of permessage-deflate, in `ws`'s terms: what it asks for, and its own window. */
export interface MockDeflateTerms {
  serverNoContextTakeover?: boolean;
  clientNoContextTakeover?: boolean;
  serverMaxWindowBits?: number;
  clientMaxWindowBits?: number;
}

export function defaultBehaviour(): MockBehaviour {
  return { mode: 'echo', replies: new Map(), greetings: [], requiredHeaders: [], answerPings: true };
}
