import { randomUUID } from 'node:crypto';
import {
  TeamsActivityHandler,
  tokenExchangeOperationName,
  verifyStateOperationName,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type BotState,
  type InvokeResponse,
  type StatePropertyAccessor,
  type TurnContext,
} from 'botbuilder';
import { cardText, isCardVerb, CardVerb, type AdaptiveCard } from '../cards/index.js';
import { authorize, needsPartnerIdentity } from '../dialogs/access.js';
import type { Conversation } from '../dialogs/conversation.js';
import { cardForError } from '../dialogs/errorCards.js';
import type { FlowCaller, MigrationFlow } from '../dialogs/migrationFlow.js';
import type { TurnActor } from '../dialogs/turnActor.js';
import type { ApprovalFlow, InvokeAnswer } from '../dialogs/approvalFlow.js';
import type { AuditFlow } from '../dialogs/auditFlow.js';
import type { ReminderFlow } from '../dialogs/reminderFlow.js';
import { PartnerAction } from '../services/auth/permissions.js';
import { AppError } from '../services/errors.js';
import type { TenantAllowList } from '../services/auth/tenantAllowList.js';
import type { PartnerIdentity, PartnerIdentityResolver } from '../services/auth/partnerIdentity.js';
import { signInMessage } from '../services/auth/msalErrorClassifier.js';
import { parseCommand, type ParsedCommand } from '../services/i18n/commandParser.js';
import { chooseLanguage, type Language } from '../services/i18n/language.js';
import type { Logger } from '../services/logging/logger.js';
import type { ConversationMessenger } from '../services/notifications/conversationMessenger.js';
import { cardActionSchemas, type CardActionData } from './cardActions.js';
import type { ConversationReferenceRecorder } from './conversationReferences.js';
import { refuseForeignTenant } from './foreignTenantRefusal.js';
import type { SignInContinuation } from './signInContinuation.js';
import type { SignInPrompt } from './signInPrompt.js';
import { teamsChannelOf } from './teamsChannel.js';
import { partnerUserOf, tenantIdsOf } from './teamsUser.js';
import type { TokenExchangeInvoke } from './tokenExchangeInvoke.js';

export interface E4AssistantBotDeps {
  conversation: Conversation;
  flow: MigrationFlow;
  identities: Pick<PartnerIdentityResolver, 'resolve'>;
  /** Whose people may use the bot; checked first, before any state, storage or Partner Center call. */
  tenants: Pick<TenantAllowList, 'admits'>;
  approvals: ApprovalFlow;
  audit: Pick<AuditFlow, 'auditCard' | 'erasureCard' | 'erase'>;
  reminders: Pick<ReminderFlow, 'snooze' | 'assignToMe'>;
  references: ConversationReferenceRecorder;
  messenger: ConversationMessenger;
  /** Conversation and user state, saved at the end of every turn. */
  states: BotState[];
  languageChoice: StatePropertyAccessor<Language | undefined>;
  logger: Logger;
  /** Plans that take longer are answered with a "planning" card that updates when ready. */
  planInlineBudgetInMs: number;
  /** Longer typed messages are refused before parsing. */
  maxCommandLength?: number;
  /**
   * Teams SSO (sign-in mode `teams`): the sign-in card, the token exchange and continuing the pending
   * command. Without it (the sandbox mode of the playground) a missing sign-in is only explained.
   */
  signIn?: {
    prompt: Pick<SignInPrompt, 'offer'>;
    tokenExchange: Pick<TokenExchangeInvoke, 'handle'>;
    continuation: Pick<SignInContinuation, 'idle'>;
  };
}

