import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRunArgs } from '../../src/cli/args';
import { resolveSettings } from '../../src/world/config';
import { DEFAULT_INBOX_LIMIT, ENTRY_OVERHEAD, Inbox } from '../../src/world/inbox';

describe('the inbox limit', () => {
  it('turns messages away once what is held would pass the limit, and says how much it held', () => {
    const inbox = new Inbox(4 * (1000 + ENTRY_OVERHEAD));
    for (let index = 0; index < 4; index++) assert.equal(inbox.addMessage(Buffer.alloc(1000), true), true);
    assert.equal(inbox.addMessage(Buffer.alloc(1000), true), false);
    assert.equal(inbox.addControl('ping', Buffer.from('hi')), false);
    assert.deepEqual(inbox.overflow, { limit: 4 * (1000 + ENTRY_OVERHEAD), held: 4 * (1000 + ENTRY_OVERHEAD), refused: 2, refusedBytes: 1002 });
    assert.equal(inbox.unconsumedMessages().length, 4);
    assert.equal(inbox.controls.ping.count, 1, 'a ping turned away is still counted as received');
  });

  it('counts a bookkeeping cost per entry, so that a flood of empty messages is bounded too', () => {
    const inbox = new Inbox(100 * ENTRY_OVERHEAD);
    let taken = 0;
    for (let index = 0; index < 1000 && inbox.addMessage(Buffer.alloc(0), false); index++) taken++;
    assert.equal(taken, 100);
  });

  it('lets go of what steps consumed, so that matched messages do not count', () => {
    const inbox = new Inbox(2 * (1000 + ENTRY_OVERHEAD));
    for (let round = 0; round < 50; round++) {
      assert.equal(inbox.addMessage(Buffer.alloc(1000), true), true, `round ${round}`);
      for (const message of inbox.unconsumedMessages()) message.consumed = true;
    }
    assert.equal(inbox.overflow, undefined);
    assert.equal(inbox.heldBytes, 0);
    assert.equal(inbox.lastMessage?.data.length, 1000);
  });

  it('is 64 MiB unless inboxLimit or WSBDD_INBOX_LIMIT says otherwise, in bytes or with a unit', () => {
    assert.equal(DEFAULT_INBOX_LIMIT, 64 * 1024 * 1024);
    assert.equal(resolveSettings({}, {}).inboxLimit, DEFAULT_INBOX_LIMIT);
    assert.equal(resolveSettings({ inboxLimit: 5000 }, {}).inboxLimit, 5000);
    assert.equal(resolveSettings({ inboxLimit: '256 MiB' }, {}).inboxLimit, 256 * 1024 * 1024);
    assert.equal(resolveSettings({}, { WSBDD_INBOX_LIMIT: '1.5 GB' }).inboxLimit, 1.5 * 1024 ** 3);
    assert.equal(resolveSettings({ inboxLimit: '2 KiB' }, { WSBDD_INBOX_LIMIT: '1 GB' }).inboxLimit, 2048);
    assert.throws(() => resolveSettings({ inboxLimit: 'plenty' }, {}), /bad configuration: inbox limit "plenty" must be a whole number of bytes of at least 1024, or a size like "256 MiB"/);
    assert.throws(() => resolveSettings({}, { WSBDD_INBOX_LIMIT: '12 parsecs' }), /inbox limit "12 parsecs"/);
  });

  it('is an option of the wsbdd command', () => {
    assert.equal(parseRunArgs(['--inbox-limit', '128 MiB']).inboxLimit, 128 * 1024 * 1024);
    assert.equal(parseRunArgs(['--inbox-limit=4096']).inboxLimit, 4096);
    assert.throws(() => parseRunArgs(['--inbox-limit', 'big']), /--inbox-limit needs bytes or a size like "256 MiB"/);
  });
});
