import { type AdaptiveCard, type CardText } from '../cards/index.js';
import type { ApprovalDecisions, DecisionOutcome } from '../services/approvals/approvalDecisions.js';
import type { ApprovalRequest } from '../services/approvals/approvalRequest.js';
import type { ApprovalRequestStore } from '../services/approvals/approvalRequestStore.js';
import type { ApprovalPolicy, DecisionClaim } from '../services/approvals/approvalPolicy.js';
import type { ApprovalsChannelStore } from '../services/approvals/approvalsChannel.js';
import type { Clock } from '../services/clock.js';
import type { Logger } from '../services/logging/logger.js';
import type { MigrationAction } from '../services/migration/migrationActions.js';
import type { MigrationControls } from '../services/migration/migrationControls.js';
import type { MigrationJournal } from '../services/migration/migrationJournal.js';
import type { MigrationRecord } from '../services/migration/migrationRecord.js';
import {
  personalChatOf,
  type ConversationMessenger,
} from '../services/notifications/conversationMessenger.js';
import type { FlowCaller } from './migrationFlow.js';
import { approvalCardOf, approvalOutcomeCardOf, noteCard, progressCardOf, textOf } from './migrationCards.js';

/** What an invoke answers: a card that replaces the clicked one, or a short message that leaves it. */
export type InvokeAnswer = { card: AdaptiveCard } | { message: string };

/** Where an approval card goes (DESIGN §11). */
export type ApprovalDestination =
  { conversationId: string; channelName?: string; here: boolean } | { refusal: AdaptiveCard };

export interface ApprovalFlowDeps {
  requests: ApprovalRequestStore;
  decisions: ApprovalDecisions;
  controls: MigrationControls;
  journal: MigrationJournal;
  channel: ApprovalsChannelStore;
  messenger: ConversationMessenger;
  policy: ApprovalPolicy;
  clock: Clock;
  logger: Logger;
}

/**
 * Approvals and the progress card in Teams: where approval cards go, Approve / Reject, the buttons on the
 * progress card, and the requester's direct messages. The checks live in the services
 * (`ApprovalDecisions`, `MigrationControls`); this turns their outcomes into cards for the clicker and,
 * with `updateActivity`, for everyone who sees the card.
 */
export class ApprovalFlow {
  constructor(private readonly deps: ApprovalFlowDeps) {}

  /**
   * The approvals channel when one is set; else the conversation asked from, except a personal chat with
   * four-eyes on, where nobody else could approve: then the card says an approvals channel is needed.
   */
  async destination(caller: FlowCaller): Promise<ApprovalDestination> {
    const channel = await this.deps.channel.get();
    if (channel) {
      return {
        conversationId: channel.conversationId,
        ...(channel.name ? { channelName: channel.name } : {}),
        here: channel.conversationId === (caller.channelId ?? caller.conversationId),
      };
    }
    if (caller.conversationType === 'personal' && this.deps.policy.fourEyes) {
      return {
        refusal: noteCard(
          caller.text.t('approval.recorded.title'),
          caller.text.t('approval.needsChannel.text'),
          'warning',
        ),
      };
    }
    return { conversationId: caller.conversationId, here: true };
  }

  /** "set approvals channel", typed in a team channel by an Admin agent or Global admin. */
  async setApprovalsChannel(caller: FlowCaller): Promise<AdaptiveCard> {
    const { text } = caller;
    if (caller.conversationType !== 'channel') {
      return noteCard(
        text.t('approvalsChannel.set.title'),
        text.t('approvalsChannel.notChannel.text'),
        'warning',
      );
    }
    // The channel, not the post this was typed in (every channel post is its own conversation): approval
    // cards then arrive as new posts in the channel, and a request typed in any of its posts is "here".
    await this.deps.channel.set({
      conversationId: caller.channelId ?? caller.conversationId,
      ...(caller.conversationName ? { name: caller.conversationName } : {}),
      setBy: caller.user,
      setAt: this.deps.clock.now().toISOString(),
    });
    return noteCard(
      text.t('approvalsChannel.set.title'),
      text.t('approvalsChannel.set.text', {
        channel: caller.conversationName ?? text.t('approvalsChannel.thisChannel'),
      }),
    );
  }

