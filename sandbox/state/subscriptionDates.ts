import { dayMs } from '../clock.js';
import type { SubscriptionRecord } from './records.js';

/**
 * When a subscription's service ends, as the sandbox judges it (its own implementation, so the bot's
 * reading of the same fields is tested against an independent one). A `commitmentEndDate` more than
 * five years ahead is the far-future value legacy non-renewing subscriptions carry; then
 * `billingCycleEndDate` is the end. Legacy end dates are exclusive, new-commerce ones inclusive.
 */

const farFutureMs = 5 * 365.25 * dayMs;

function utcDayMs(value: string | undefined): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value ?? '');
  if (!match) return undefined;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(ms) ? undefined : ms;
}

/** The instant service ends (epoch ms), or undefined when no usable end date is present. */
export function serviceEndMs(
  sub: Pick<SubscriptionRecord, 'commitmentEndDate' | 'billingCycleEndDate' | 'contractType'>,
  nowMs: number,
): number | undefined {
  const commitment = utcDayMs(sub.commitmentEndDate);
  const day =
    commitment !== undefined && commitment - nowMs <= farFutureMs
      ? commitment
      : utcDayMs(sub.billingCycleEndDate);
  if (day === undefined) return undefined;
  return sub.contractType === 'legacy' ? day : day + dayMs;
}

/** Adds an ISO 8601 term (`P1M`, `P1Y`, `P3Y`) to an instant; unknown terms count as one year. */
export function addTerm(fromMs: number, term: string | undefined): number {
  const match = /^P(\d+)([MY])$/.exec(term ?? '');
  const amount = Number(match?.[1] ?? 1);
  const date = new Date(fromMs);
  if (match?.[2] === 'M') date.setUTCMonth(date.getUTCMonth() + amount);
  else date.setUTCFullYear(date.getUTCFullYear() + amount);
  return date.getTime();
}

/** The UTC calendar day of an instant at midnight, as Partner Center writes end dates. */
export function midnightIso(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 10)}T00:00:00Z`;
}
