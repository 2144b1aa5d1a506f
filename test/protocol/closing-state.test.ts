import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixedMaskKeySource } from '../../src/protocol/mask-key';
import { WebSocketProtocol } from '../../src/protocol/protocol';
import { clientBytes, eventTypes, RFC_KEY, serverBytes } from './helpers';

const client = () => new WebSocketProtocol({ role: 'client', maskKeySource: fixedMaskKeySource(RFC_KEY) });

function closePayload(code: number, reason = ''): Buffer {
  const payload = Buffer.alloc(2 + Buffer.byteLength(reason));
  payload.writeUInt16BE(code, 0);
  payload.write(reason, 2);
  return payload;
}

const peerClose = (code: number, reason = '') => serverBytes({ opcode: 8, payload: closePayload(code, reason) });

/** The closing state as one value, so that a test states all of it at once. */
function closingState(protocol: WebSocketProtocol) {
  return {
    state: protocol.state,
    closeSent: protocol.closeSent,
    closeReceived: protocol.closeReceived,
    initiator: protocol.closeInitiator,
    sentCode: protocol.sentCloseCode,
    peerClose: protocol.peerClose,
    awaitingPeerClose: protocol.awaitingPeerClose,
    tcpCloseExpected: protocol.tcpCloseExpected,
  };
}

const OPEN = {
  state: 'open',
  closeSent: false,
  closeReceived: false,
  initiator: undefined,
  sentCode: undefined,
  peerClose: undefined,
  awaitingPeerClose: false,
  tcpCloseExpected: false,
};

test('a close frame written with sendFrame is our close: the echo of the peer is not answered again', () => {
  const protocol = client();
  assert.deepEqual(closingState(protocol), OPEN);
  protocol.sendFrame({ opcode: 8, payload: closePayload(4000, 'raw') });
  assert.equal(protocol.takeOutgoing().length, 1);
  assert.deepEqual(closingState(protocol), {
    ...OPEN,
    state: 'closing',
    closeSent: true,
    initiator: 'self',
    sentCode: 4000,
    awaitingPeerClose: true,
  });
  assert.deepEqual(eventTypes(protocol.receive(peerClose(4000))), ['frame', 'close']);
  assert.deepEqual(protocol.takeOutgoing(), [], 'no second close frame');
  assert.deepEqual(closingState(protocol), {
    state: 'closed',
    closeSent: true,
    closeReceived: true,
    initiator: 'self',
    sentCode: 4000,
    peerClose: { code: 4000, reason: '' },
    awaitingPeerClose: false,
    tcpCloseExpected: true,
  });
});

test('a close frame with a code that may not be sent still counts: the peer\'s 1002 is not answered', () => {
  const protocol = client();
  protocol.sendFrame({ opcode: 8, payload: closePayload(1005) });
  protocol.takeOutgoing();
  assert.deepEqual(eventTypes(protocol.receive(peerClose(1002, 'bad code'))), ['frame', 'close']);
  assert.deepEqual(protocol.takeOutgoing(), []);
  assert.equal(protocol.closeInitiator, 'self');
  assert.equal(protocol.sentCloseCode, 1005);
  assert.deepEqual(protocol.peerClose, { code: 1002, reason: 'bad code' });
});

test('a broken close frame counts as well: no code for a 1-byte payload, a fragmented one, a lying length', () => {
  for (const spec of [
    { opcode: 8, payload: Buffer.from([0x03]) },
    { opcode: 8, fin: false, payload: closePayload(1000) },
    { opcode: 8, payload: closePayload(1000), declaredLength: 126, lengthWidth: 16 as const },
  ]) {
    const protocol = client();
    protocol.sendFrame(spec);
    assert.equal(protocol.closeSent, true, JSON.stringify(spec));
    assert.equal(protocol.sentCloseCode, spec.payload.length >= 2 ? 1000 : undefined);
    protocol.receive(peerClose(1002));
    assert.deepEqual(protocol.takeOutgoing().slice(1), [], 'only the frame we sent, no answer to the peer');
  }
});

test('a close frame sent between fragments counts; only the first close frame sets the code', () => {
  const protocol = client();
  protocol.sendMessage('hello', { fragments: 2, between: [{ opcode: 8, payload: closePayload(3001) }] });
  protocol.close(1000);
  assert.deepEqual(protocol.takeOutgoing().map((o) => o.frame!.opcode), [1, 8, 0, 8]);
  assert.equal(protocol.sentCloseCode, 3001);
  assert.equal(protocol.closeInitiator, 'self');
});

test('bytes from sendRaw are opaque: a close frame written raw changes nothing, so the peer\'s close is echoed', () => {
  const protocol = client();
  protocol.sendRaw(clientBytes({ opcode: 8, payload: closePayload(1000) }));
  protocol.takeOutgoing();
  assert.deepEqual(closingState(protocol), OPEN);
  protocol.receive(peerClose(1000));
  const echo = protocol.takeOutgoing();
  assert.deepEqual(echo.map((o) => o.frame?.opcode), [8]);
  assert.equal(protocol.closeInitiator, 'peer');
  assert.equal(protocol.sentCloseCode, 1000);
});

test('a close the peer started is the peer\'s, also when it is malformed and answered with 1002', () => {
  const started = client();
  started.receive(peerClose(4002, 'bye'));
  assert.deepEqual(closingState(started), {
    state: 'closed',
    closeSent: true,
    closeReceived: true,
    initiator: 'peer',
    sentCode: 4002,
    peerClose: { code: 4002, reason: 'bye' },
    awaitingPeerClose: false,
    tcpCloseExpected: true,
  });

  const malformed = client();
  assert.deepEqual(eventTypes(malformed.receive(peerClose(999))), ['frame', 'error', 'close']);
  assert.equal(malformed.closeInitiator, 'peer');
  assert.equal(malformed.sentCloseCode, 1002);
  assert.deepEqual(malformed.peerClose, { code: 999, reason: '' });
});

test('after a violation of the peer, TCP is expected to end without waiting for its close frame', () => {
  const protocol = client();
  protocol.receive(serverBytes({ opcode: 3 }));
  assert.deepEqual(closingState(protocol), {
    ...OPEN,
    state: 'closing',
    closeSent: true,
    initiator: 'self',
    sentCode: 1002,
    tcpCloseExpected: true,
  });
});
