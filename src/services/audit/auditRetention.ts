import type { Logger } from '../logging/logger.js';
import type { AuditErasure, RetentionSweep } from './auditErasure.js';

/** How often the retention sweep runs. Retention is counted in days, so once a day is on time. */
export const retentionSweepEveryInMs = 24 * 60 * 60 * 1000;

/**
 * Runs the audit retention sweep (`AuditErasure.eraseExpired`) when the process starts and then daily,
 * in every process that runs the migration worker. Several instances may sweep at once: each removal is
 * a compare-and-swap, so they erase each record once between them.
 */
export class AuditRetention {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly deps: {
      erasure: Pick<AuditErasure, 'eraseExpired'>;
      logger: Logger;
      retentionDays: number;
      everyInMs?: number;
    },
  ) {}

  start(): void {
    if (this.timer) return;
    this.running = this.sweep();
    this.timer = setInterval(() => {
      this.running = this.sweep();
    }, this.deps.everyInMs ?? retentionSweepEveryInMs);
    // A daily timer must not keep a stopping process alive.
    this.timer.unref();
  }

  /** Stops the timer and waits for a sweep under way. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One sweep; logs what it erased. Never throws: storage trouble waits for the next day. */
  async sweep(): Promise<RetentionSweep | undefined> {
    const { erasure, logger, retentionDays } = this.deps;
    try {
      const erased = await erasure.eraseExpired();
      logger.info({ ...erased, retentionDays }, 'audit retention sweep erased old records');
      return erased;
    } catch (error) {
      logger.warn({ err: error }, 'audit retention sweep failed; trying again at the next one');
      return undefined;
    }
  }
}
