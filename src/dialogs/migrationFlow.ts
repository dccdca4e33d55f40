import {
  buildComparisonCard,
  buildCustomerChoiceCard,
  buildMessageCard,
  buildPlanCard,
  buildSubscriptionChoiceCard,
  type AdaptiveCard,
  type CardText,
} from '../cards/index.js';
import type { ApprovalRequest } from '../services/approvals/approvalRequest.js';
import type { ApprovalFlow } from './approvalFlow.js';
import type { ApprovalRequestStore } from '../services/approvals/approvalRequestStore.js';
import { newApprovalRequest } from '../services/approvals/newApprovalRequest.js';
import type { OperationOptions, PartnerRole, PartnerUserRef } from '../services/auth/models.js';
import type { Clock } from '../services/clock.js';
import { AppError } from '../services/errors.js';
import type { CustomerDirectory } from '../services/customers/customerDirectory.js';
import type { MigrationPlan } from '../services/migration/migrationPlan.js';
import { isExecutable } from '../services/migration/migrationPlan.js';
import type { CustomerComparison, MigrationPlanner } from '../services/migration/migrationPlanner.js';
import { planHash } from '../services/migration/planHash.js';
import type { OptionNumber } from '../services/migration/replacementOptions.js';
import type { E4Subscription } from '../services/subscriptions/e4SubscriptionState.js';

/** What the migrate conversation needs; `src/index.ts` passes the real services. */
export interface MigrationFlowDeps {
  customers: Pick<CustomerDirectory, 'find' | 'lookup'>;
  /** Planning reads users and licenses, so it runs with the person's delegated token. */
  plannerFor(user: PartnerUserRef): Pick<MigrationPlanner, 'plan' | 'compareCustomer'>;
  approvals: ApprovalRequestStore;
  /** How long an approval request can be approved (policy; default 24 h). */
  approvalValidityInMs: number;
  /** Where approval cards go, and posting them. */
  routing: Pick<ApprovalFlow, 'destination' | 'post'>;
  clock: Clock;
}

/** Who asks, in which language, and the turn's correlation id. */
export interface FlowCaller {
  user: PartnerUserRef;
  text: CardText;
  correlationId: string;
  conversationId: string;
  /** `personal`, `groupChat` or `channel`. */
  conversationType: string;
  conversationName?: string;
  /** In a team channel, the channel (any post of it); see `TurnActor.channelId`. */
  channelId?: string;
  /** The caller's partner roles (the approver policy checks them). */
  roles: readonly PartnerRole[];
}

/** A plan action from the plan card, as validated by the bot layer. */
export interface PlanActionRequest {
  customerId: string;
  e4SubscriptionId: string;
  option: OptionNumber;
  planHash: string;
  /** The quantity the card showed, which `planHash` was computed with. */
  plannedQuantity: number;
  /** The quantity the person left in the input (may differ from `plannedQuantity`). */
  quantity: number;
}

/** E4 subscriptions that can still be migrated (running, or ended but still holding users). */
const migratableStates = new Set<E4Subscription['state']>([
  'active',
  'expiringSoon',
  'endDateUnknown',
  'expired',
]);

/**
 * The migrate conversation (issue #4), step by step: find the customer, pick its E4 subscription,
 * compare the options, plan one, request approval. Each step is one method that returns the card to
 * show; the dialogs (typed commands) and the card action router (button clicks) both call them, so
 * the two ways in behave the same. Reads only, except recording an approval request.
 */
export class MigrationFlow {
  constructor(private readonly deps: MigrationFlowDeps) {}

  /** "migrate customer X": the customer's next step, or a choice when X is not one customer. */
  async findCustomer(caller: FlowCaller, query: string): Promise<AdaptiveCard> {
    const match = await this.deps.customers.find(query, this.operation(caller));
    if (match.kind === 'exact') return this.customerChosen(caller, match.customer.id);
    return buildCustomerChoiceCard({ query, match }, caller.text);
  }

