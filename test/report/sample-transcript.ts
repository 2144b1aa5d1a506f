import type { Frame } from '../../src/protocol/frame';
import type { TranscriptEntry } from '../../src/transcript/transcript';

/** Builds transcript entries at chosen times, the way the World records them, for report tests. */
export class TranscriptBuilder {
  readonly entries: TranscriptEntry[] = [];
  private now = 0;

  at(t: number): this {
    this.now = t;
    return this;
  }

  connect(actor: string, options: { cookie?: string; path?: string; elapsedMs?: number; status?: number } = {}): this {
    const path = options.path ?? '/chat';
    const headers: Array<[string, string]> = [
      ['Host', '127.0.0.1:40000'],
      ['Upgrade', 'websocket'],
      ['Connection', 'Upgrade'],
      ['Sec-WebSocket-Key', 'dGhlIHNhbXBsZSBub25jZQ=='],
      ['Sec-WebSocket-Version', '13'],
    ];
    if (options.cookie) headers.push(['Cookie', options.cookie]);
    const head = [`GET ${path} HTTP/1.1`, ...headers.map(([n, v]) => `${n}: ${v}`)].join('\r\n') + '\r\n\r\n';
    this.entries.push({ t: this.now, actor, kind: 'tcp-connect', remote: '127.0.0.1:40000' });
    this.entries.push({ t: this.now + 0.2, actor, kind: 'handshake-request', request: { method: 'GET', path, headers, head } });
    const status = options.status ?? 101;
    const responseHeaders: Array<[string, string]> =
      status === 101
        ? [
            ['Upgrade', 'websocket'],
            ['Connection', 'Upgrade'],
            ['Sec-WebSocket-Accept', 's3pPLMBiTxaQ9kYGzzhZRbK+xOo='],
          ]
        : [['Content-Type', 'text/plain']];
    const statusMessage = status === 101 ? 'Switching Protocols' : 'Unauthorized';
    this.entries.push({
      t: this.now + 1.2,
      actor,
      kind: 'handshake-response',
      elapsedMs: options.elapsedMs ?? 1.3,
      response: {
        httpVersion: '1.1',
        statusCode: status,
        statusMessage,
        headers: responseHeaders,
        head: [`HTTP/1.1 ${status} ${statusMessage}`, ...responseHeaders.map(([n, v]) => `${n}: ${v}`)].join('\r\n'),
        body: status === 101 ? undefined : Buffer.from('no cookie'),
      },
    });
    this.now += 1.5;
    return this;
  }

  frame(actor: string, direction: 'in' | 'out', opcode: number, payload: Buffer | string, extra: Partial<Frame> = {}): this {
    const data = typeof payload === 'string' ? Buffer.from(payload) : payload;
    const frame: Frame = {
      fin: true,
      rsv1: false,
      rsv2: false,
      rsv3: false,
      opcode,
      masked: direction === 'out',
      maskKey: direction === 'out' ? Buffer.from([1, 2, 3, 4]) : undefined,
      declaredLength: data.length,
      payload: data,
      ...extra,
    };
    this.entries.push({ t: this.now, actor, kind: 'frame', direction, frame });
    this.now += 0.5;
    return this;
  }

  send(actor: string, text: string): this {
    return this.frame(actor, 'out', 1, text);
  }

  receive(actor: string, text: string): this {
    return this.frame(actor, 'in', 1, text);
  }

  raw(actor: string, bytes: Buffer): this {
    this.entries.push({ t: this.now, actor, kind: 'frame', direction: 'out', raw: bytes });
    this.now += 0.5;
    return this;
  }

  error(actor: string, code: string, message: string): this {
    this.entries.push({ t: this.now, actor, kind: 'error', code, message });
    this.now += 0.5;
    return this;
  }

  close(actor: string, code = 1000, reason = '', clean = true, initiatedBy = 'client'): this {
    this.entries.push({ t: this.now, actor, kind: 'close', code, reason, clean, initiatedBy });
    this.now += 0.5;
    return this;
  }

  note(actor: string, text: string): this {
    this.entries.push({ t: this.now, actor, kind: 'note', text });
    this.now += 0.5;
    return this;
  }

  reconnect(actor: string, attempt: number, delayMs: number): this {
    this.entries.push({ t: this.now, actor, kind: 'reconnect', attempt, delayMs });
    this.now += delayMs;
    return this;
  }
}

/** A chat-like exchange: connect, echo, ping, a failing expectation, close. */
export function sampleChatTranscript(cookie = 'session=abc123secret'): TranscriptEntry[] {
  const closePayload = Buffer.concat([Buffer.from([0x03, 0xe8]), Buffer.from('bye')]);
  return new TranscriptBuilder()
    .connect('alice', { cookie })
    .send('alice', 'hello')
    .at(3)
    .receive('alice', 'hello')
    .frame('alice', 'out', 9, 'p1')
    .at(4)
    .frame('alice', 'in', 10, 'p1')
    .frame('alice', 'out', 2, Buffer.from([0x01, 0x02, 0xff]))
    .at(6)
    .frame('alice', 'in', 2, Buffer.from([0x01, 0x02, 0xff]))
    .frame('alice', 'out', 8, closePayload)
    .frame('alice', 'in', 8, closePayload)
    .close('alice', 1000, 'bye', true, 'client').entries;
}
