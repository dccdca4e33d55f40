import type { PartnerUserRef } from '../auth/models.js';
import type { Language } from '../i18n/language.js';

/**
 * A team channel's subscription to expiry reminders (DESIGN §7): which customers, which lead times,
 * which language, and who set it when. One per channel; setting it again replaces it.
 */
export interface ReminderSubscription {
  /** The Teams channel's conversation id. */
  channelId: string;
  /** The channel's name as Teams gave it, for the settings card. */
  channelName?: string;
  customers: ReminderCustomers;
  /** Days before the end of service at which a reminder goes out, largest first, no repeats. */
  leadDays: number[];
  /** The language the channel's reminder cards are written in (default: the subscriber's). */
  language: Language;
  subscribedBy: PartnerUserRef;
  /** ISO instant. */
  subscribedAt: string;
}

/** Every customer of the partner, or the listed ones (ids lower case, names as shown when subscribing). */
export type ReminderCustomers = { kind: 'all' } | { kind: 'list'; customers: { id: string; name: string }[] };

/** DESIGN §7's lead times. */
export const defaultLeadDays: readonly number[] = [90, 60, 30, 14, 7, 1];

/** The largest lead time a person may ask for: a year ahead, as far as the expiring list looks. */
export const maxLeadDays = 365;

/**
 * The lead times as stored: whole days 1..365, largest first, no repeats.
 * @throws RangeError naming the first value that isn't a whole number of days in range.
 */
export function normalizeLeadDays(values: readonly number[]): number[] {
  for (const value of values) {
    if (!Number.isInteger(value) || value < 1 || value > maxLeadDays) {
      throw new RangeError(
        `A lead time must be a whole number of days from 1 to ${maxLeadDays}, not ${value}.`,
      );
    }
  }
  if (values.length === 0) throw new RangeError('At least one lead time is needed.');
  return [...new Set(values)].sort((a, b) => b - a);
}

/** Whether the subscription covers this customer. */
export function coversCustomer(customers: ReminderCustomers, customerId: string): boolean {
  const id = customerId.toLowerCase();
  return customers.kind === 'all' || customers.customers.some((customer) => customer.id === id);
}