  /** A customer is known: its E4 subscription's comparison, a choice of subscriptions, or why not. */
  async customerChosen(caller: FlowCaller, customerId: string): Promise<AdaptiveCard> {
    const { text } = caller;
    const found = await this.readCustomer(caller, customerId);
    if (!found) return notice(text, 'error.title', text.t('error.customerNotFound'), 'warning');
    const migratable = found.e4Subscriptions.filter((subscription) =>
      migratableStates.has(subscription.state),
    );
    const [only] = migratable;
    if (only && migratable.length === 1) return this.comparisonCard(caller, found, only.subscriptionId);
    if (migratable.length > 1) {
      return buildSubscriptionChoiceCard(
        { customerName: found.customerName, subscriptions: migratable },
        text,
      );
    }
    return notMigratable(text, found.customerName, found.e4Subscriptions);
  }

  /**
   * An E4 subscription picked on a card (subscription choice, expiring list). The ids come from the
   * client, so the subscription is re-read first: only one of this customer's E4 subscriptions that can
   * still be migrated gets a comparison. An old card (E4 since suspended) or an edited one (another
   * customer's subscription, or one that isn't E4) gets the same answers as typing the name would.
   */
  async subscriptionChosen(
    caller: FlowCaller,
    customerId: string,
    e4SubscriptionId: string,
  ): Promise<AdaptiveCard> {
    const { text } = caller;
    const found = await this.readCustomer(caller, customerId);
    const chosen = found?.e4Subscriptions.find(
      (subscription) => subscription.subscriptionId === e4SubscriptionId,
    );
    if (!found || !chosen)
      return notice(text, 'error.title', text.t('error.subscriptionNotFound'), 'warning');
    if (!migratableStates.has(chosen.state)) return notMigratable(text, found.customerName, [chosen]);
    return this.comparisonCard(caller, found, e4SubscriptionId);
  }

  /**
   * The customer's E4 subscriptions and comparisons in one round of reads; the directory's cached name
   * and market spare the customer read. Undefined when the customer doesn't exist.
   */
  private async readCustomer(
    caller: FlowCaller,
    customerId: string,
  ): Promise<CustomerComparison | undefined> {
    const customer = await this.deps.customers.lookup(customerId, this.operation(caller));
    if (!customer) return undefined;
    try {
      return await this.deps
        .plannerFor(caller.user)
        .compareCustomer(
          customerId,
          { companyName: customer.companyName, market: customer.country },
          this.operation(caller),
        );
    } catch (error) {
      if (error instanceof AppError && error.code === 'customer_not_found') return undefined;
      throw error;
    }
  }

  /** The comparison card of one E4 subscription (DESIGN §6). */
  private comparisonCard(
    caller: FlowCaller,
    found: CustomerComparison,
    e4SubscriptionId: string,
  ): AdaptiveCard {
    const comparison = found.compare(e4SubscriptionId);
    return buildComparisonCard({ customerName: comparison.customerName, comparison }, caller.text);
  }

  /** The preflight plan of one option (DESIGN §5). May take long for large tenants: see `planning`. */
  async optionChosen(
    caller: FlowCaller,
    request: { customerId: string; e4SubscriptionId: string; option: OptionNumber },
  ): Promise<AdaptiveCard> {
    const plan = await this.deps.plannerFor(caller.user).plan(request, this.operation(caller));
    return buildPlanCard({ plan }, caller.text);
  }

  /** Shown while a large tenant's plan is still being made; replaced when it is ready. */
  async planningCard(caller: FlowCaller, customerId: string): Promise<AdaptiveCard> {
    const { text } = caller;
    const customer = await this.deps.customers.lookup(customerId, this.operation(caller));
    return buildMessageCard({
      title: text.t('planning.title', { customer: customer?.companyName ?? '' }),
      text: text.t('planning.text'),
    });
  }

