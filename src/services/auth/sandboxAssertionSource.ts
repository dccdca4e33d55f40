import { AppError } from '../errors.js';
import type { AssertionResult, AssertionSource } from './assertionSource.js';
import { signInMessage } from './msalErrorClassifier.js';
import type { OperationOptions, PartnerUserRef } from './models.js';

export interface SandboxAssertionSourceOptions {
  /** Loopback base URL of the sandbox, e.g. `http://127.0.0.1:7071`. */
  sandboxBaseUrl: string;
  /** The bot's client id: the audience the SSO assertion is minted for. */
  clientId: string;
  /**
   * Teams/playground `aadObjectId` → demo partner user oid. Users not listed are looked up by their own
   * oid (DESIGN §11: the playground user maps to a demo partner user, configurable).
   */
  demoUserByAadObjectId?: Readonly<Record<string, string>>;
  /** Clock for deciding when a cached assertion is too old. Default the system clock. */
  now?: () => Date;
}

/** Renew an assertion this long before it expires, so MSAL never receives one that dies in flight. */
const RENEWAL_MARGIN_IN_MS = 5 * 60 * 1000;

/**
 * Local stand-in for Teams SSO: asks the sandbox authority (`POST /_sandbox/auth/sso-token`) for the
 * mapped demo user's SSO assertion. Assertions are kept until shortly before they expire, as Teams
 * keeps its SSO token; this also lets MSAL serve repeated on-behalf-of calls from its cache, which it
 * keys by assertion.
 */
export class SandboxAssertionSource implements AssertionSource {
  private readonly cache = new Map<string, { assertion: string; expiresOn: Date }>();
  private readonly now: () => Date;

  constructor(private readonly options: SandboxAssertionSourceOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async getAssertion(user: PartnerUserRef, options: OperationOptions = {}): Promise<AssertionResult> {
    const oid = this.options.demoUserByAadObjectId?.[user.oid] ?? user.oid;
    const cached = this.cache.get(oid);
    if (cached && cached.expiresOn.getTime() - RENEWAL_MARGIN_IN_MS > this.now().getTime()) {
      return { kind: 'assertion', assertion: cached.assertion };
    }
    const response = await fetch(new URL('/_sandbox/auth/sso-token', this.options.sandboxBaseUrl), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.correlationId ? { 'ms-correlationid': options.correlationId } : {}),
      },
      body: JSON.stringify({ oid, clientId: this.options.clientId }),
      ...(options.abortSignal ? { signal: options.abortSignal } : {}),
    });
    if (response.status === 404) {
      return { kind: 'needsSignIn', reason: 'unknown_user', message: signInMessage('unknown_user') };
    }
    if (!response.ok) {
      throw new AppError(
        `The sandbox refused an SSO token (HTTP ${response.status}).`,
        'token_acquisition_failed',
      );
    }
    const body: unknown = await response.json();
    const assertion = readString(body, 'token');
    const expiresOn = new Date(readString(body, 'expiresOn') ?? Number.NaN);
    if (assertion === undefined || Number.isNaN(expiresOn.getTime())) {
      throw new AppError(
        'The sandbox answered an SSO token request without a token.',
        'token_acquisition_failed',
      );
    }
    this.cache.set(oid, { assertion, expiresOn });
    return { kind: 'assertion', assertion };
  }

  discard(user: PartnerUserRef, assertion: string): void {
    const oid = this.options.demoUserByAadObjectId?.[user.oid] ?? user.oid;
    if (this.cache.get(oid)?.assertion === assertion) this.cache.delete(oid);
  }

  /**
   * Sign-out: drops the cached assertion. The next delegated call mints a new one from the sandbox, so
   * locally a sign-out lasts until the next command (the playground has no sign-in to send people to).
   */
  forget(user: PartnerUserRef): void {
    this.cache.delete(this.options.demoUserByAadObjectId?.[user.oid] ?? user.oid);
  }
}

function readString(body: unknown, key: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
