import { ConcurrencyError } from '../errors.js';
import type { JsonDocuments } from '../storage/jsonDocuments.js';
import { channelKey } from './reminderSubscriptionStore.js';

/**
 * The lead times a channel is done with, for every subscription it was ever reminded of: one document
 * per channel (`reminders/done/<channel>.json`), so a scan reads it once and a digest records all of
 * its reminders, shown or only counted, in one compare-and-swap, however many thousands they are.
 * Only the scan-lease holder writes it (delivery); Snooze and Assign never touch it.
 */
export interface LeadTimesDone {
  channelId: string;
  /** Lower-case subscription id → lead times (days) done, largest first. */
  subscriptions: Record<string, number[]>;
}

/** One subscription's lead times to record as done. */
export interface LeadTimesToRecord {
  subscriptionId: string;
  leadDaysDone: readonly number[];
}

const prefix = 'reminders/done/';

export class LeadTimesDoneStore {
  constructor(private readonly documents: JsonDocuments<LeadTimesDone>) {}

  /** The channel's lead times done by lower-case subscription id; empty before its first reminder. */
  async get(channelId: string): Promise<Map<string, number[]>> {
    const stored = await this.documents.read(doneKey(channelId));
    return new Map(Object.entries(stored?.value.subscriptions ?? {}));
  }

  /**
   * Adds lead times done (a set union, so recording a digest again after a crash changes nothing),
   * by compare-and-swap on the channel's document, creating it on the first reminder.
   * @throws ConcurrencyError after 20 lost races in a row.
   */
  async record(channelId: string, records: readonly LeadTimesToRecord[]): Promise<void> {
    const key = doneKey(channelId);
    for (let attempt = 1; ; attempt++) {
      const stored = await this.documents.read(key);
      const next: LeadTimesDone = stored
        ? { ...stored.value, subscriptions: { ...stored.value.subscriptions } }
        : { channelId, subscriptions: {} };
      let changed = !stored;
      for (const { subscriptionId, leadDaysDone } of records) {
        const id = subscriptionId.toLowerCase();
        const current = Object.hasOwn(next.subscriptions, id) ? (next.subscriptions[id] ?? []) : [];
        const union = [...new Set([...current, ...leadDaysDone])].sort((a, b) => b - a);
        if (union.length === current.length) continue;
        next.subscriptions[id] = union;
        changed = true;
      }
      if (!changed) return;
      try {
        await this.documents.write(key, next, stored ? { ifMatch: stored.etag } : { ifNoneExists: true });
        return;
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt >= 20) throw error;
      }
    }
  }
}

function doneKey(channelId: string): string {
  return `${prefix}${channelKey(channelId)}.json`;
}
