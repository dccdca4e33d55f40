/**
 * The one error hierarchy of the domain. A type exists only where a caller handles it differently.
 * Expected business outcomes (blockers, per-user failures) are data, not exceptions.
 */

/** Base of every error this product throws on purpose. */
export class AppError extends Error {
  constructor(
    message: string,
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A configuration value is missing or wrong; the process stops at start. */
export class ConfigError extends AppError {
  constructor(
    message: string,
    readonly variable: string,
  ) {
    super(message, 'config_invalid');
  }
}

/** What Partner Center said, with the ids needed to trace it on their side. */
export interface PartnerCenterErrorDetails {
  status: number;
  errorCode?: string;
  description: string;
  requestId: string;
  correlationId: string;
  method: string;
  path: string;
  /** Milliseconds the server asked to wait (429/503), when it said. */
  retryAfterInMs?: number;
  data?: unknown[];
}

/**
 * A Partner Center call failed: an HTTP error after retries, a timeout or a dropped connection.
 * `status` is 0 when no HTTP answer arrived (the outcome is then unknown: the call may have happened).
 */
export class PartnerCenterError extends AppError {
  readonly status: number;
  readonly errorCode: string | undefined;
  readonly description: string;
  readonly requestId: string;
  readonly correlationId: string;
  readonly method: string;
  readonly path: string;
  readonly data: unknown[] | undefined;

  constructor(details: PartnerCenterErrorDetails, options?: { cause?: unknown }) {
    super(
      `Partner Center ${details.method} ${details.path} failed with ${details.status || 'no response'}` +
        (details.errorCode ? ` (code ${details.errorCode})` : '') +
        `: ${details.description}`,
      'partner_center_error',
      options,
    );
    this.status = details.status;
    this.errorCode = details.errorCode;
    this.description = details.description;
    this.requestId = details.requestId;
    this.correlationId = details.correlationId;
    this.method = details.method;
    this.path = details.path;
    this.data = details.data;
  }

  /** True when no HTTP answer arrived, so the caller must find out whether the call took effect. */
  get isOutcomeUnknown(): boolean {
    return this.status === 0 || this.status >= 500;
  }
}

/** An optimistic-concurrency write lost (stale eTag). */
export class ConcurrencyError extends AppError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 'concurrency_conflict', options);
  }
}

/** Why a delegated token could not be had without the person signing in. */
export const signInReasons = [
  'not_signed_in',
  'expired',
  'mfa_required',
  'consent_required',
  'unknown_user',
] as const;
export type SignInReason = (typeof signInReasons)[number];

/** A sign-in reason read back from stored or signed data, or undefined when it is none. */
export function signInReasonOf(value: unknown): SignInReason | undefined {
  return signInReasons.find((known) => known === value);
}

/** A write needs the person's delegated token and none can be had without a sign-in. */
export class SignInRequiredError extends AppError {
  constructor(
    readonly reason: SignInReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, 'sign_in_required', options);
  }
}

/** The caller's roles do not allow the action. */
export class NotPermittedError extends AppError {
  constructor(
    readonly action: string,
    message: string,
  ) {
    super(message, 'not_permitted');
  }
}

/** Type guard usable across module boundaries (checks `name`, not `instanceof`, per house style). */
export function isPartnerCenterError(error: unknown): error is PartnerCenterError {
  return error instanceof Error && error.name === 'PartnerCenterError';
}

/** Teams refuses the bot in a conversation (removed, uninstalled, or deleted): stop posting there. */
export class ConversationUnreachableError extends AppError {
  constructor(
    readonly conversationId: string,
    readonly status: number,
    options?: { cause?: unknown },
  ) {
    super(
      `Teams refused the bot in conversation ${conversationId} (HTTP ${status}).`,
      'conversation_unreachable',
      options,
    );
  }
}

/**
 * This instance no longer holds the lease on `key` (it expired, was released, broken or taken by
 * another worker): stop working on what it guarded, because someone else may already be.
 */
export class LeaseLostError extends AppError {
  constructor(
    readonly key: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, 'lease_lost', options);
  }
}

/** Partner Center's error code for an App+User token without multi-factor authentication. */
const partnerCenterMfaRequiredCode = '900421';

/**
 * What a Partner Center 401 asks of the person: it refuses a delegated token without the MFA claim (code
 * 900421) even though Entra issued it; any other 401 means the token no longer works. Both are fixed by
 * signing in again, never by retrying. Undefined for anything that is not a 401.
 */
export function signInReasonOf401(error: unknown): SignInReason | undefined {
  if (!isPartnerCenterError(error) || error.status !== 401) return undefined;
  return error.errorCode === partnerCenterMfaRequiredCode ? 'mfa_required' : 'expired';
}
