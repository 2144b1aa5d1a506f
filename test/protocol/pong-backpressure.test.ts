import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WebSocketProtocol } from '../../src/protocol/protocol';
import { serverBytes } from './helpers';

const pongsIn = (protocol: WebSocketProtocol) =>
  protocol.takeOutgoing().filter((outgoing) => outgoing.frame?.opcode === 0xa).map((outgoing) => outgoing.frame!.payload.toString());

describe('automatic pongs while the transport holds them', () => {
  it('answers every ping at once by default', () => {
    const protocol = new WebSocketProtocol({ role: 'client' });
    protocol.receive(serverBytes({ opcode: 9, payload: Buffer.from('a') }, { opcode: 9, payload: Buffer.from('b') }));
    assert.deepEqual(pongsIn(protocol), ['a', 'b']);
  });

  it('answers only the most recent ping once released (RFC 6455 5.5.3)', () => {
    const protocol = new WebSocketProtocol({ role: 'client' });
    protocol.holdPongs();
    const pings = Array.from({ length: 1000 }, (_, index) => ({ opcode: 9, payload: Buffer.from(`p${index}`) }));
    const events = protocol.receive(serverBytes(...pings));
    assert.equal(events.filter((event) => event.type === 'ping').length, 1000, 'every ping is still reported');
    assert.deepEqual(pongsIn(protocol), []);
    assert.equal(protocol.pongsPending, 1000);
    assert.equal(protocol.releasePongs(), 999);
    assert.deepEqual(pongsIn(protocol), ['p999']);
    assert.equal(protocol.holdingPongs, false);
    protocol.receive(serverBytes({ opcode: 9, payload: Buffer.from('after') }));
    assert.deepEqual(pongsIn(protocol), ['after']);
  });

  it('sends no held pong after our close frame went out', () => {
    const protocol = new WebSocketProtocol({ role: 'client' });
    protocol.holdPongs();
    protocol.receive(serverBytes({ opcode: 9, payload: Buffer.from('a') }));
    protocol.close(1000);
    protocol.releasePongs();
    assert.deepEqual(pongsIn(protocol), []);
  });
});
