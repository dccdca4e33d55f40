import type { Clock } from '../clock.js';
import { ConversationUnreachableError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import type { ConversationMessenger } from '../notifications/conversationMessenger.js';
import type { ReminderCardRenderer } from './reminderCardView.js';
import type { ReminderDigest, ReminderDigestStore } from './reminderDigest.js';
import type { ReminderStateStore, SubscriptionReminderState } from './reminderState.js';
import type { ReminderSubscriptionStore } from './reminderSubscriptionStore.js';

export interface ReminderDeliveryDeps {
  digests: ReminderDigestStore;
  states: ReminderStateStore;
  subscriptions: Pick<ReminderSubscriptionStore, 'remove'>;
  messenger: ConversationMessenger;
  render: ReminderCardRenderer;
  clock: Clock;
  logger: Logger;
}

/** Subscription states written at once while a digest is recorded. */
const stateWriteConcurrency = 16;

/**
 * Sends due digests, one card per channel per scan (DESIGN §7), in the order "record, send, mark":
 * the lead times are recorded as done in the channel's state, then the card goes out through the
 * proactive sender, then the digest is marked sent and leaves the outbox. A run that stops anywhere
 * before the send leaves the digest due for the next run, which sends it once; recording again is
 * harmless (a set union). A channel the bot was removed from (403/404) loses its subscription.
 */
export class ReminderDelivery {
  constructor(private readonly deps: ReminderDeliveryDeps) {}

  /** Sends every digest in the outbox. A digest Teams refuses for another reason stays due. */
  async deliverPending(
    abortSignal?: AbortSignal,
  ): Promise<{ sent: number; dropped: number; failed: number }> {
    const outcome = { sent: 0, dropped: 0, failed: 0 };
    for (const digest of await this.deps.digests.pending()) {
      abortSignal?.throwIfAborted();
      outcome[await this.deliver(digest, abortSignal)]++;
    }
    return outcome;
  }

  private async deliver(
    digest: ReminderDigest,
    abortSignal?: AbortSignal,
  ): Promise<'sent' | 'dropped' | 'failed'> {
    const states = await this.record(digest);
    abortSignal?.throwIfAborted();
    const { channelId } = digest;
    let activityId: string | undefined;
    try {
      activityId = await this.deps.messenger.send(
        channelId,
        this.deps.render({ digest, states, now: this.deps.clock.now() }),
      );
    } catch (error) {
      if (error instanceof ConversationUnreachableError) {
        await this.deps.subscriptions.remove(channelId);
        await this.deps.digests.finish(digest, { state: 'dropped', at: this.deps.clock.now().toISOString() });
        this.deps.logger.warn(
          { channelId, status: error.status, digestId: digest.id },
          'the bot can no longer post in this channel: its reminder subscription is dropped',
        );
        return 'dropped';
      }
      this.deps.logger.error(
        { err: error, channelId, digestId: digest.id },
        'reminder card not sent; the next run tries again',
      );
      return 'failed';
    }
    await this.deps.digests.finish(digest, {
      state: 'sent',
      activityId,
      at: this.deps.clock.now().toISOString(),
    });
    return 'sent';
  }

  /** Records each item's lead times as done (and ends a snooze that ran out); returns the states. */
  private async record(digest: ReminderDigest): Promise<Map<string, SubscriptionReminderState>> {
    const now = this.deps.clock.now().getTime();
    const states = new Map<string, SubscriptionReminderState>();
    const items = digest.items;
    for (let start = 0; start < items.length; start += stateWriteConcurrency) {
      const batch = items.slice(start, start + stateWriteConcurrency);
      const written = await Promise.all(
        batch.map((item) =>
          this.deps.states.change({ channelId: digest.channelId, ...item }, (state) => {
            const { snooze, ...rest } = state;
            const keepSnooze = snooze && Date.parse(snooze.until) > now;
            return {
              ...rest,
              leadDaysDone: [...new Set([...state.leadDaysDone, ...item.leadDaysDone])].sort((a, b) => b - a),
              ...(keepSnooze ? { snooze } : {}),
            };
          }),
        ),
      );
      for (const state of written) states.set(state.subscriptionId.toLowerCase(), state);
    }
    return states;
  }
}
