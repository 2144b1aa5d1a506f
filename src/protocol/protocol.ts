import { MessageAssembler } from './assembler';
import { buildClosePayload, parseClosePayload, readClosePayloadLeniently, type ClosePayload } from './close-payload';
import { ClosingHandshake, type CloseInitiator, type PeerClose } from './closing-handshake';
import { DEFAULT_MAX_MESSAGE_SIZE, MAX_CONTROL_PAYLOAD, Opcode } from './constants';
import { FrameDecoder } from './decoder';
import { encodeFrame, type EncoderDefaults } from './encoder';
import { ProtocolError, ProtocolErrorCode, type ProtocolErrorCodeValue } from './errors';
import { EMPTY_PAYLOAD, type Frame, type FrameSpec, type LengthWidth, type MaskKeySource } from './frame';
import type { EncodedFrame } from './encoder';
import { checkFrameHeader, type FrameRules } from './frame-rules';
import { MessageDeflater, type DeflaterOptions } from './deflate';
import { MessageInflater, type InflaterOptions } from './inflate';
import { randomMaskKey } from './mask-key';
import { encodeMessageFrames } from './send-message';
import { closeReasonFor, violation } from './violations';

export type Role = 'client' | 'server';
export type { CloseInitiator, PeerClose } from './closing-handshake';
export type ProtocolState = 'open' | 'closing' | 'closed';

export interface ProtocolOptions {
  role: Role;
  /** Largest message (after reassembly) accepted; enforced from frame headers before buffering. Default 64 MiB. */
  maxMessageSize?: number;
  /** Reject length fields not encoded in the minimal number of bytes (RFC 6455 5.2). Default true. */
  strictLengths?: boolean;
  /** RSV bits that a negotiated extension gave a meaning; all others are violations. */
  allowedRsv?: { rsv1?: boolean; rsv2?: boolean; rsv3?: boolean };
  /**
   * permessage-deflate (RFC 7692) was negotiated: RSV1 on the first frame of a data message means that
   * message is compressed, and it is delivered decompressed. Our own messages are compressed when
   * `compress` is given (each can still go out uncompressed, which RFC 7692 allows), else sent as they are.
   */
  perMessageDeflate?: PerMessageDeflateOptions;
  /** Answer pings with pongs automatically. Default true. */
  autoPong?: boolean;
  maskKeySource?: MaskKeySource;
}

/** The negotiated permessage-deflate terms, seen from our side: how the peer compresses, and how we do. */
export interface PerMessageDeflateOptions extends InflaterOptions {
  /** Compress our messages this way; absent: ours go out uncompressed. */
  compress?: DeflaterOptions;
}

/** Why a received frame was read but not acted upon: the connection was already failing or closed. */
export type IgnoredReason = 'after-violation' | 'after-close';

/**
 * A frame as read, before its meaning. `rejected` names the violation this very frame committed (its
 * 'error' event follows); `ignored` says it came when nothing but a close frame (after a violation) or
 * nothing at all (after the peer's close) is taken in. A frame turned away at its header carries only
 * the payload bytes that came in the same read; `declaredLength` still says how long it claimed to be.
 */
export interface FrameReceived {
  type: 'frame';
  frame: Frame;
  rejected?: ProtocolErrorCodeValue;
  ignored?: IgnoredReason;
}

/** What the protocol reports after being fed bytes. */
export type ProtocolEvent =
  | FrameReceived
  /** compressedLength: the message came compressed (permessage-deflate), in this many bytes on the wire. */
  | { type: 'message'; data: Buffer; binary: boolean; compressedLength?: number }
  | { type: 'ping'; payload: Buffer }
  | { type: 'pong'; payload: Buffer }
  /** The peer's close frame. code is undefined for an empty close payload (reported as 1005). */
  | { type: 'close'; code: number | undefined; reason: string; payload: Buffer }
  /** A violation by the peer: the protocol has already queued a close frame with error.closeCode. */
  | { type: 'error'; error: ProtocolError };

/**
 * Bytes ready for the transport. `frame` describes what the bytes encode (undefined for raw bytes),
 * so the transport can record the wire transcript. Chunks are written in order, never joined.
 */
export interface Outgoing {
  frame?: Frame;
  chunks: Buffer[];
  /** On the first frame of a message we compressed: the message's size before compression. */
  inflatedLength?: number;
  /** On the first frame of a message we compressed: the message before compression. */
  inflated?: Buffer;
}

