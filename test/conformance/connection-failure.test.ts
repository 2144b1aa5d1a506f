import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClientError } from '../../src/client/errors';
import type { CloseEvent } from '../../src/client/types';
import { judgeConnectionFailure } from '../../src/conformance/connection-failure';

function close(init: Partial<CloseEvent>): CloseEvent {
  return { code: 1006, reason: '', initiatedBy: 'transport', clean: false, closeFrameReceived: false, closeFrameSent: false, ...init };
}

const closedWith = (code: number) => close({ code, initiatedBy: 'server', clean: true, closeFrameReceived: true, closeFrameSent: true });

describe('judging how a server failed the connection (RFC 6455 7.1.7)', () => {
  it('holds fully with a close frame carrying one of the codes', () => {
    assert.deepEqual(judgeConnectionFailure({ close: closedWith(1002), errors: [] }, [1002]), { holds: true });
    assert.deepEqual(judgeConnectionFailure({ close: closedWith(1002), errors: [] }, [1007, 1002]), { holds: true });
  });

  it('holds the MUST but not the SHOULD with another code, no code, or TCP closed without a close frame', () => {
    const other = judgeConnectionFailure({ close: closedWith(1000), errors: [], endedAfterMs: 0.3 }, [1002]);
    assert.deepEqual(other, { holds: true, shortOfShould: 'the server failed the connection with a close frame with code 1000, not 1002' });
    const noCode = judgeConnectionFailure({ close: closedWith(1005), errors: [] }, [1002]);
    assert.match(noCode.holds ? (noCode.shortOfShould ?? '') : '', /a close frame without a code/);
    const dropped = judgeConnectionFailure({ close: close({}), errors: [], endedAfterMs: 42.4 }, [1007]);
    assert.deepEqual(dropped, {
      holds: true,
      shortOfShould: "the server closed TCP without a close frame 42 ms after the client's last frame (RFC 6455 7.1.7: it should send one with 1007 first)",
    });
  });

  it('breaks the MUST when the client had to reject what the server sent, or closed TCP itself', () => {
    const violation = new ClientError({ kind: 'protocol', code: 'WSBDD_ERR_INVALID_CLOSE_CODE', message: 'close code 1005 may not be sent', rfcSection: '7.4.1' });
    const rejected = judgeConnectionFailure({ close: close({ initiatedBy: 'client', closeFrameSent: true }), errors: [violation] }, [1002]);
    assert.equal(rejected.holds, false);
    assert.match(rejected.holds ? '' : rejected.problem, /the client failed the connection itself \(WSBDD_ERR_INVALID_CLOSE_CODE, RFC 6455 7\.4\.1: close code 1005 may not be sent\)/);
    const timeout = new ClientError({ kind: 'timeout', code: 'close-timeout', message: 'no close frame from the server within 1000 ms of ours' });
    const ignored = judgeConnectionFailure({ close: close({ initiatedBy: 'client', closeFrameSent: true }), errors: [timeout] }, [1002]);
    assert.equal(ignored.holds, false);
    assert.match(ignored.holds ? '' : ignored.problem, /neither answered with a close frame nor closed TCP/);
  });
});
