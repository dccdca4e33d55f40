import { Cron } from 'croner';

/**
 * When the daily scan is due: a time of day in an IANA time zone (DESIGN §7), so "09:00
 * Europe/Stockholm" stays 09:00 there across daylight saving. Each due instant is a *slot*; a slot is
 * scanned once, by whichever instance gets there first.
 */
export class ScanSchedule {
  private readonly cron: Cron;

  /**
   * @param time `HH:MM`, 24-hour.
   * @param timeZone IANA name, e.g. `Europe/Stockholm` or `UTC`.
   * @throws RangeError when either is not valid.
   */
  constructor(
    readonly time: string,
    readonly timeZone: string,
  ) {
    const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
    if (!match) throw new RangeError(`The scan time must be HH:MM (24-hour), not "${time}".`);
    if (!isTimeZone(timeZone)) throw new RangeError(`"${timeZone}" is not an IANA time zone.`);
    // Paused: this instance only computes instants; ReminderScheduler owns the running jobs.
    this.cron = new Cron(`${Number(match[2])} ${Number(match[1])} * * *`, {
      timezone: timeZone,
      paused: true,
    });
  }

  /** The cron pattern croner runs (minute hour * * *). */
  get pattern(): string {
    return this.cron.getPattern() ?? '';
  }

  /** The latest slot at or before `now`. */
  latestSlot(now: Date): Date {
    // Two days back always holds at least one daily slot, whatever daylight saving did.
    let slot = this.cron.nextRun(new Date(now.getTime() - 2 * 86_400_000));
    let latest = slot;
    while (slot && slot.getTime() <= now.getTime()) {
      latest = slot;
      slot = this.cron.nextRun(slot);
    }
    if (!latest || latest.getTime() > now.getTime()) throw new Error('No scan slot in the last two days.');
    return latest;
  }

  /** The first slot after `now`. */
  nextSlot(now: Date): Date {
    const next = this.cron.nextRun(now);
    if (!next) throw new Error('The scan schedule has no next slot.');
    return next;
  }
}

/** Whether `Intl` knows the IANA time zone. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