/** What each verb needs the person to be allowed to do (DESIGN §11). */
const actionOfVerb: Readonly<Record<CardVerb, PartnerAction>> = {
  [CardVerb.chooseCustomer]: PartnerAction.plan,
  [CardVerb.chooseSubscription]: PartnerAction.plan,
  [CardVerb.migrateExpiring]: PartnerAction.plan,
  [CardVerb.chooseOption]: PartnerAction.plan,
  [CardVerb.requestApproval]: PartnerAction.requestApproval,
  [CardVerb.cancelPlan]: PartnerAction.plan,
  [CardVerb.approve]: PartnerAction.approve,
  [CardVerb.reject]: PartnerAction.approve,
  [CardVerb.pauseMigration]: PartnerAction.resume,
  [CardVerb.resumeMigration]: PartnerAction.resume,
  [CardVerb.retryMigration]: PartnerAction.resume,
  [CardVerb.cancelMigration]: PartnerAction.resume,
  [CardVerb.rollBackMigration]: PartnerAction.rollBack,
  [CardVerb.refreshMigration]: PartnerAction.readCustomers,
  [CardVerb.chooseAuditCustomer]: PartnerAction.readCustomers,
  [CardVerb.chooseAuditErasureCustomer]: PartnerAction.eraseAudit,
  [CardVerb.eraseAudit]: PartnerAction.eraseAudit,
  // Whoever may migrate may start one from a reminder, snooze it or take it on.
  [CardVerb.startMigrationFromReminder]: PartnerAction.plan,
  [CardVerb.snoozeReminder]: PartnerAction.plan,
  [CardVerb.assignReminder]: PartnerAction.plan,
};

const adaptiveCardType = 'application/vnd.microsoft.card.adaptive';

/**
 * The Teams edge: turns activities into calls on the conversation (typed commands) and the migration
 * flow (card buttons), and keeps conversation references for later. Thin by design (DESIGN §2).
 */
export class E4AssistantBot extends TeamsActivityHandler {
  private readonly background = new Set<Promise<unknown>>();

  constructor(private readonly deps: E4AssistantBotDeps) {
    super();
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      const actor = await this.actorFor(context);
      await deps.conversation.welcome(context, actor);
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      await deps.references.forget(context.activity.conversation.id);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    if (!this.deps.tenants.admits(tenantIdsOf(context.activity))) {
      await refuseForeignTenant(context, this.deps.logger);
      return;
    }
    if (context.activity.type !== 'installationUpdate') await this.deps.references.remember(context.activity);
    await super.run(context);
    await Promise.all(this.deps.states.map((state) => state.saveChanges(context, false)));
  }

  /**
   * Resolves when every background reply (slow plans, commands continued after a sign-in) has been
   * delivered; for tests and shutdown.
   */
  async idle(): Promise<void> {
    while (this.background.size > 0) await Promise.allSettled([...this.background]);
    await this.deps.signIn?.continuation.idle();
    while (this.background.size > 0) await Promise.allSettled([...this.background]);
  }

