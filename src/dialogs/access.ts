import { buildMessageCard, type AdaptiveCard, type PartnerRoleName } from '../cards/index.js';
import type { FlowCaller } from './migrationFlow.js';
import { isPermitted, rolesPermittedTo, type PartnerAction } from '../services/auth/permissions.js';
import type { Command } from '../services/i18n/commandParser.js';
import type { TurnActor } from './turnActor.js';

/** Either the acting partner user, allowed to do the action, as the flow takes them, or the card saying why not. */
export type Access = { allowed: true; caller: FlowCaller } | { allowed: false; card: AdaptiveCard };

/**
 * The one check in front of every command and card action (DESIGN §11): signed in, and holding a role
 * the policy table allows. Refusals say what is missing, in the reader's language, and are logged with
 * the person's object id and the action only.
 */
export function authorize(actor: TurnActor, action: PartnerAction): Access {
  const { identity, text } = actor;
  if (identity.kind === 'needsSignIn') {
    actor.logger.info(
      { action, reason: identity.reason, userOid: identity.user.oid },
      'partner action refused: sign-in needed',
    );
    return {
      allowed: false,
      card: buildMessageCard({
        title: text.t('signIn.title'),
        text: text.t(`signIn.${identity.reason}`),
        tone: 'warning',
      }),
    };
  }
  if (!isPermitted(identity.roles, action)) {
    actor.logger.warn(
      { action, userOid: identity.user.oid, roles: identity.roles },
      'partner action refused: role',
    );
    const roles = rolesPermittedTo(action).map((role: PartnerRoleName) => text.t(`role.${role}`));
    return {
      allowed: false,
      card: buildMessageCard({
        title: text.t('access.title'),
        text: text.t('access.denied', { roles: roles.join(', ') }),
        tone: 'warning',
      }),
    };
  }
  return {
    allowed: true,
    caller: {
      user: identity.user,
      text,
      correlationId: actor.correlationId,
      conversationId: actor.conversationId,
      conversationType: actor.conversationType,
      ...(actor.conversationName ? { conversationName: actor.conversationName } : {}),
      ...(actor.channelId ? { channelId: actor.channelId } : {}),
      roles: identity.roles,
    },
  };
}

/**
 * Whether a typed command works with Partner Center as the person, so a missing sign-in should be
 * answered with the sign-in card (and the command kept to continue after it). Help, language, a bare
 * cancel, sign-out and unrecognised text work without one.
 */
export function needsPartnerIdentity(command: Command): boolean {
  switch (command.kind) {
    case 'help':
    case 'language':
    case 'signOut':
    case 'unknown':
      return false;
    case 'cancel':
      return command.target !== undefined;
    case 'migrateCustomer':
    case 'listExpiring':
    case 'status':
    case 'pause':
    case 'rollBack':
    case 'audit':
    case 'eraseAudit':
    case 'setApprovalsChannel':
    case 'subscribeReminders':
    case 'unsubscribeReminders':
    case 'showReminders':
    case 'checkNow':
      return true;
    default: {
      // A new command must say whether it needs the person's sign-in before this compiles.
      const unanswered: never = command;
      return unanswered;
    }
  }
}
