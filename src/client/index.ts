export { WebSocketClient } from './client';
export { ClientError } from './errors';
export type * from './types';
export { parseWebSocketUrl, type WebSocketTarget } from './url';
export { buildHandshakeRequest, expectedAccept, generateKey, type BuiltRequest } from './handshake-request';
export { validateHandshakeResponse, type Negotiated } from './handshake-validate';
export { ResponseHeadReader, MAX_RESPONSE_HEAD, type HeadResult } from './response-head';
export {
  formatDeflateOffer,
  negotiatePerMessageDeflate,
  parseDeflateParameters,
  type DeflateOffer,
  type PerMessageDeflateTerms,
} from './deflate-negotiation';