  /** Posts the approval card and remembers where, so the decision can replace it for everyone. */
  async post(request: ApprovalRequest, destination: { conversationId: string }): Promise<void> {
    const activityId = await this.deps.messenger.send(
      destination.conversationId,
      approvalCardOf(request, this.deps.policy.fourEyes),
    );
    if (!activityId) return;
    await this.deps.requests.update(request.id, (current) =>
      current.round === request.round
        ? { ...current, approvalCard: { conversationId: destination.conversationId, activityId } }
        : undefined,
    );
  }

  async approve(caller: FlowCaller, claim: DecisionClaim): Promise<InvokeAnswer> {
    const outcome = await this.deps.decisions.approve(claim, { user: caller.user, roles: caller.roles });
    return this.answer(caller, outcome);
  }

  async reject(caller: FlowCaller, claim: DecisionClaim, reason: string | undefined): Promise<InvokeAnswer> {
    const outcome = await this.deps.decisions.reject(
      claim,
      { user: caller.user, roles: caller.roles },
      reason,
    );
    return this.answer(caller, outcome);
  }

  /** A progress card button. */
  async control(
    caller: FlowCaller,
    data: { migrationId: string; customerId: string },
    action: MigrationAction,
  ): Promise<InvokeAnswer> {
    const { text } = caller;
    const outcome = await this.deps.controls.act({ ...data, action }, caller.user);
    if (outcome.kind === 'refused') {
      this.deps.logger.info(
        {
          refusal: outcome.refusal,
          action,
          migrationId: data.migrationId,
          userOid: caller.user.oid,
          correlationId: caller.correlationId,
        },
        'migration control refused',
      );
      if (outcome.refusal === 'notApplicable' && outcome.record) {
        // The card was stale: show what the migration is doing now, with the buttons that apply.
        return { card: this.progress(outcome.record) };
      }
      return {
        message: text.t(
          outcome.refusal === 'notFound' ? 'migration.notFound.text' : 'approval.mismatch.text',
        ),
      };
    }
    const card = this.progress(outcome.record);
    await this.showToEveryone(outcome.record, card);
    if (outcome.applied === 'atNextStep') {
      return {
        message: text.t('migration.controlRecorded.text', { action: text.t(`migration.action.${action}`) }),
      };
    }
    return { card };
  }

  /** Refresh: the migration as the journal has it now. */
  async refresh(
    caller: FlowCaller,
    data: { migrationId: string; customerId: string },
  ): Promise<InvokeAnswer> {
    const record = await this.deps.journal.get(data.migrationId);
    if (!record || record.customer.id.toLowerCase() !== data.customerId.toLowerCase()) {
      return { message: caller.text.t('migration.notFound.text') };
    }
    return { card: this.progress(record) };
  }

  private async answer(caller: FlowCaller, outcome: DecisionOutcome): Promise<InvokeAnswer> {
    const { text } = caller;
    switch (outcome.kind) {
      case 'approved': {
        const card = this.progress(outcome.migration);
        await this.replaceApprovalCard(outcome.request, card);
        await this.tellRequester(outcome.request, (requesterText) =>
          requesterText.t('notify.approved.text', {
            customer: outcome.request.customerName,
            name: caller.user.name ?? '',
          }),
        );
        return { card };
      }
      case 'rejected': {
        const card = approvalOutcomeCardOf(outcome.request);
        await this.replaceApprovalCard(outcome.request, card);
        await this.tellRequester(outcome.request, (requesterText) =>
          requesterText.t('notify.rejected.text', {
            customer: outcome.request.customerName,
            name: caller.user.name ?? '',
            reason: outcome.request.decision?.reason ?? '',
          }),
        );
        return { card };
      }
      case 'refused':
        // A replayed, late, tampered or unauthorized click: which one, with ids only.
        this.deps.logger.info(
          {
            refusal: outcome.refusal,
            approvalId: outcome.request?.id,
            userOid: caller.user.oid,
            correlationId: caller.correlationId,
          },
          'approval decision refused',
        );
        return this.refusal(text, outcome);
    }
  }

