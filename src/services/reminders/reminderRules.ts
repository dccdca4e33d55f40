import type { SubscriptionReminderState } from './reminderState.js';

/**
 * When a channel hears about an expiring subscription (DESIGN §7), as pure functions of the days of
 * service left, the channel's lead times, what it already heard, and now.
 */

/** Why a reminder goes out: a lead time was crossed, or a snooze ran out. */
export type ReminderReason = 'leadTime' | 'snoozeEnded';

export interface ReminderDecision {
  /** The lead time the reminder is for: the nearest one already passed. */
  leadDays: number;
  reason: ReminderReason;
  /** Lead times to record as done once the reminder is on its way: this one and every larger one. */
  leadDaysDone: number[];
}

/**
 * The nearest lead time already crossed: the smallest lead time ≥ the days left. Undefined while the
 * end is further away than every lead time, and once service has ended (nothing to remind of).
 */
export function nearestPassedLeadTime(daysLeft: number, leadDays: readonly number[]): number | undefined {
  if (daysLeft < 0) return undefined;
  const passed = leadDays.filter((lead) => daysLeft <= lead);
  return passed.length === 0 ? undefined : Math.min(...passed);
}

/**
 * Whether to remind now, and of which lead time. Only the nearest passed lead time is ever sent; the
 * larger ones it overtook (a channel's first scan, or days without a scan) are recorded as done
 * unsent, so each (subscription, lead time) reaches a channel at most once. A running snooze holds
 * everything back; an ended one reminds once, then the lead times go on as before. `heard` is what the
 * channel already has for this subscription (lead times done, a snooze), undefined when nothing.
 */
export function decideReminder(
  daysLeft: number,
  leadDays: readonly number[],
  heard: { leadDaysDone: readonly number[]; snooze?: SubscriptionReminderState['snooze'] } | undefined,
  now: Date,
): ReminderDecision | undefined {
  const lead = nearestPassedLeadTime(daysLeft, leadDays);
  if (lead === undefined) return undefined;
  const leadDaysDone = leadDays.filter((value) => value >= lead);
  if (heard?.snooze) {
    if (now.getTime() < Date.parse(heard.snooze.until)) return undefined;
    return { leadDays: lead, reason: 'snoozeEnded', leadDaysDone };
  }
  if (heard?.leadDaysDone.includes(lead)) return undefined;
  return { leadDays: lead, reason: 'leadTime', leadDaysDone };
}
