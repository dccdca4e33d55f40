import type { SignInReason } from '../services/errors.js';
import type { CardText } from './cardText.js';

/** Teams' content type of an OAuth card (the Bot Framework card that carries Teams SSO). */
export const oauthCardContentType = 'application/vnd.microsoft.card.oauth';

/** Bot Framework's `OAuthCard`, as Teams reads it (declared here: cards import no botbuilder). */
export interface OAuthCard {
  text: string;
  /** Empty: the bot does its own on-behalf-of exchange, no Bot Framework token service connection. */
  connectionName: '';
  buttons: [{ type: 'signin'; title: string; value: string }];
  /** Present: Teams gets the SSO token silently and sends it in `signin/tokenExchange`. */
  tokenExchangeResource?: { id: string; uri: string };
}

export interface SignInCardData {
  /** Why the person must sign in: the card says it in their language. */
  reason: SignInReason;
  /** The bot-hosted fallback sign-in page for this person and conversation (`/auth/start?ticket=…`). */
  signInUrl: string;
  /**
   * Teams SSO: a fresh id (the exchange's de-duplication key) and the bot's App ID URI. Left out after
   * SSO failed (MFA, consent), so Teams shows the button at once instead of failing silently again.
   */
  tokenExchange?: { id: string; uri: string };
}

/**
 * The sign-in card (DESIGN §11): an OAuth card whose `tokenExchangeResource` makes Teams try SSO first
 * (the bot then gets `signin/tokenExchange`) and whose Sign in button opens the fallback page when SSO
 * cannot do it (Teams shows it after the bot answers the exchange with 412). Pure: data in, card out.
 */
export function buildSignInCard(data: SignInCardData, text: CardText): OAuthCard {
  return {
    text: text.t(`signIn.${data.reason}`),
    connectionName: '',
    buttons: [{ type: 'signin', title: text.t('signIn.button'), value: data.signInUrl }],
    ...(data.tokenExchange ? { tokenExchangeResource: { ...data.tokenExchange } } : {}),
  };
}
