import { Cron } from 'croner';
import type { Clock } from '../clock.js';
import type { Logger } from '../logging/logger.js';
import type { ExpiryReminders } from './expiryReminders.js';
import type { ScanProgressStore } from './scanProgress.js';
import type { ScanSchedule } from './scanSchedule.js';

export interface ReminderSchedulerDeps {
  reminders: Pick<ExpiryReminders, 'runScheduled' | 'stop'>;
  progress: Pick<ScanProgressStore, 'isCompleted'>;
  schedule: ScanSchedule;
  clock: Clock;
  logger: Logger;
  /**
   * How often every instance checks that the latest slot was scanned, so a missed slot (all instances
   * down at the time) or a crashed scan is picked up without waiting a day. Default 5 minutes.
   */
  sweepIntervalInMs?: number;
}

/**
 * Runs the daily scan (DESIGN §7) with croner at the configured time and time zone, on every instance:
 * each tick asks "is the latest slot scanned?" and, if not, tries the scan; the scan lease and the
 * slot record make exactly one instance scan each slot. Also ticks at start and every sweep interval.
 */
export class ReminderScheduler {
  private daily: Cron | undefined;
  private sweep: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;

  constructor(private readonly deps: ReminderSchedulerDeps) {}

  start(): void {
    const { schedule } = this.deps;
    this.daily = new Cron(schedule.pattern, { timezone: schedule.timeZone, protect: true, unref: true }, () =>
      this.tick(),
    );
    this.sweep = setInterval(() => void this.tick(), this.deps.sweepIntervalInMs ?? 300_000);
    this.sweep.unref();
    void this.tick();
  }

  /** Scans the latest slot unless it is done; never rejects (a failed scan is retried by the next tick). */
  tick(): Promise<void> {
    // One tick at a time in this process: a sweep during a long scan has nothing to add.
    this.ticking ??= this.scanLatestSlot().finally(() => {
      this.ticking = undefined;
    });
    return this.ticking;
  }

  async stop(): Promise<void> {
    this.daily?.stop();
    if (this.sweep) clearInterval(this.sweep);
    await this.deps.reminders.stop();
    await this.ticking;
  }

  private async scanLatestSlot(): Promise<void> {
    const slot = this.deps.schedule.latestSlot(this.deps.clock.now());
    try {
      if (await this.deps.progress.isCompleted(slot.toISOString())) return;
      const outcome = await this.deps.reminders.runScheduled(slot);
      this.deps.logger.info({ slot: slot.toISOString(), outcome: outcome.kind }, 'scheduled reminder scan');
    } catch (error) {
      this.deps.logger.error(
        { err: error, slot: slot.toISOString() },
        'scheduled reminder scan failed; the next tick retries',
      );
    }
  }
}