export interface SendMessageOptions {
  binary?: boolean;
  /** Cut the message into this many fragments (of near-equal size), or into fragments of the given sizes. */
  fragments?: number | number[];
  /** Control frames sent between fragments: the i-th entry goes after the i-th fragment. */
  between?: FrameSpec[];
  /**
   * With permessage-deflate negotiated for our messages: false sends this one uncompressed (RSV1 clear),
   * which RFC 7692 allows at any time. Fragments are then cut from the compressed bytes. Default true.
   */
  compress?: boolean;
}

/**
 * The RFC 6455 connection state machine, sans I/O: fed bytes, it returns events; asked to send, it queues
 * bytes for the transport to write. No sockets, no timers.
 *
 * Receiving is strict (every violation by the peer becomes an 'error' event and a queued close frame);
 * sending does exactly what it is asked, so that a harness can misbehave on purpose. Chunks given to
 * receive() are owned by the protocol from then on: masked payloads are unmasked in place, and events
 * hold views into them. The sending methods throw ProtocolUsageError only for what cannot be encoded at
 * all (an opcode above 15, a 3-byte mask key, fragment sizes longer than the message, ...).
 *
 * The core owns the closing handshake: every close frame it queues (from close(), sendFrame() or
 * between fragments, valid or not) counts as sent, so a peer's close is then not answered again, and
 * the transport reads from here whether it still waits for the peer's close frame or for TCP to end.
 * Bytes given to sendRaw() are opaque and change nothing.
 */
export class WebSocketProtocol {
  /**
   * The peer's first violation, once there was one; input other than a close frame is ignored after it
   * (and reported as ignored frames).
   */
  failure: ProtocolError | undefined;

  private readonly closing = new ClosingHandshake();
  private readonly decoder: FrameDecoder;
  private readonly assembler: MessageAssembler;
  private readonly rules: FrameRules;
  private readonly encoding: EncoderDefaults;
  private readonly autoPong: boolean;
  private readonly deflater: MessageDeflater | undefined;
  private events: ProtocolEvent[] = [];
  private outgoing: Outgoing[] = [];
  /**
   * Set by the transport while its send buffer is full (the peer does not read): automatic pongs wait,
   * and only the most recent ping is answered once they are released, as RFC 6455 5.5.3 allows.
   */
  private pongsHeld = false;
  private heldPong: Buffer | undefined;
  /** Pings, while pongs were held, whose automatic pong was replaced by a later ping's. */
  private pongsSkipped = 0;

  constructor(readonly options: ProtocolOptions) {
    const rsv = options.allowedRsv ?? {};
    this.rules = {
      role: options.role,
      allowRsv1: rsv.rsv1 === true,
      allowRsv2: rsv.rsv2 === true,
      allowRsv3: rsv.rsv3 === true,
      strictLengths: options.strictLengths ?? true,
      perMessageDeflate: options.perMessageDeflate !== undefined,
    };
    this.encoding = { mask: options.role === 'client', maskKeySource: options.maskKeySource ?? randomMaskKey };
    this.autoPong = options.autoPong ?? true;
    const maxMessageSize = options.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE;
    const inflater = options.perMessageDeflate ? new MessageInflater(options.perMessageDeflate) : undefined;
    this.assembler = new MessageAssembler(maxMessageSize, inflater);
    const compress = options.perMessageDeflate?.compress;
    this.deflater = compress ? new MessageDeflater(compress) : undefined;
    this.decoder = new FrameDecoder(
      {
        frameStart: (frame, width) => this.onFrameStart(frame, width),
        payload: (piece, frame) => this.onPayload(piece, frame),
        frameEnd: (frame) => this.onFrameEnd(frame),
      },
      // The assembler turns oversized frames away first; close frames are kept only up to 125 bytes.
      { maxPayloadLength: Math.max(maxMessageSize, MAX_CONTROL_PAYLOAD) },
    );
  }

  get state(): ProtocolState {
    if (this.closing.received) return 'closed';
    return this.closing.sent || this.failure !== undefined ? 'closing' : 'open';
  }

  /** A close frame of ours has been queued (any payload, valid or not). */
  get closeSent(): boolean {
    return this.closing.sent;
  }

  /** The peer's close frame has been read (malformed ones too). */
  get closeReceived(): boolean {
    return this.closing.received;
  }

  /** Who sent the first close frame; undefined while neither side has. */
  get closeInitiator(): CloseInitiator | undefined {
    return this.closing.initiator;
  }