  private async refusal(
    text: CardText,
    outcome: Extract<DecisionOutcome, { kind: 'refused' }>,
  ): Promise<InvokeAnswer> {
    const { request, migration } = outcome;
    switch (outcome.refusal) {
      case 'alreadyDecided': {
        if (migration)
          return { card: this.progress((await this.deps.journal.get(migration.id)) ?? migration) };
        if (request && request.status !== 'approved') return { card: approvalOutcomeCardOf(request) };
        return {
          message: text.t('approval.alreadyDecided.text', {
            name: request?.decision?.by?.name ?? '',
            decision: text.t(
              request?.status === 'approved' ? 'approval.decision.approved' : 'approval.decision.rejected',
            ),
            date: request?.decision ? text.date(request.decision.at) : '',
          }),
        };
      }
      case 'expired': {
        if (!request) return { message: text.t('approval.notFound.text') };
        const card = approvalOutcomeCardOf(request);
        await this.replaceApprovalCard(request, card);
        return { card };
      }
      case 'fourEyes':
        return { message: text.t('approval.fourEyes.text') };
      case 'reasonRequired':
        return { message: text.t('approval.reasonRequired.text') };
      case 'notApprover':
        return {
          message: text.t('access.denied', {
            roles: this.deps.policy.approverRoles.map((role) => text.t(`role.${role}`)).join(', '),
          }),
        };
      case 'notFound':
        return { message: text.t('approval.notFound.text') };
      case 'mismatch':
        return { message: text.t('approval.mismatch.text') };
    }
  }

  private progress(record: MigrationRecord): AdaptiveCard {
    return progressCardOf(record, this.deps.clock.now());
  }

  private replaceApprovalCard(request: ApprovalRequest, card: AdaptiveCard): Promise<void> {
    return this.updateForEveryone(request.approvalCard, card, { approvalId: request.id });
  }

  private showToEveryone(record: MigrationRecord, card: AdaptiveCard): Promise<void> {
    return this.updateForEveryone(record.progressCard, card, { migrationId: record.id });
  }

  /** Replaces a shared card; a card that can't be edited any more never fails the action itself. */
  private async updateForEveryone(
    location: { conversationId: string; activityId: string } | undefined,
    card: AdaptiveCard,
    ids: Record<string, string>,
  ): Promise<void> {
    if (!location) return;
    await this.deps.messenger
      .update(location.conversationId, location.activityId, card)
      .catch((error: unknown) => {
        this.deps.logger.warn({ err: error, ...ids }, 'could not update a shared card');
      });
  }

  private async tellRequester(request: ApprovalRequest, message: (text: CardText) => string): Promise<void> {
    await directMessage(
      this.deps.messenger,
      this.deps.logger,
      request.requester.oid,
      request.conversationId,
      (text) => noteCard(text.t('notify.title'), message(text)),
      request.language,
    );
  }
}

/**
 * A message to one person: their personal chat with the bot when it is known, else the conversation the
 * request came from. Failing to notify never fails the action that caused it.
 */
export async function directMessage(
  messenger: ConversationMessenger,
  logger: Logger,
  oid: string,
  fallbackConversationId: string,
  card: (text: CardText) => AdaptiveCard,
  language: string,
): Promise<void> {
  const built = card(textOf(language));
  try {
    await messenger.send(personalChatOf(oid), built);
    return;
  } catch (error) {
    logger.debug({ err: error }, 'no personal chat with the requester; using the request conversation');
  }
  try {
    await messenger.send(fallbackConversationId, built);
  } catch (error) {
    logger.warn({ err: error }, 'could not notify the requester');
  }
}
