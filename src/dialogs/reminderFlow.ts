import { buildReminderSettingsCard, type AdaptiveCard } from '../cards/index.js';
import type { Clock } from '../services/clock.js';
import type { CustomerDirectory } from '../services/customers/customerDirectory.js';
import type { Command } from '../services/i18n/commandParser.js';
import type { Logger } from '../services/logging/logger.js';
import type { ExpiryReminders } from '../services/reminders/expiryReminders.js';
import type { ReminderActions, ReminderClick } from '../services/reminders/reminderActions.js';
import {
  defaultLeadDays,
  normalizeLeadDays,
  type ReminderCustomers,
} from '../services/reminders/reminderSubscription.js';
import type { ReminderSubscriptionStore } from '../services/reminders/reminderSubscriptionStore.js';
import type { InvokeAnswer } from './approvalFlow.js';
import { noteCard } from './migrationCards.js';
import type { FlowCaller } from './migrationFlow.js';

export interface ReminderFlowDeps {
  subscriptions: Pick<ReminderSubscriptionStore, 'get' | 'save' | 'remove'>;
  customers: Pick<CustomerDirectory, 'find'>;
  reminders: Pick<ExpiryReminders, 'startOnDemand'>;
  actions: Pick<ReminderActions, 'snooze' | 'assignToMe'>;
  /** Lead times when the command names none (REMINDER_LEAD_DAYS; DESIGN §7's by default). */
  defaultLeadDays?: readonly number[];
  clock: Clock;
  logger: Logger;
}

type SubscribeCommand = Extract<Command, { kind: 'subscribeReminders' }>;

/** A reminder card button's data, validated by the bot layer. */
export interface ReminderButton {
  digestId: string;
  customerId: string;
  e4SubscriptionId: string;
}

/**
 * Reminders in Teams (DESIGN §7): the channel commands (subscribe, unsubscribe, show, check now) and
 * the reminder card's Snooze and Assign. Only team channels subscribe, and a subscription belongs to the
 * channel, not to the post it was typed in (Teams makes every post its own conversation): any later post
 * in the channel finds it, and reminders arrive as new posts there. Bad input gets a card saying what to
 * fix and changes nothing. Roles are checked by the caller (`authorize`) before any of this.
 */
export class ReminderFlow {
  constructor(private readonly deps: ReminderFlowDeps) {}

  /** "subscribe reminders [customers] [days …]": replaces the channel's subscription. */
  async subscribe(caller: FlowCaller, command: SubscribeCommand): Promise<AdaptiveCard> {
    const { text } = caller;
    const channelId = channelOf(caller);
    if (!channelId) return this.notChannel(caller);
    const refuse = (message: string) => noteCard(text.t('reminders.error.title'), message, 'warning');
    if (command.invalidLeadDays !== undefined) {
      return refuse(text.t('reminders.badLeadDays.text', { value: command.invalidLeadDays.slice(0, 40) }));
    }
    let leadDays: number[];
    try {
      leadDays = normalizeLeadDays(command.leadDays ?? this.deps.defaultLeadDays ?? defaultLeadDays);
    } catch {
      return refuse(text.t('reminders.badLeadDays.text', { value: (command.leadDays ?? []).join(', ') }));
    }
    const customers = await this.resolveCustomers(caller, command.customers ?? []);
    if ('refusal' in customers) return refuse(customers.refusal);
    const subscription = {
      channelId,
      ...(caller.conversationName ? { channelName: caller.conversationName } : {}),
      customers: customers.resolved,
      leadDays,
      language: text.language,
      subscribedBy: caller.user,
      subscribedAt: this.deps.clock.now().toISOString(),
    };
    await this.deps.subscriptions.save(subscription);
    this.deps.logger.info(
      { channelId, by: caller.user.oid, customers: customers.resolved.kind, leadDays },
      'channel subscribed to reminders',
    );
    return buildReminderSettingsCard({ subscription, heading: 'subscribed' }, text);
  }