  /**
   * Records the approval request for the plan the card showed. The plan is made again first, and its
   * hash compared with the card's (with the card's quantity): if anything that is bought or paid
   * changed, the new plan is shown instead and nothing is recorded.
   */
  async requestApproval(caller: FlowCaller, action: PlanActionRequest): Promise<AdaptiveCard> {
    const { text } = caller;
    const plan = await this.deps.plannerFor(caller.user).plan(
      {
        customerId: action.customerId,
        e4SubscriptionId: action.e4SubscriptionId,
        option: action.option,
        quantity: action.quantity,
      },
      this.operation(caller),
    );
    const unchanged = planHash({ ...plan, quantity: action.plannedQuantity }) === action.planHash;
    if (!unchanged || !isExecutable(plan)) {
      // A quantity below the users on E4 shows as a blocker on the re-made plan, with what to fix.
      const card = buildPlanCard({ plan }, text);
      if (unchanged) return card;
      const changed = notice(text, 'plan.changed.title', text.t('plan.changed.text'), 'warning');
      return { ...card, body: [...changed.body, ...card.body] };
    }
    return this.record(caller, plan);
  }

  /** "Cancel" on a plan: nothing was bought, and the card says so. */
  async cancelPlan(caller: FlowCaller, customerId: string): Promise<AdaptiveCard> {
    const { text } = caller;
    const customer = await this.deps.customers.lookup(customerId, this.operation(caller));
    if (!customer) return notice(text, 'cancel.title', text.t('cancel.done'));
    return notice(text, 'cancel.title', text.t('plan.cancelled.text', { customer: customer.companyName }));
  }

  private async record(caller: FlowCaller, plan: MigrationPlan): Promise<AdaptiveCard> {
    const { text } = caller;
    const destination = await this.deps.routing.destination(caller);
    if ('refusal' in destination) return destination.refusal;
    const { request, created } = await this.deps.approvals.record(
      newApprovalRequest(plan, {
        requester: caller.user,
        conversationId: caller.conversationId,
        language: text.language,
        now: this.deps.clock.now(),
        validityInMs: this.deps.approvalValidityInMs,
      }),
      (existing) => this.isReopenable(existing),
    );
    const reference = request.id;
    if (!created) {
      return notice(
        text,
        'approval.recorded.title',
        text.t('approval.already.text', {
          name: request.requester.name ?? request.requester.oid,
          date: text.date(request.requestedAt),
          reference: request.id,
        }),
      );
    }
    await this.deps.routing.post(request, destination);
    const where = destination.here
      ? text.t('approval.postedHere.text')
      : destination.channelName
        ? text.t('approval.posted.text', { channel: destination.channelName })
        : text.t('approval.postedToChannel.text');
    return notice(
      text,
      'approval.recorded.title',
      `${where} ` +
        text.t('approval.recorded.text', {
          customer: plan.customer.companyName,
          option: text.t(`option.${plan.option}.name`),
          quantity: text.number(plan.quantity),
          reference,
        }),
    );
  }

  /** A plan can be asked for again once its earlier request was turned down or ran out of time. */
  private isReopenable(existing: ApprovalRequest): boolean {
    if (existing.status === 'rejected' || existing.status === 'expired') return true;
    return (
      existing.status === 'requested' && Date.parse(existing.expiresAt) <= this.deps.clock.now().getTime()
    );
  }

  private operation(caller: FlowCaller): OperationOptions {
    return { correlationId: caller.correlationId };
  }
}

/** Why a customer's E4 subscriptions can't be migrated: already done, not ready yet, or none. */
function notMigratable(
  text: CardText,
  customerName: string,
  subscriptions: readonly E4Subscription[],
): AdaptiveCard {
  if (subscriptions.some((subscription) => subscription.state === 'suspended')) {
    return notice(text, 'noE4.title', text.t('e4Suspended.text', { customer: customerName }));
  }
  if (subscriptions.some((subscription) => subscription.state === 'pending')) {
    return notice(text, 'noE4.title', text.t('e4Pending.text', { customer: customerName }));
  }
  return notice(text, 'noE4.title', text.t('noE4.text', { customer: customerName }));
}

function notice(
  text: CardText,
  title: 'error.title' | 'noE4.title' | 'cancel.title' | 'plan.changed.title' | 'approval.recorded.title',
  message: string,
  tone: 'info' | 'warning' | 'error' = 'info',
): AdaptiveCard {
  return buildMessageCard({ title: text.t(title), text: message, tone });
}