  /** The code our first close frame carried; undefined for none, or a payload under 2 bytes. */
  get sentCloseCode(): number | undefined {
    return this.closing.sentCode;
  }

  /** The peer's close frame as read, once it arrived. */
  get peerClose(): PeerClose | undefined {
    return this.closing.peerClose;
  }

  /** Our close frame is out and the peer's is still to come (the transport times this wait). */
  get awaitingPeerClose(): boolean {
    return this.closing.sent && !this.closing.received && this.failure === undefined;
  }

  /**
   * Nothing but the end of TCP is left to wait for (RFC 6455 7.1.1): both close frames went, or the
   * peer broke the protocol, after which only its close frame is still read.
   */
  get tcpCloseExpected(): boolean {
    return (this.closing.sent && this.closing.received) || this.failure !== undefined;
  }

  /**
   * Feed bytes read from the transport. Never throws: violations come back as 'error' events. Bytes after
   * the peer's close are still framed, only so that what a peer sent after it can be shown as ignored.
   */
  receive(chunk: Buffer): ProtocolEvent[] {
    if (chunk.length === 0) return [];
    const events: ProtocolEvent[] = [];
    this.events = events;
    try {
      this.decoder.push(chunk);
    } catch (error) {
      this.onUnframeable(error);
    }
    return events;
  }

  /** Queue a text (default for strings) or binary message, optionally fragmented. */
  sendMessage(data: string | Buffer, options: SendMessageOptions = {}): void {
    const deflater = options.compress === false ? undefined : this.deflater;
    const encoded = encodeMessageFrames(data, options, this.encoding, deflater);
    for (const frame of encoded) this.queue(frame);
  }

  /** Our messages are compressed unless a send says otherwise (permessage-deflate negotiated both ways). */
  get compressing(): boolean {
    return this.deflater !== undefined;
  }

  /** Queue any frame, valid or not; a close frame is our close, whatever it carries. */
  sendFrame(spec: FrameSpec): void {
    this.queue(encodeFrame(spec, this.encoding));
  }

  /** Queue arbitrary bytes, not framed. Opaque: a close frame written this way does not count as sent. */
  sendRaw(bytes: Buffer): void {
    this.outgoing.push({ chunks: [bytes] });
  }

  ping(payload?: Buffer): void {
    this.sendFrame({ opcode: Opcode.Ping, payload });
  }

  pong(payload?: Buffer): void {
    this.sendFrame({ opcode: Opcode.Pong, payload });
  }

  /** Queue a close frame with the code and reason as given (invalid ones too); no code: empty payload. */
  close(code?: number, reason?: string | Buffer): void {
    this.sendFrame({ opcode: Opcode.Close, payload: buildClosePayload(code, reason) });
  }

  /** Hold automatic pongs (see pongsHeld) until releasePongs(). */
  holdPongs(): void {
    this.pongsHeld = true;
  }

  get holdingPongs(): boolean {
    return this.pongsHeld;
  }

  /**
   * Stop holding: the most recent ping held gets its pong now (unless our close went out meanwhile).
   * Returns how many pings got no pong of their own while held.
   */
  releasePongs(): number {
    const payload = this.heldPong;
    const skipped = this.pongsSkipped;
    this.pongsHeld = false;
    this.heldPong = undefined;
    this.pongsSkipped = 0;
    if (payload !== undefined && !this.closing.sent) this.pong(payload);
    return skipped;
  }

  /** Pings held and not answered so far: the one pending plus those it replaced. */
  get pongsPending(): number {
    return this.pongsSkipped + (this.heldPong === undefined ? 0 : 1);
  }

  private autoPongFor(payload: Buffer): void {
    if (!this.pongsHeld) return this.pong(payload);
    if (this.heldPong !== undefined) this.pongsSkipped++;
    // A copy: the payload is a view into the read chunk, which must not be kept alive by one held pong.
    this.heldPong = Buffer.from(payload);
  }

  private queue(encoded: EncodedFrame): void {
    this.outgoing.push(encoded);
    this.closing.noteQueued(encoded.frame);
  }

  /** What is ready to write, in order; empties the queue. */
  takeOutgoing(): Outgoing[] {
    const ready = this.outgoing;
    this.outgoing = [];
    return ready;
  }

