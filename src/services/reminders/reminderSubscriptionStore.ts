import { createHash } from 'node:crypto';
import type { JsonDocuments } from '../storage/jsonDocuments.js';
import type { ReminderSubscription } from './reminderSubscription.js';

const prefix = 'reminders/channels/';

/**
 * The channels subscribed to reminders, one document per channel (any instance reads them all at scan
 * time). A subscription is a setting: the last person to set it wins.
 */
export class ReminderSubscriptionStore {
  constructor(private readonly documents: JsonDocuments<ReminderSubscription>) {}

  async get(channelId: string): Promise<ReminderSubscription | undefined> {
    return (await this.documents.read(subscriptionKey(channelId)))?.value;
  }

  async save(subscription: ReminderSubscription): Promise<void> {
    await this.documents.write(subscriptionKey(subscription.channelId), subscription, {
      unconditional: true,
    });
  }

  /** Removes the channel's subscription; true when there was one. */
  async remove(channelId: string): Promise<boolean> {
    const existed = (await this.documents.read(subscriptionKey(channelId))) !== undefined;
    await this.documents.remove(subscriptionKey(channelId));
    return existed;
  }

  /** Every subscribed channel. */
  async list(): Promise<ReminderSubscription[]> {
    const found: ReminderSubscription[] = [];
    for await (const key of this.documents.keys(prefix)) {
      const stored = await this.documents.read(key);
      if (stored) found.push(stored.value);
    }
    return found;
  }
}

/** Teams channel ids contain `:`, `;` and `@`: a hash makes a safe, fixed-length blob name segment. */
export function channelKey(channelId: string): string {
  return createHash('sha256').update(channelId).digest('hex').slice(0, 32);
}

function subscriptionKey(channelId: string): string {
  return `${prefix}${channelKey(channelId)}.json`;
}