  /**
   * Teams SSO's invokes. `signin/tokenExchange` answers 200 or 412 itself (botbuilder's handler would
   * always answer 200). `signin/verifyState` follows a sign-in popup that reported back to Teams; the
   * fallback page has already continued the command by then, so it is only acknowledged.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const { name } = context.activity;
    const { signIn } = this.deps;
    // Without Teams SSO (the playground's sandbox mode) botbuilder answers them as before: not implemented.
    if (signIn && name === tokenExchangeOperationName) {
      const text = cardText(await this.languageOf(context));
      return signIn.tokenExchange.handle(context, text, randomUUID());
    }
    if (signIn && name === verifyStateOperationName) return { status: 200 };
    return super.onInvokeActivity(context);
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invoke: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const actor = await this.actorFor(context);
    const verb = invoke.action?.verb;
    const message = (text: string): AdaptiveCardInvokeResponse => ({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      // The Bot Framework types say an object; Teams wants the message text itself.
      value: text as unknown as Record<string, unknown>,
    });
    if (!isCardVerb(verb)) {
      this.deps.logger.warn({ verb, correlationId: actor.correlationId }, 'unknown card verb refused');
      return message(actor.text.t('error.invalidCard'));
    }
    const parsed = cardActionSchemas[verb].safeParse(invoke.action.data);
    if (!parsed.success) {
      this.deps.logger.warn(
        {
          verb,
          issues: parsed.error.issues.map((issue) => issue.path.join('.')),
          correlationId: actor.correlationId,
        },
        'card data refused',
      );
      return message(actor.text.t('error.invalidCard'));
    }
    const access = authorize(actor, actionOfVerb[verb]);
    if (!access.allowed) {
      // The card's own answer says a sign-in is needed; the sign-in card in the chat lets them do it.
      await this.askToSignIn(context, actor);
      return { statusCode: 200, type: adaptiveCardType, value: access.card };
    }
    let answer: InvokeAnswer;
    try {
      answer = await this.route(context, access.caller, verb, parsed.data);
    } catch (error) {
      this.deps.logger.error({ err: error, verb, correlationId: actor.correlationId }, 'card action failed');
      answer = { card: cardForError(error, actor.text, actor.correlationId) };
    }
    if ('message' in answer) {
      this.deps.logger.info({ verb, correlationId: actor.correlationId }, 'card action refused');
      return message(answer.message);
    }
    return { statusCode: 200, type: adaptiveCardType, value: answer.card };
  }

  private async route(
    context: TurnContext,
    caller: FlowCaller,
    verb: CardVerb,
    data: CardActionData<CardVerb>,
  ): Promise<InvokeAnswer> {
    const { approvals, audit } = this.deps;
    switch (verb) {
      case CardVerb.approve:
        return approvals.approve(caller, data as CardActionData<typeof verb>);
      case CardVerb.reject: {
        const { rejectReason, ...claim } = data as CardActionData<typeof verb>;
        return approvals.reject(caller, claim, rejectReason);
      }
      case CardVerb.pauseMigration:
        return approvals.control(caller, data as CardActionData<typeof verb>, 'pause');
      case CardVerb.resumeMigration:
        return approvals.control(caller, data as CardActionData<typeof verb>, 'resume');
      case CardVerb.retryMigration:
        return approvals.control(caller, data as CardActionData<typeof verb>, 'retry');
      case CardVerb.cancelMigration:
        return approvals.control(caller, data as CardActionData<typeof verb>, 'cancel');
      case CardVerb.rollBackMigration:
        return approvals.control(caller, data as CardActionData<typeof verb>, 'rollBack');
      case CardVerb.refreshMigration:
        return approvals.refresh(caller, data as CardActionData<typeof verb>);
      case CardVerb.chooseAuditCustomer:
        return { card: await audit.auditCard(caller, data.customerId) };
      case CardVerb.chooseAuditErasureCustomer:
        return { card: await audit.erasureCard(caller, data.customerId) };
      case CardVerb.eraseAudit:
        return { card: await audit.erase(caller, data.customerId) };
      case CardVerb.snoozeReminder:
        return this.deps.reminders.snooze(caller, data as CardActionData<typeof verb>);
      case CardVerb.assignReminder:
        return this.deps.reminders.assignToMe(caller, data as CardActionData<typeof verb>);
      default:
        return { card: await this.planRoute(context, caller, verb, data) };
    }
  }

  private async planRoute(
    context: TurnContext,
    caller: FlowCaller,
    verb: CardVerb,
    data: CardActionData<CardVerb>,
  ): Promise<AdaptiveCard> {
    const { flow } = this.deps;
    switch (verb) {
      case CardVerb.chooseCustomer:
        return flow.customerChosen(caller, data.customerId);
      case CardVerb.chooseSubscription:
      case CardVerb.migrateExpiring:
      case CardVerb.startMigrationFromReminder: {
        const { customerId, e4SubscriptionId } = data as CardActionData<typeof verb>;
        return flow.subscriptionChosen(caller, customerId, e4SubscriptionId);
      }
      case CardVerb.chooseOption: {
        const request = data as CardActionData<typeof verb>;
        return this.planWithinBudget(
          context,
          caller,
          flow.optionChosen(caller, { ...request, option: asOption(request.option) }),
          request.customerId,
        );
      }
      case CardVerb.requestApproval: {
        const action = data as CardActionData<typeof verb>;
        return flow.requestApproval(caller, { ...action, option: asOption(action.option) });
      }
      case CardVerb.cancelPlan:
        return flow.cancelPlan(caller, data.customerId);
      default:
        throw new AppError(`Card verb ${verb} is not handled yet.`, 'not_implemented');
    }
  }

  /**
   * Small tenants are planned inside the invoke; a plan that takes longer than the budget is answered
   * with a "planning" card, replaced for everyone when the plan is ready (Teams allows ~5 s per invoke).
   */
  private async planWithinBudget(
    context: TurnContext,
    caller: FlowCaller,
    work: Promise<AdaptiveCard>,
    customerId: string,
  ): Promise<AdaptiveCard> {
    const timedOut = Symbol('timedOut');
    let timer: NodeJS.Timeout | undefined;
    const first = await Promise.race([
      work,
      new Promise<typeof timedOut>((resolve) => {
        timer = setTimeout(() => resolve(timedOut), this.deps.planInlineBudgetInMs);
      }),
    ]).finally(() => clearTimeout(timer));
    if (first !== timedOut) return first;

    const { replyToId } = context.activity;
    const conversationId = context.activity.conversation.id;
    const later = work
      .catch((error: unknown) => {
        this.deps.logger.error({ err: error, correlationId: caller.correlationId }, 'background plan failed');
        return cardForError(error, caller.text, caller.correlationId);
      })
      .then(async (card) => {
        if (replyToId) await this.deps.messenger.update(conversationId, replyToId, card);
        else await this.deps.messenger.send(conversationId, card);
      })
      .catch((error: unknown) => {
        this.deps.logger.error(
          { err: error, correlationId: caller.correlationId },
          'plan card update failed',
        );
      })
      .finally(() => this.background.delete(later));
    this.background.add(later);
    return this.deps.flow.planningCard(caller, customerId);
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const raw = context.activity.text ?? '';
    if (raw.length > (this.deps.maxCommandLength ?? 2_000)) {
      const actor = await this.actorFor(context);
      actor.logger.info({ length: raw.length }, 'typed message too long refused');
      await context.sendActivity(actor.text.t('error.tooLong'));
      return;
    }
    // Action.Submit from an old client arrives as a message with `value` and no text: nothing to parse.
    if (raw.trim() === '' && context.activity.value !== undefined) return;
    const parsed = parseCommand(raw);
    const actor = await this.actorFor(context, parsed);
    if (needsPartnerIdentity(parsed.command) && (await this.askToSignIn(context, actor, raw))) return;
    await this.deps.conversation.onMessage(context, actor, parsed);
  }

