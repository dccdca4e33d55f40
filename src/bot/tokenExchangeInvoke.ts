import type { InvokeResponse, TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { CardText } from '../cards/index.js';
import type { TeamsTokenExchange, TokenExchangeOutcome } from '../services/auth/teamsTokenExchange.js';
import type { Logger } from '../services/logging/logger.js';
import type { SignInContinuation } from './signInContinuation.js';
import type { SignInPrompt } from './signInPrompt.js';
import { partnerUserOf } from './teamsUser.js';

/** `signin/tokenExchange`'s value (Bot Framework `TokenExchangeInvokeRequest`), bounded in size. */
const tokenExchangeValue = z.object({
  id: z.string().min(1).max(200),
  connectionName: z.string().max(200).optional(),
  // A JWT; Entra's are a few KB, 16 KB leaves room for large group claims.
  token: z.string().min(1).max(16_384),
});

/** Bot Framework's `TokenExchangeInvokeResponse`: Teams reads `failureDetail` only on a 412. */
interface TokenExchangeResponseBody {
  id: string;
  connectionName: string;
  failureDetail?: string;
}

export interface TokenExchangeInvokeDeps {
  exchange: Pick<TeamsTokenExchange, 'exchange'>;
  prompt: Pick<SignInPrompt, 'ask'>;
  continuation: Pick<SignInContinuation, 'continueAfterSignIn'>;
  logger: Logger;
}

/**
 * Teams' `signin/tokenExchange` invoke (DESIGN §11): the SSO token the OAuth card asked for. Answers 200
 * when the exchange worked (or another invoke with the same id did it), 412 with a `failureDetail`
 * otherwise, which makes Teams show the card's Sign in button (the fallback page). When only an
 * interactive sign-in helps (MFA, consent), a new card says so in the person's language. After a
 * successful exchange the command the person typed before the sign-in card continues.
 */
export class TokenExchangeInvoke {
  constructor(private readonly deps: TokenExchangeInvokeDeps) {}

  async handle(context: TurnContext, text: CardText, correlationId: string): Promise<InvokeResponse> {
    const parsed = tokenExchangeValue.safeParse(context.activity.value);
    if (!parsed.success) {
      this.deps.logger.warn(
        { correlationId, issues: parsed.error.issues.map((issue) => issue.path.join('.')) },
        'Malformed token exchange refused',
      );
      return { status: 400, body: { failureDetail: 'The token exchange request is malformed.' } };
    }
    const { id, token } = parsed.data;
    const connectionName = parsed.data.connectionName ?? '';
    const answer = (
      status: 200 | 412,
      failureDetail?: string,
    ): InvokeResponse<TokenExchangeResponseBody> => ({
      status,
      body: { id, connectionName, ...(failureDetail ? { failureDetail } : {}) },
    });
    const user = partnerUserOf(context.activity);
    if (!user) {
      this.deps.logger.warn({ correlationId, exchangeId: id }, 'Token exchange from an unknown user refused');
      return answer(412, 'The user is not known to the bot.');
    }
    const outcome = await this.deps.exchange.exchange({ user, exchangeId: id, token }, { correlationId });
    switch (outcome.kind) {
      case 'exchanged':
        this.deps.continuation.continueAfterSignIn(context.activity.conversation.id, user, text.language);
        return answer(200);
      case 'duplicate':
        // The first invoke answers for the exchange and continues the command; this one only echoes it.
        return outcome.first === 'refused' ? answer(412, failureDetailOf(outcome)) : answer(200);
      case 'signInNeeded':
        // Silent SSO cannot fix this: the card's button can, and a new card says why.
        await this.deps.prompt.ask(context, { user, reason: outcome.reason, text, trySso: false });
        return answer(412, failureDetailOf(outcome));
      case 'invalidToken':
      case 'unavailable':
        return answer(412, failureDetailOf(outcome));
    }
  }
}

/** For Teams and whoever reads the traffic: why, without a token or a user id. */
function failureDetailOf(outcome: TokenExchangeOutcome): string {
  switch (outcome.kind) {
    case 'signInNeeded':
      return `The bot is unable to exchange the token (${outcome.reason}). Proceed with the sign-in button.`;
    case 'invalidToken':
      return `The SSO token was not accepted (${outcome.refusal}). Proceed with the sign-in button.`;
    case 'unavailable':
      return 'The bot could not exchange the token right now. Proceed with the sign-in button.';
    case 'duplicate':
      return 'This token exchange was already refused. Proceed with the sign-in button.';
    case 'exchanged':
      return '';
  }
}
