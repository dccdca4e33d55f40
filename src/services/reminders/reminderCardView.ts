import type { ReminderDigest } from './reminderDigest.js';
import type { SubscriptionReminderState } from './reminderState.js';

/**
 * What a reminder card is drawn from: the digest, each subscription's current state in the channel
 * (owner, snooze) by lower-case subscription id, and now (days left are counted when drawn).
 */
export interface ReminderCardView {
  digest: ReminderDigest;
  states: ReadonlyMap<string, SubscriptionReminderState>;
  now: Date;
}

/**
 * Subscriptions a card lists with their own buttons, soonest end first; the rest of a large digest are
 * counted in one line. Teams refuses messages over about 28 KB, and a row with three buttons is about 1 KB.
 */
export const reminderCardRows = 20;

/**
 * Draws the card (the bot layer passes `buildReminderCard` with the digest's language): the services
 * never import card code, so the card arrives as a plain object for the `ConversationMessenger`.
 */
export type ReminderCardRenderer = (view: ReminderCardView) => object;
