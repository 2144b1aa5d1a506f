import type { ClientErrorInit, ClientErrorKind, HandshakeResponse } from './types';

export class ClientError extends Error {
  override readonly name = 'ClientError';
  readonly kind: ClientErrorKind;
  readonly code: string;
  readonly response?: HandshakeResponse;
  readonly closeCode?: number;
  readonly rfcSection?: string;

  constructor(init: ClientErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.code = init.code;
    this.response = init.response;
    this.closeCode = init.closeCode;
    this.rfcSection = init.rfcSection;
  }
}