  private onFrameStart(frame: Frame, lengthWidth: LengthWidth): boolean {
    if (this.closeReceived) return this.ignore(frame, 'after-close');
    if (this.failure !== undefined) {
      if (frame.opcode === Opcode.Close && frame.declaredLength <= MAX_CONTROL_PAYLOAD) return true;
      return this.ignore(frame, 'after-violation');
    }
    try {
      checkFrameHeader(frame, lengthWidth, this.rules);
      if (frame.opcode < Opcode.Close) this.assembler.start(frame);
      return true;
    } catch (error) {
      this.reject(frame, this.decoder.arrivedPayload(), error);
      return false;
    }
  }

  private onPayload(piece: Buffer, frame: Frame): boolean {
    if (frame.opcode >= Opcode.Close || this.failure !== undefined) return true;
    try {
      this.assembler.payload(piece, frame);
      return true;
    } catch (error) {
      this.reject(frame, this.decoder.payloadSoFar(), error);
      return false;
    }
  }

  /** The decoder threw: the stream cannot be framed past this header (e.g. a 64-bit length with its top bit set). */
  private onUnframeable(thrown: unknown): void {
    const header = thrown instanceof ProtocolError ? thrown.frame : undefined;
    if (header === undefined) return this.fail(thrown);
    const frame: Frame = { ...header, payload: EMPTY_PAYLOAD };
    if (this.closeReceived) this.ignore(frame, 'after-close');
    else if (this.failure !== undefined) this.ignore(frame, 'after-violation');
    else this.reject(frame, EMPTY_PAYLOAD, thrown);
  }

  /** Reports a frame that is skipped unread, with what arrived of it. */
  private ignore(frame: Frame, reason: IgnoredReason): false {
    frame.payload = this.decoder.arrivedPayload();
    this.events.push({ type: 'frame', frame, ignored: reason });
    return false;
  }

  /** The frame that broke a rule goes into the frame stream first, so that a transcript shows it before the error. */
  private reject(frame: Frame, arrived: Buffer, thrown: unknown): void {
    frame.payload = arrived;
    const event: FrameReceived = { type: 'frame', frame };
    this.events.push(event);
    this.fail(thrown, event);
  }

  private onFrameEnd(frame: Frame): void {
    const event: FrameReceived = { type: 'frame', frame };
    this.events.push(event);
    if (frame.opcode === Opcode.Close) this.closing.notePeerCloseArriving();
    if (this.failure !== undefined) {
      // Only a close frame gets this far after a violation.
      this.acceptClose(frame, readClosePayloadLeniently(frame.payload));
      return;
    }
    switch (frame.opcode) {
      case Opcode.Close:
        this.onPeerClose(frame, event);
        return;
      case Opcode.Ping:
        this.events.push({ type: 'ping', payload: frame.payload });
        if (this.autoPong && !this.closing.sent) this.autoPongFor(frame.payload);
        return;
      case Opcode.Pong:
        this.events.push({ type: 'pong', payload: frame.payload });
        return;
      default:
        try {
          const message = this.assembler.end(frame);
          if (message !== undefined) this.events.push(message);
        } catch (error) {
          // The message's last frame is where it turned out broken (UTF-8 cut short, no inflating).
          this.fail(error, event);
        }
    }
  }

  private onPeerClose(frame: Frame, event: FrameReceived): void {
    let close: ClosePayload;
    try {
      close = parseClosePayload(frame);
    } catch (error) {
      this.fail(error, event);
      this.acceptClose(frame, readClosePayloadLeniently(frame.payload));
      return;
    }
    // Answer with the peer's own code; an empty close is answered with an empty one.
    if (!this.closing.sent) this.close(close.code);
    this.acceptClose(frame, close);
  }

  private acceptClose(frame: Frame, close: ClosePayload): void {
    this.events.push({ type: 'close', code: close.code, reason: close.reason, payload: frame.payload });
    this.closing.noteReceived(close);
  }

  /** Reports the peer's first violation (committed by `culprit`, when one frame did) and answers it with a close frame. */
  private fail(thrown: unknown, culprit?: FrameReceived): void {
    if (this.failure !== undefined) return;
    const error = thrown instanceof ProtocolError ? thrown : violation.internal(thrown);
    this.failure = error;
    if (culprit !== undefined && error.code !== ProtocolErrorCode.Internal) culprit.rejected = error.code;
    this.events.push({ type: 'error', error });
    if (!this.closing.sent) {
      try {
        this.close(error.closeCode, closeReasonFor(error));
      } catch (cause) {
        // Only a failing mask key source gets here; the answer could not be queued, and that is reported too.
        this.events.push({ type: 'error', error: violation.internal(cause) });
      }
    }
  }
}
