import {
  CardFactory,
  MessageFactory,
  type BotState,
  type CloudAdapter,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';
import { buildMessageCard, cardText } from '../cards/index.js';
import type { PartnerUserRef } from '../services/auth/models.js';
import type { Language } from '../services/i18n/language.js';
import type { Logger } from '../services/logging/logger.js';
import type { ConversationReferenceStore } from '../services/storage/conversationReferenceStore.js';
import type { PendingCommands } from './pendingCommands.js';

export interface SignInContinuationDeps {
  adapter: Pick<CloudAdapter, 'continueConversationAsync'>;
  /** The Bot Framework app id (empty in local mode). */
  botAppId: string;
  references: Pick<ConversationReferenceStore, 'get'>;
  pending: PendingCommands;
  /** The bot's whole turn (`E4AssistantBot.run`): the pending command runs as if just typed. */
  runTurn: (context: TurnContext) => Promise<void>;
  /** Saved when no command was pending (the turn above saves them otherwise). */
  states: BotState[];
  logger: Logger;
}

/** Marks a turn that replays a pending command, so a still-missing sign-in is not asked for in a loop. */
const replayKey = Symbol('e4.signInReplay');

/** Whether this turn replays a command after a sign-in (see `SignInContinuation`). */
export function isSignInReplay(context: TurnContext): boolean {
  return context.turnState.get<boolean | undefined>(replayKey) === true;
}

/**
 * After a sign-in (Teams SSO's token exchange, or the fallback page on whichever instance the browser
 * reached), continues what the person asked before the sign-in card: opens a turn in that conversation
 * through its stored reference, takes their pending command from conversation state and runs it as a
 * message from them, so they need not type it again. With nothing pending it just says they are signed
 * in. Runs in the background (an invoke must be answered within seconds); `idle()` waits for it.
 */
export class SignInContinuation {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly deps: SignInContinuationDeps) {}

  /** Starts the continuation; errors are logged, never thrown at the caller. */
  continueAfterSignIn(conversationId: string, user: PartnerUserRef, language: Language): void {
    const work = this.run(conversationId, user, language)
      .catch((error: unknown) => {
        this.deps.logger.error({ err: error, userOid: user.oid }, 'Continuing after sign-in failed');
      })
      .finally(() => this.running.delete(work));
    this.running.add(work);
  }

  /** Resolves when every continuation started so far has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  private async run(conversationId: string, user: PartnerUserRef, language: Language): Promise<void> {
    const stored = await this.deps.references.get(conversationId);
    if (!stored) {
      this.deps.logger.warn(
        { userOid: user.oid },
        'Signed in, but the conversation is unknown: nothing continued',
      );
      return;
    }
    const reference = stored.reference as Partial<ConversationReference>;
    await this.deps.adapter.continueConversationAsync(this.deps.botAppId, reference, async (context) => {
      const pending = await this.deps.pending.take(context, user.oid);
      if (!pending) {
        const text = cardText(language);
        await context.sendActivity(
          MessageFactory.attachment(
            CardFactory.adaptiveCard(
              buildMessageCard({ title: text.t('signIn.title'), text: text.t('signIn.done') }),
            ),
          ),
        );
        await Promise.all(this.deps.states.map((state) => state.saveChanges(context, false)));
        return;
      }
      const text = cardText(language);
      await context.sendActivity(text.t('signIn.continuing', { command: pending.text.slice(0, 200) }));
      // The same turn as if the person had just typed it: their id, name and locale, their text.
      const { activity } = context;
      activity.type = 'message';
      activity.text = pending.text;
      activity.from = { ...pending.from, name: pending.from.name ?? '' };
      if (pending.locale) activity.locale = pending.locale;
      context.turnState.set(replayKey, true);
      this.deps.logger.info({ userOid: user.oid }, 'Continuing the command from before the sign-in');
      await this.deps.runTurn(context);
    });
  }
}
