import type { PartnerUserRef } from '../auth/models.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logging/logger.js';
import type { ConversationMessenger } from '../notifications/conversationMessenger.js';
import { reminderCardRows, type ReminderCardRenderer } from './reminderCardView.js';
import type { ReminderDigest, ReminderDigestStore } from './reminderDigest.js';
import type { ReminderStateStore, SubscriptionReminderState } from './reminderState.js';

export interface ReminderActionsDeps {
  digests: Pick<ReminderDigestStore, 'get'>;
  states: Pick<ReminderStateStore, 'change' | 'getMany'>;
  messenger: Pick<ConversationMessenger, 'update'>;
  render: ReminderCardRenderer;
  clock: Clock;
  logger: Logger;
  /** How long Snooze holds reminders back. Default 7 days (DESIGN §6). */
  snoozeInMs?: number;
}

/** A reminder card button, as the bot layer validated it; the channel is the conversation clicked in. */
export interface ReminderClick {
  channelId: string;
  digestId: string;
  customerId: string;
  subscriptionId: string;
  user: PartnerUserRef;
}

/** The redrawn card, or why nothing was done. */
export type ReminderActionOutcome = { kind: 'done'; card: object } | { kind: 'notFound' };

export const snoozeDays = 7;

/**
 * Snooze and Assign to me on a reminder card: the change is made by compare-and-swap on the channel's
 * state of that subscription, then the card is redrawn and replaced for everyone who sees it.
 */
export class ReminderActions {
  constructor(private readonly deps: ReminderActionsDeps) {}

  /** No reminder about this subscription in this channel for 7 days; then one, whatever the lead times. */
  snooze(click: ReminderClick): Promise<ReminderActionOutcome> {
    const now = this.deps.clock.now();
    const until = new Date(now.getTime() + (this.deps.snoozeInMs ?? snoozeDays * 86_400_000));
    return this.act(click, (state) => ({
      ...state,
      snooze: { until: until.toISOString(), by: click.user, at: now.toISOString() },
    }));
  }

  /** The clicker owns the follow-up; the card shows their name to everyone. */
  assignToMe(click: ReminderClick): Promise<ReminderActionOutcome> {
    const at = this.deps.clock.now().toISOString();
    return this.act(click, (state) => ({ ...state, assignee: { user: click.user, at } }));
  }

  private async act(
    click: ReminderClick,
    change: (state: SubscriptionReminderState) => SubscriptionReminderState,
  ): Promise<ReminderActionOutcome> {
    // Card data is client input: the digest must be this channel's and list this subscription.
    const digest = await this.deps.digests.get(click.channelId, click.digestId);
    const item = digest?.items.find(
      (candidate) =>
        candidate.subscriptionId.toLowerCase() === click.subscriptionId.toLowerCase() &&
        candidate.customerId.toLowerCase() === click.customerId.toLowerCase(),
    );
    if (!digest || !item) return { kind: 'notFound' };
    await this.deps.states.change(
      { channelId: click.channelId, customerId: item.customerId, subscriptionId: item.subscriptionId },
      change,
    );
    const card = await this.draw(digest);
    if (digest.activityId) {
      await this.deps.messenger.update(digest.channelId, digest.activityId, card).catch((error: unknown) => {
        this.deps.logger.warn(
          { err: error, digestId: digest.id },
          'could not update the reminder card for everyone',
        );
      });
    }
    return { kind: 'done', card };
  }

  private async draw(digest: ReminderDigest): Promise<object> {
    const states = await this.deps.states.getMany(
      digest.channelId,
      digest.items.slice(0, reminderCardRows).map((item) => item.subscriptionId.toLowerCase()),
    );
    return this.deps.render({ digest, states, now: this.deps.clock.now() });
  }
}
