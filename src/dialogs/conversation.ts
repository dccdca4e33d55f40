import { CardFactory, MessageFactory, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { DialogSet, type DialogState } from 'botbuilder-dialogs';
import {
  buildExpiringListCard,
  buildHelpCard,
  buildMessageCard,
  buildMigrationConfirmCard,
  buildMigrationStatusCard,
  buildWelcomeCard,
  cardText,
  stateText,
  type AdaptiveCard,
} from '../cards/index.js';
import type { PartnerSignOut } from '../services/auth/partnerSignOut.js';
import { isPermitted, PartnerAction, rolesPermittedTo } from '../services/auth/permissions.js';
import type { Command, ParsedCommand } from '../services/i18n/commandParser.js';
import type { Language } from '../services/i18n/language.js';
import type { Logger } from '../services/logging/logger.js';
import type { E4SubscriptionFinder } from '../services/subscriptions/e4SubscriptionFinder.js';
import { authorize } from './access.js';
import { AskCustomerDialog } from './askCustomerDialog.js';
import { cardForError } from './errorCards.js';
import type { MigrationFlow } from './migrationFlow.js';
import type { TurnActor } from './turnActor.js';
import { setActor } from './turnActorState.js';

import type { Clock } from '../services/clock.js';
import type { MigrationAction } from '../services/migration/migrationActions.js';
import type { AuditFlow } from './auditFlow.js';
import type { MigrationJournal } from '../services/migration/migrationJournal.js';
import { findMigrationFor } from '../services/migration/migrationLookup.js';
import type { MigrationRecord } from '../services/migration/migrationRecord.js';
import type { ApprovalFlow } from './approvalFlow.js';
import type { FlowCaller } from './migrationFlow.js';
import type { ReminderFlow } from './reminderFlow.js';

export interface ConversationDeps {
  flow: MigrationFlow;
  approvals: Pick<ApprovalFlow, 'setApprovalsChannel' | 'control'>;
  audit: Pick<AuditFlow, 'findForAudit' | 'findForErasure'>;
  journal: Pick<MigrationJournal, 'list'>;
  expiring: Pick<E4SubscriptionFinder, 'listExpiring'>;
  reminders: Pick<ReminderFlow, 'subscribe' | 'unsubscribe' | 'show' | 'checkNow'>;
  signOut: Pick<PartnerSignOut, 'signOut'>;
  /** `sandbox`: a sign-out lasts until the next command, which the sandbox signs in again (said so). */
  signInMode: 'teams' | 'sandbox';
  dialogState: StatePropertyAccessor<DialogState>;
  /** The person's chosen language, kept in user state. */
  languageChoice: StatePropertyAccessor<Language | undefined>;
  clock: Clock;
  logger: Logger;
}

/** Migrations the status card lists. */
const statusListLength = 15;

/** The default window of "expiring" (DESIGN §6). */
export const defaultExpiringWithinDays = 90;

/**
 * A typed message's turn: the command, or the answer to a question a dialog asked. Any command
 * interrupts an open question; "cancel" ends it. Every path checks the person's role first (§11).
 */
export class Conversation {
  private readonly dialogs: DialogSet;

  constructor(private readonly deps: ConversationDeps) {
    this.dialogs = new DialogSet(deps.dialogState);
    this.dialogs.add(new AskCustomerDialog(deps.flow));
  }

  async onMessage(context: TurnContext, actor: TurnActor, parsed: ParsedCommand): Promise<void> {
    setActor(context, actor);
    const dialog = await this.dialogs.createContext(context);
    const { command } = parsed;
    if (command.kind === 'cancel' && command.target === undefined) {
      const open = dialog.activeDialog !== undefined;
      await dialog.cancelAllDialogs();
      await this.send(context, notice(actor, 'cancel.title', open ? 'cancel.done' : 'cancel.nothing'));
      return;
    }
    if (dialog.activeDialog && command.kind === 'unknown') {
      await dialog.continueDialog();
      return;
    }
    // A new command while a question is open: the person moved on.
    if (dialog.activeDialog) await dialog.cancelAllDialogs();
    try {
      if (command.kind === 'migrateCustomer' && command.customer === '') {
        const access = authorize(actor, PartnerAction.plan);
        if (access.allowed) await dialog.beginDialog(AskCustomerDialog.id);
        else await this.send(context, access.card);
        return;
      }
      await this.send(context, await this.answer(context, actor, command));
    } catch (error) {
      this.deps.logger.error({ err: error, correlationId: actor.correlationId }, 'command failed');
      await this.send(context, cardForError(error, actor.text, actor.correlationId));
    }
  }

  /** The welcome card, sent when the app is installed in a conversation. */
  async welcome(context: TurnContext, actor: Pick<TurnActor, 'text'>): Promise<void> {
    await this.send(context, buildWelcomeCard({}, actor.text));
  }

  private async answer(context: TurnContext, actor: TurnActor, command: Command): Promise<AdaptiveCard> {
    switch (command.kind) {
      case 'help':
        return this.help(actor);
      case 'language':
        return this.language(context, actor, command.language);
      case 'unknown':
        return notice(actor, 'error.title', 'unknown.text', { text: command.text.slice(0, 80) }, 'info');
      case 'migrateCustomer': {
        const access = authorize(actor, PartnerAction.plan);
        if (!access.allowed) return access.card;
        return this.deps.flow.findCustomer(access.caller, command.customer);
      }
      case 'listExpiring': {
        const access = authorize(actor, PartnerAction.readCustomers);
        if (!access.allowed) return access.card;
        const withinDays = command.withinDays ?? defaultExpiringWithinDays;
        const scan = await this.deps.expiring.listExpiring({
          withinDays,
          correlationId: actor.correlationId,
        });
        return buildExpiringListCard({ scan, withinDays }, actor.text);
      }
      case 'status': {
        const access = authorize(actor, PartnerAction.readCustomers);
        if (!access.allowed) return access.card;
        return this.status(actor);
      }
      case 'setApprovalsChannel': {
        const access = authorize(actor, PartnerAction.setApprovalsChannel);
        if (!access.allowed) return access.card;
        return this.deps.approvals.setApprovalsChannel(access.caller);
      }
      case 'pause': {
        const access = authorize(actor, PartnerAction.resume);
        if (!access.allowed) return access.card;
        return this.control(access.caller, command.target, 'pause');
      }
      case 'cancel': {
        const access = authorize(actor, PartnerAction.resume);
        if (!access.allowed) return access.card;
        // `cancel` without a target ended an open question above; here it names a migration.
        return this.control(access.caller, command.target ?? '', 'cancel');
      }
      case 'rollBack': {
        const access = authorize(actor, PartnerAction.rollBack);
        if (!access.allowed) return access.card;
        return this.control(access.caller, command.target, 'rollBack');
      }
      case 'audit': {
        const access = authorize(actor, PartnerAction.readCustomers);
        if (!access.allowed) return access.card;
        if (command.customer === '') return howToName(actor, 'help.cmd.audit', 'audit.ask');
        return this.deps.audit.findForAudit(access.caller, command.customer);
      }
      case 'eraseAudit': {
        const access = authorize(actor, PartnerAction.eraseAudit);
        if (!access.allowed) return access.card;
        if (command.customer === '') return howToName(actor, 'help.cmd.eraseAudit', 'audit.ask.erase');
        return this.deps.audit.findForErasure(access.caller, command.customer);
      }
      case 'subscribeReminders': {
        const access = authorize(actor, PartnerAction.changeReminders);
        if (!access.allowed) return access.card;
        return this.deps.reminders.subscribe(access.caller, command);
      }
      case 'unsubscribeReminders': {
        const access = authorize(actor, PartnerAction.changeReminders);
        if (!access.allowed) return access.card;
        return this.deps.reminders.unsubscribe(access.caller);
      }
      case 'showReminders': {
        const access = authorize(actor, PartnerAction.readCustomers);
        if (!access.allowed) return access.card;
        return this.deps.reminders.show(access.caller);
      }
      case 'checkNow': {
        // A full scan reads every customer: the same people who set reminders may start one.
        const access = authorize(actor, PartnerAction.changeReminders);
        if (!access.allowed) return access.card;
        return this.deps.reminders.checkNow(access.caller);
      }
      case 'signOut':
        // No role needed: anyone may delete what the bot keeps of their own sign-in.
        return this.signOut(actor);
      default: {
        // Every command is answered above; a new one fails to compile here until it is.
        const unanswered: never = command;
        return unanswered;
      }
    }
  }

  /**
   * A typed pause, cancel or roll back. Pause acts at once, as the card's button does; cancel and roll
   * back change what the customer pays for and holds, so they first show what will happen and ask for
   * the card's own button, which the server checks again like any click.
   */
  private async control(caller: FlowCaller, target: string, action: MigrationAction): Promise<AdaptiveCard> {
    const { text } = caller;
    const records: MigrationRecord[] = [];
    for await (const record of this.deps.journal.list()) records.push(record);
    const found = findMigrationFor(records, target, action, this.deps.clock.now());
    const note = (message: string, tone: 'info' | 'warning' = 'info') =>
      buildMessageCard({ title: text.t('migration.lookup.title'), text: message, tone });
    switch (found.kind) {
      case 'none':
        return note(text.t('migration.lookup.none.text', { customer: target.slice(0, 80) }), 'warning');
      case 'choices':
        return note(
          text.t('migration.lookup.choices.text', {
            customer: target.slice(0, 80),
            names: found.customerNames.join(', '),
          }),
        );
      case 'notApplicable':
        return note(
          text.t('migration.lookup.notApplicable.text', {
            action: text.t(`migration.action.${action}`),
            customer: found.record.customer.companyName,
            state: stateText(text, found.record.state),
          }),
          'warning',
        );
      case 'found':
        break;
    }
    const { record } = found;
    if (action === 'cancel' || action === 'rollBack') {
      return buildMigrationConfirmCard({ migration: record, action }, text);
    }
    const answer = await this.deps.approvals.control(
      caller,
      { migrationId: record.id, customerId: record.customer.id },
      action,
    );
    return 'card' in answer ? answer.card : note(answer.message);
  }

  /** Deletes the person's saved sign-in and says what happened. */
  private async signOut(actor: TurnActor): Promise<AdaptiveCard> {
    const { text } = actor;
    const { user } = actor.identity;
    if (user.oid === '') {
      return buildMessageCard({
        title: text.t('signIn.title'),
        text: text.t('signIn.unknown_user'),
        tone: 'warning',
      });
    }
    const { hadStoredSignIn } = await this.deps.signOut.signOut(user, { correlationId: actor.correlationId });
    const said = [text.t(hadStoredSignIn ? 'signOut.done' : 'signOut.nothing')];
    if (this.deps.signInMode === 'sandbox') said.push(text.t('signOut.local'));
    return buildMessageCard({ title: text.t('signOut.title'), text: said.join(' ') });
  }

  /** The most recently changed migrations first; the card lists at most this many. */
  private async status(actor: TurnActor): Promise<AdaptiveCard> {
    const migrations: MigrationRecord[] = [];
    for await (const record of this.deps.journal.list()) migrations.push(record);
    migrations.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    return buildMigrationStatusCard(
      { migrations: migrations.slice(0, statusListLength), now: this.deps.clock.now().toISOString() },
      actor.text,
    );
  }

  private help(actor: TurnActor): AdaptiveCard {
    const { identity } = actor;
    const allowed = identity.kind === 'known' && isPermitted(identity.roles, PartnerAction.readCustomers);
    return buildHelpCard(
      { allowed, requiredRoles: rolesPermittedTo(PartnerAction.readCustomers) },
      actor.text,
    );
  }

  private async language(
    context: TurnContext,
    actor: TurnActor,
    language: Language | undefined,
  ): Promise<AdaptiveCard> {
    if (!language) return notice(actor, 'language.title', 'language.ask');
    await this.deps.languageChoice.set(context, language);
    // Confirm in the language just chosen, not the one the command was typed in.
    const text = cardText(language);
    return buildMessageCard({ title: text.t('language.title'), text: text.t('language.set') });
  }

  private async send(context: TurnContext, card: AdaptiveCard): Promise<void> {
    await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
  }
}

function notice(
  actor: Pick<TurnActor, 'text'>,
  title: 'cancel.title' | 'error.title' | 'language.title',
  message: 'cancel.done' | 'cancel.nothing' | 'unknown.text' | 'language.ask',
  values: Record<string, string> = {},
  tone: 'info' | 'warning' = 'info',
): AdaptiveCard {
  return buildMessageCard({ title: actor.text.t(title), text: actor.text.t(message, values), tone });
}

/** "audit" without a customer: the command's syntax as the title, and what to type. */
function howToName(
  actor: Pick<TurnActor, 'text'>,
  command: 'help.cmd.audit' | 'help.cmd.eraseAudit',
  message: 'audit.ask' | 'audit.ask.erase',
): AdaptiveCard {
  return buildMessageCard({ title: actor.text.t(command), text: actor.text.t(message) });
}
