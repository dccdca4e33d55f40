import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

import { signInReasonOf, type SignInReason } from '../errors.js';
import { supportedLanguages, type Language } from '../i18n/language.js';
import type { PartnerUserRef } from './models.js';

/** Who asked to sign in on the fallback page, where, in which language and why. */
export interface SignInRequest {
  user: PartnerUserRef;
  /** The Teams conversation the sign-in card was sent to (where the pending command continues). */
  conversationId: string;
  language: Language;
  reason: SignInReason;
}

export type SignInTicketCheck =
  { ok: true; request: SignInRequest } | { ok: false; reason: 'malformed' | 'badSignature' | 'expired' };

/** How long a sign-in card's button works. The card stays in the chat; a stale one says so. */
export const SIGN_IN_LINK_LIFETIME_IN_MS = 60 * 60 * 1000;

/**
 * Derives the link-signing key from the token cache key (HKDF-SHA256 with its own label), so the
 * sign-in links need no configuration of their own and never share a key with the cache's encryption.
 */
export function signInLinkKeyFrom(tokenCacheKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', tokenCacheKey, Buffer.alloc(0), 'e4-assistant sign-in links v1', 32));
}

/**
 * The tickets in the fallback sign-in links (`/auth/start?ticket=…`): a `SignInRequest` and its expiry,
 * base64url JSON, HMAC-SHA256-signed with a key only the bot instances hold. The ticket binds the page to
 * the person and conversation the card was sent for; it is no secret (a channel's card is seen by
 * everyone there), because redeeming the code afterwards checks that whoever signed in *is* that
 * person. It carries ids and no name.
 */
export class SignInLinks {
  constructor(
    private readonly key: Buffer,
    private readonly now: () => Date = () => new Date(),
    private readonly lifetimeInMs = SIGN_IN_LINK_LIFETIME_IN_MS,
  ) {
    if (key.length < 32) throw new RangeError('The sign-in link key must be at least 32 bytes.');
  }

  issue(request: SignInRequest): string {
    const payload = Buffer.from(
      JSON.stringify({
        oid: request.user.oid,
        tid: request.user.tenantId,
        conv: request.conversationId,
        lang: request.language,
        why: request.reason,
        exp: Math.floor((this.now().getTime() + this.lifetimeInMs) / 1000),
      }),
      'utf8',
    ).toString('base64url');
    return `${payload}.${this.signature(payload)}`;
  }

  /** Signature first (a forged ticket learns nothing), then shape, then expiry. */
  open(ticket: string): SignInTicketCheck {
    const match = /^([A-Za-z0-9_-]{1,4000})\.([A-Za-z0-9_-]{43})$/.exec(ticket);
    if (!match) return { ok: false, reason: 'malformed' };
    const [, payload = '', signature = ''] = match;
    const expected = Buffer.from(this.signature(payload), 'utf8');
    const given = Buffer.from(signature, 'utf8');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return { ok: false, reason: 'badSignature' };
    }
    const fields = parseFields(payload);
    if (!fields) return { ok: false, reason: 'malformed' };
    if (fields.exp * 1000 <= this.now().getTime()) return { ok: false, reason: 'expired' };
    return {
      ok: true,
      request: {
        user: { oid: fields.oid, tenantId: fields.tid },
        conversationId: fields.conv,
        language: fields.lang,
        reason: fields.why,
      },
    };
  }

  private signature(payload: string): string {
    return createHmac('sha256', this.key).update(`sign-in\n${payload}`).digest('base64url');
  }
}

interface TicketFields {
  oid: string;
  tid: string;
  conv: string;
  lang: Language;
  why: SignInReason;
  exp: number;
}

function parseFields(payload: string): TicketFields | undefined {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { oid, tid, conv, lang, why, exp } = value as Record<string, unknown>;
  if (typeof oid !== 'string' || typeof tid !== 'string' || typeof conv !== 'string') return undefined;
  const language = supportedLanguages.find((known) => known === lang);
  const reason = signInReasonOf(why);
  if (!language || !reason || typeof exp !== 'number') return undefined;
  return { oid, tid, conv, lang: language, why: reason, exp };
}