  async unsubscribe(caller: FlowCaller): Promise<AdaptiveCard> {
    const { text } = caller;
    const channelId = channelOf(caller);
    if (!channelId) return this.notChannel(caller);
    const removed = await this.deps.subscriptions.remove(channelId);
    if (removed) {
      this.deps.logger.info({ channelId, by: caller.user.oid }, 'channel unsubscribed');
    }
    return removed
      ? noteCard(text.t('reminders.unsubscribed.title'), text.t('reminders.unsubscribed.text'))
      : noteCard(text.t('reminders.unsubscribed.title'), text.t('reminders.notSubscribed.text'), 'warning');
  }

  /** "reminders": this channel's settings. */
  async show(caller: FlowCaller): Promise<AdaptiveCard> {
    const channelId = channelOf(caller);
    if (!channelId) return this.notChannel(caller);
    const subscription = await this.deps.subscriptions.get(channelId);
    return buildReminderSettingsCard({ subscription, heading: 'current' }, caller.text);
  }

  /** "check now": scans this channel's customers in the background; the reminders arrive as a card. */
  async checkNow(caller: FlowCaller): Promise<AdaptiveCard> {
    const { text } = caller;
    const channelId = channelOf(caller);
    if (!channelId) return this.notChannel(caller);
    const subscription = await this.deps.subscriptions.get(channelId);
    if (!subscription) {
      return noteCard(
        text.t('reminders.settings.title'),
        text.t('reminders.checkNotSubscribed.text'),
        'warning',
      );
    }
    const started = await this.deps.reminders.startOnDemand(subscription);
    return started.kind === 'busy'
      ? noteCard(text.t('reminders.checking.title'), text.t('reminders.busy.text'))
      : noteCard(text.t('reminders.checking.title'), text.t('reminders.checking.text'));
  }

  snooze(caller: FlowCaller, button: ReminderButton): Promise<InvokeAnswer> {
    return this.click(caller, button, (click) => this.deps.actions.snooze(click));
  }

  assignToMe(caller: FlowCaller, button: ReminderButton): Promise<InvokeAnswer> {
    return this.click(caller, button, (click) => this.deps.actions.assignToMe(click));
  }

  private async click(
    caller: FlowCaller,
    button: ReminderButton,
    act: (click: ReminderClick) => ReturnType<ReminderActions['snooze']>,
  ): Promise<InvokeAnswer> {
    const outcome = await act({
      // The card is its own post in the channel; its digest is kept under the channel.
      channelId: channelOf(caller) ?? caller.conversationId,
      digestId: button.digestId,
      customerId: button.customerId,
      subscriptionId: button.e4SubscriptionId,
      user: caller.user,
    });
    if (outcome.kind === 'notFound') return { message: caller.text.t('reminder.notFound.text') };
    return { card: outcome.card as AdaptiveCard };
  }

  /** Customer names as typed → the directory's customers; any name that isn't one customer refuses all. */
  private async resolveCustomers(
    caller: FlowCaller,
    names: readonly string[],
  ): Promise<{ resolved: ReminderCustomers } | { refusal: string }> {
    if (names.length === 0) return { resolved: { kind: 'all' } };
    const { text } = caller;
    const found = new Map<string, string>();
    for (const name of names) {
      const match = await this.deps.customers.find(name, { correlationId: caller.correlationId });
      if (match.kind === 'exact') {
        found.set(match.customer.id.toLowerCase(), match.customer.companyName);
      } else if (match.kind === 'choices') {
        const choices = match.candidates.slice(0, 3).map((candidate) => candidate.companyName);
        return {
          refusal: text.t('reminders.customerAmbiguous.text', {
            name: name.slice(0, 80),
            choices: choices.join(', '),
          }),
        };
      } else {
        return { refusal: text.t('reminders.customerNotFound.text', { name: name.slice(0, 80) }) };
      }
    }
    return { resolved: { kind: 'list', customers: [...found].map(([id, name]) => ({ id, name })) } };
  }

  private notChannel(caller: FlowCaller): AdaptiveCard {
    const { text } = caller;
    return noteCard(text.t('reminders.settings.title'), text.t('reminders.notChannel.text'), 'warning');
  }
}

/** The team channel the caller is in (any post of it), or undefined outside team channels. */
function channelOf(caller: FlowCaller): string | undefined {
  if (caller.conversationType !== 'channel') return undefined;
  return caller.channelId ?? caller.conversationId.split(';')[0];
}
