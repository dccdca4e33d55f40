import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import sinon from 'sinon';
import type { RetentionSweep } from '../../../../src/services/audit/auditErasure.js';
import { AuditRetention, retentionSweepEveryInMs } from '../../../../src/services/audit/auditRetention.js';
import { createLogger, type Logger } from '../../../../src/services/logging/logger.js';

/** A logger whose lines the test can read. */
function capturingLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger({ level: 'info', destination }), lines };
}

/** Counts sweeps; the first `failures` of them throw. */
class FakeErasure {
  sweeps = 0;
  constructor(private failures = 0) {}
  eraseExpired(): Promise<RetentionSweep> {
    this.sweeps++;
    if (this.failures-- > 0) return Promise.reject(new Error('storage unavailable'));
    return Promise.resolve({ migrations: 2, approvalRequests: 1, orphanMoveLogs: 0 });
  }
}

describe('AuditRetention', () => {
  afterEach(() => sinon.restore());

  it('sweeps at start, then once a day, and logs how many records it erased', async () => {
    const clock = sinon.useFakeTimers();
    const erasure = new FakeErasure();
    const { logger, lines } = capturingLogger();
    const retention = new AuditRetention({ erasure, logger, retentionDays: 730 });
    retention.start();
    await clock.tickAsync(0);
    assert.equal(erasure.sweeps, 1);
    await clock.tickAsync(retentionSweepEveryInMs - 1);
    assert.equal(erasure.sweeps, 1);
    await clock.tickAsync(1);
    assert.equal(erasure.sweeps, 2);
    await retention.stop();
    await clock.tickAsync(3 * retentionSweepEveryInMs);
    assert.equal(erasure.sweeps, 2, 'no sweep after stop');
    const logged = lines.filter((line) => line.msg === 'audit retention sweep erased old records');
    assert.equal(logged.length, 2);
    assert.equal(logged[0]?.migrations, 2);
    assert.equal(logged[0]?.approvalRequests, 1);
    assert.equal(logged[0]?.retentionDays, 730);
  });

  it('logs a failed sweep and keeps its daily schedule', async () => {
    const clock = sinon.useFakeTimers();
    const erasure = new FakeErasure(1);
    const { logger, lines } = capturingLogger();
    const retention = new AuditRetention({ erasure, logger, retentionDays: 730 });
    retention.start();
    await clock.tickAsync(retentionSweepEveryInMs);
    await retention.stop();
    assert.equal(erasure.sweeps, 2);
    assert.deepEqual(
      lines.map((line) => line.msg),
      [
        'audit retention sweep failed; trying again at the next one',
        'audit retention sweep erased old records',
      ],
    );
  });
});
