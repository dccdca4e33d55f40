import { randomUUID } from 'node:crypto';
import { MessageFactory, type TurnContext } from 'botbuilder';
import { buildSignInCard, oauthCardContentType, type CardText } from '../cards/index.js';
import type { PartnerUserRef } from '../services/auth/models.js';
import type { SignInLinks } from '../services/auth/signInLinks.js';
import type { SignInReason } from '../services/errors.js';
import type { Logger } from '../services/logging/logger.js';
import type { TurnActor } from '../dialogs/turnActor.js';
import type { PendingCommands } from './pendingCommands.js';
import { isSignInReplay } from './signInContinuation.js';

export interface SignInPromptDeps {
  links: Pick<SignInLinks, 'issue'>;
  /** The bot's App ID URI: the audience Teams asks Entra for (`api://botid-{appId}`). */
  appIdUri: string;
  /** Where people's browsers reach the bot (the fallback page); read when a card is built. */
  publicBaseUrl: () => string;
  pending: PendingCommands;
  logger: Logger;
}

/** One sign-in card to send. */
export interface SignInAsk {
  user: PartnerUserRef;
  reason: SignInReason;
  text: CardText;
  /**
   * Let Teams try SSO silently (`tokenExchangeResource`). False after an exchange failed for a reason
   * only an interactive sign-in fixes: the card then just offers the button.
   */
  trySso: boolean;
  /** The typed command to continue after the sign-in, if the card answers one. */
  pendingText?: string;
}

/**
 * Sends the sign-in card (an OAuth card: Teams SSO first, the bot-hosted page as fallback) in the person's
 * language, and remembers the command it interrupted so the bot can continue it afterwards.
 */
export class SignInPrompt {
  constructor(private readonly deps: SignInPromptDeps) {}

  /**
   * Sends the sign-in card when the turn's person must sign in and a sign-in can help: they are a user of
   * the partner tenant (`unknown_user` is not fixed by signing in) and this is not the replay of a command
   * after a sign-in (which must not loop). Keeps `pendingText` to continue afterwards.
   * @returns whether it sent one.
   */
  async offer(
    context: TurnContext,
    actor: Pick<TurnActor, 'identity' | 'text'>,
    pendingText?: string,
  ): Promise<boolean> {
    const { identity } = actor;
    if (identity.kind !== 'needsSignIn' || identity.reason === 'unknown_user') return false;
    if (isSignInReplay(context)) return false;
    await this.ask(context, {
      user: identity.user,
      reason: identity.reason,
      text: actor.text,
      trySso: true,
      ...(pendingText !== undefined ? { pendingText } : {}),
    });
    return true;
  }

  async ask(context: TurnContext, ask: SignInAsk): Promise<void> {
    const { activity } = context;
    const conversationId = activity.conversation.id;
    const ticket = this.deps.links.issue({
      user: ask.user,
      conversationId,
      language: ask.text.language,
      reason: ask.reason,
    });
    const signInUrl = `${this.deps.publicBaseUrl().replace(/\/+$/, '')}/auth/start?ticket=${ticket}`;
    const exchangeId = randomUUID();
    const card = buildSignInCard(
      {
        reason: ask.reason,
        signInUrl,
        ...(ask.trySso ? { tokenExchange: { id: exchangeId, uri: this.deps.appIdUri } } : {}),
      },
      ask.text,
    );
    if (ask.pendingText !== undefined && activity.from.aadObjectId) {
      await this.deps.pending.remember(context, {
        text: ask.pendingText,
        from: {
          id: activity.from.id,
          aadObjectId: activity.from.aadObjectId,
          ...(activity.from.name ? { name: activity.from.name } : {}),
        },
        ...(activity.locale ? { locale: activity.locale } : {}),
      });
    }
    await context.sendActivity(
      MessageFactory.attachment({ contentType: oauthCardContentType, content: card }),
    );
    this.deps.logger.info(
      {
        userOid: ask.user.oid,
        reason: ask.reason,
        ...(ask.trySso ? { exchangeId } : {}),
        pending: ask.pendingText !== undefined,
      },
      'Sign-in card sent',
    );
  }
}
