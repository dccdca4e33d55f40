import assert from 'node:assert/strict';
import sinon from 'sinon';
import type { BlobAppendLog } from '../../../../src/services/storage/blobAppendLog.js';
import { UserMoveLog, type UserMoveIntent } from '../../../../src/services/migration/saga/userMoveLog.js';

/** A log that keeps each append (one block) and can be told to fail or to hold an append. */
class RecordingLog {
  blocks: { key: string; lines: string[] }[] = [];
  failNext = false;
  hold: Promise<void> | undefined;

  async append(key: string, lines: readonly string[]): Promise<void> {
    if (this.hold) await this.hold;
    if (this.failNext) {
      this.failNext = false;
      throw new Error('storage unavailable');
    }
    this.blocks.push({ key, lines: [...lines] });
  }
}

const intent = (n: number): UserMoveIntent => ({
  id: `user-${n}`,
  userPrincipalName: `user${n}@contoso.example`,
  disabledE4PlanIds: [],
});

describe('UserMoveLogWriter: intents stored in groups before users move', () => {
  let clock: sinon.SinonFakeTimers;
  let log: RecordingLog;
  beforeEach(() => {
    clock = sinon.useFakeTimers();
    log = new RecordingLog();
  });
  afterEach(() => clock.restore());

  const writerOf = (maxLines: number, maxWaitMs: number) =>
    new UserMoveLog(log as unknown as BlobAppendLog).writer('m-1', 2, { maxLines, maxWaitMs });

  it('appends a full group at once, in order, to the round’s log', async () => {
    const writer = writerOf(3, 1000);
    const stored = [1, 2, 3].map((n) => writer.add(intent(n)));
    await Promise.all(stored);
    assert.equal(log.blocks.length, 1);
    assert.equal(log.blocks[0]?.key, 'moves/m-1/2.log');
    assert.deepEqual(
      log.blocks[0]?.lines.map((line) => (JSON.parse(line) as UserMoveIntent).id),
      ['user-1', 'user-2', 'user-3'],
    );
  });

  it('does not let a lone intent wait longer than maxWaitMs', async () => {
    const writer = writerOf(50, 200);
    let done = false;
    const stored = writer.add(intent(1)).then(() => (done = true));
    await clock.tickAsync(199);
    assert.equal(done, false, 'stored before the wait was over');
    assert.equal(log.blocks.length, 0);
    await clock.tickAsync(1);
    await stored;
    assert.equal(log.blocks.length, 1);
  });

  it('resolves an intent only after its block is stored, and rejects the whole group when the append fails', async () => {
    const writer = writerOf(2, 1000);
    let release!: () => void;
    log.hold = new Promise((resolve) => (release = resolve));
    let firstStored = false;
    const first = writer.add(intent(1)).then(() => (firstStored = true));
    void writer.add(intent(2));
    await clock.tickAsync(0);
    assert.equal(firstStored, false, 'resolved while the append was still in flight');
    release();
    await first;
    log.hold = undefined;
    log.failNext = true;
    const failed = [writer.add(intent(3)), writer.add(intent(4))].map((p) =>
      p.then(
        () => 'stored',
        (error: Error) => error.message,
      ),
    );
    assert.deepEqual(await Promise.all(failed), ['storage unavailable', 'storage unavailable']);
    // A failed group doesn't block the ones after it.
    await Promise.all([writer.add(intent(5)), writer.flush()]);
    assert.deepEqual(
      log.blocks.map((block) => block.lines.length),
      [2, 1],
    );
  });
});
