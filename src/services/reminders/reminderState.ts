import { ConcurrencyError } from '../errors.js';
import type { PartnerUserRef } from '../auth/models.js';
import type { JsonDocuments } from '../storage/jsonDocuments.js';
import { channelKey } from './reminderSubscriptionStore.js';

/**
 * What people did about one expiring subscription in a channel: a snooze and who took it on. One
 * document per (channel, subscription), changed only by compare-and-swap, so people clicking Snooze or
 * Assign on any instance, and delivery ending a snooze that ran out, never overwrite each other. The
 * lead times done live in the channel's `LeadTimesDone` (one document per channel).
 */
export interface SubscriptionReminderState {
  channelId: string;
  customerId: string;
  subscriptionId: string;
  /**
   * Lead times recorded here by the first version of reminders, before `LeadTimesDone`: still honoured
   * (a scan reads them together with the channel's), never added to.
   */
  leadDaysDone?: number[];
  /** No reminder until `until` (ISO); then one reminder, whether or not a lead time was crossed. */
  snooze?: { until: string; by: PartnerUserRef; at: string };
  /** Who said they'd take care of it ("Assign to me"). */
  assignee?: { user: PartnerUserRef; at: string };
}

const prefix = 'reminders/state/';

export class ReminderStateStore {
  constructor(private readonly documents: JsonDocuments<SubscriptionReminderState>) {}

  async get(channelId: string, subscriptionId: string): Promise<SubscriptionReminderState | undefined> {
    return (await this.documents.read(stateKey(channelId, subscriptionId)))?.value;
  }

  /**
   * The channel's states of these subscriptions (only those that exist), read a few at a time. Only
   * subscriptions someone snoozed or took on have one, so this is a listing and a handful of reads.
   */
  async getMany(
    channelId: string,
    subscriptionIds: readonly string[],
  ): Promise<Map<string, SubscriptionReminderState>> {
    // One listing tells which exist, so a channel's first scan reads nothing more.
    const existing = new Set<string>();
    for await (const key of this.documents.keys(`${prefix}${channelKey(channelId)}/`)) existing.add(key);
    const wanted = subscriptionIds.filter((id) => existing.has(stateKey(channelId, id)));
    const states = new Map<string, SubscriptionReminderState>();
    for (let start = 0; start < wanted.length; start += 16) {
      const batch = await Promise.all(wanted.slice(start, start + 16).map((id) => this.get(channelId, id)));
      for (const state of batch) if (state) states.set(state.subscriptionId.toLowerCase(), state);
    }
    return states;
  }

  /**
   * Applies `change` to the current state (or a new, empty one) by compare-and-swap, retrying when
   * someone else wrote first. Returns the state as stored.
   */
  async change(
    ids: { channelId: string; customerId: string; subscriptionId: string },
    change: (current: SubscriptionReminderState) => SubscriptionReminderState,
  ): Promise<SubscriptionReminderState> {
    const key = stateKey(ids.channelId, ids.subscriptionId);
    for (let attempt = 1; ; attempt++) {
      const stored = await this.documents.read(key);
      const current: SubscriptionReminderState = stored?.value ?? {
        channelId: ids.channelId,
        customerId: ids.customerId.toLowerCase(),
        subscriptionId: ids.subscriptionId.toLowerCase(),
      };
      const next = change(structuredClone(current));
      try {
        await this.documents.write(key, next, stored ? { ifMatch: stored.etag } : { ifNoneExists: true });
        return next;
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt >= 20) throw error;
      }
    }
  }
}

function stateKey(channelId: string, subscriptionId: string): string {
  return `${prefix}${channelKey(channelId)}/${subscriptionId.toLowerCase()}.json`;
}
