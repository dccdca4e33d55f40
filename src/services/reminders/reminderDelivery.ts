import type { Clock } from '../clock.js';
import { ConversationUnreachableError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import type { ConversationMessenger } from '../notifications/conversationMessenger.js';
import type { LeadTimesDoneStore } from './leadTimesDone.js';
import { reminderCardRows, type ReminderCardRenderer } from './reminderCardView.js';
import { remindersOf, type ReminderDigest, type ReminderDigestStore } from './reminderDigest.js';
import type { ReminderStateStore, SubscriptionReminderState } from './reminderState.js';
import type { ReminderSubscriptionStore } from './reminderSubscriptionStore.js';

export interface ReminderDeliveryDeps {
  digests: ReminderDigestStore;
  states: ReminderStateStore;
  done: Pick<LeadTimesDoneStore, 'record'>;
  subscriptions: Pick<ReminderSubscriptionStore, 'remove'>;
  messenger: ConversationMessenger;
  render: ReminderCardRenderer;
  clock: Clock;
  logger: Logger;
}

/** Snoozes ended at once while a digest is recorded. */
const snoozeEndConcurrency = 16;

/**
 * Sends due digests, one card per channel per scan (DESIGN §7), in the order "record, send, mark":
 * the lead times of every reminder in the digest (listed or only counted) are recorded as done in the
 * channel's `LeadTimesDone` (one compare-and-swap for the whole digest) and snoozes that ran out are
 * ended, then the card goes out through the proactive sender, then the digest is marked sent and leaves
 * the outbox. A run that stops anywhere before the send leaves the digest due for the next run, which
 * sends it once; recording again is harmless (a set union). A channel the bot was removed from
 * (403/404) loses its subscription.
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

  /**
   * Records every reminder's lead times as done and ends the snoozes that reminded; returns the states
   * (owner, snooze) of the subscriptions the card lists.
   */
  private async record(digest: ReminderDigest): Promise<Map<string, SubscriptionReminderState>> {
    const { channelId } = digest;
    const reminders = remindersOf(digest);
    await this.deps.done.record(channelId, reminders);
    // A snooze that ran out has reminded once: it ends (unless someone snoozed again since).
    const now = this.deps.clock.now().getTime();
    const snoozesEnded = reminders.filter((reminder) => reminder.reason === 'snoozeEnded');
    for (let start = 0; start < snoozesEnded.length; start += snoozeEndConcurrency) {
      await Promise.all(
        snoozesEnded.slice(start, start + snoozeEndConcurrency).map((reminder) =>
          this.deps.states.change({ channelId, ...reminder }, (state) => {
            const { snooze, ...rest } = state;
            return snooze && Date.parse(snooze.until) > now ? state : rest;
          }),
        ),
      );
    }
    return this.deps.states.getMany(
      channelId,
      digest.items.slice(0, reminderCardRows).map((item) => item.subscriptionId.toLowerCase()),
    );
  }
}