  /** The sign-in card, when Teams SSO is on and the person must and can sign in (`SignInPrompt.offer`). */
  private async askToSignIn(context: TurnContext, actor: TurnActor, pendingText?: string): Promise<boolean> {
    return (await this.deps.signIn?.prompt.offer(context, actor, pendingText)) ?? false;
  }

  /** The language to answer in, without resolving the person's identity (that needs their token). */
  private async languageOf(context: TurnContext, parsed?: ParsedCommand): Promise<Language> {
    const remembered = await this.deps.languageChoice.get(context);
    const choice = chooseLanguage({
      activityLocale: context.activity.locale,
      ...(parsed?.language ? { commandLanguage: parsed.language } : {}),
      ...(remembered ? { remembered } : {}),
    });
    if (choice.remember && choice.remember !== remembered) {
      await this.deps.languageChoice.set(context, choice.remember);
    }
    return choice.language;
  }

  /** Who acts in this turn and in which language (DESIGN §6: command language, choice, locale). */
  private async actorFor(context: TurnContext, parsed?: ParsedCommand): Promise<TurnActor> {
    const { activity } = context;
    const correlationId = randomUUID();
    const language = await this.languageOf(context, parsed);
    const user = partnerUserOf(activity);
    const channelId = teamsChannelOf(activity);
    const identity: PartnerIdentity = !user
      ? {
          kind: 'needsSignIn',
          user: { oid: '', tenantId: '' },
          reason: 'unknown_user',
          message: signInMessage('unknown_user'),
        }
      : parsed?.command.kind === 'signOut'
        ? // Signing out must not first sign in (resolving an identity acquires a token).
          { kind: 'needsSignIn', user, reason: 'not_signed_in', message: signInMessage('not_signed_in') }
        : await this.deps.identities.resolve(user, { correlationId });
    return {
      identity,
      text: cardText(language),
      correlationId,
      logger: this.deps.logger.child({ correlationId }),
      conversationId: activity.conversation.id,
      conversationType: activity.conversation.conversationType ?? 'personal',
      ...(activity.conversation.name ? { conversationName: activity.conversation.name } : {}),
      ...(channelId ? { channelId } : {}),
    };
  }
}

function asOption(option: number): 1 | 2 | 3 | 4 {
  if (option === 1 || option === 2 || option === 3 || option === 4) return option;
  throw new RangeError(`option ${option} is not 1–4`);
}
