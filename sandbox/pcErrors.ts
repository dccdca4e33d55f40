import type { ErrorBody, ThrottleErrorBody } from '../src/services/partner-center/models.js';

/**
 * What a Partner Center route answers, before it is sent: handlers return data, the pipeline sends it
 * (or stores it for replay, or drops the connection after acting).
 */
export interface PcResult {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/**
 * Error codes the sandbox writes. Codes marked (PC) are Partner Center's documented ones
 * (shared/reference/partner-center-api.md §7, §8, §11); the others are the sandbox's own choice for
 * refusals Partner Center reports without a documented code, kept distinct so a client can tell them apart.
 */
export const PcErrorCode = {
  /** (PC) 404 not found (customer on non-user routes, cart, unknown route). */
  notFound: 1000,
  /** (PC) 400 quantity can't change while the subscription is suspended. */
  quantityWhileSuspended: 2001,
  /** (PC) 400 quantity outside the offer's range. */
  quantityOutOfRange: 2002,
  /** (PC) 400 the update is not allowed for this offer or state (see the description). */
  updateNotAllowed: 2006,
  /** (PC) 400 a subscription in deleted status can't be updated. */
  subscriptionDeleted: 2011,
  /** (PC) 400 stale If-Match. */
  staleEtag: 2055,
  /** (PC) 403 offer no longer available for purchase. */
  offerNotAvailable: 2091,
  /** (PC) 400 invalid property / malformed request. */
  invalidInput: 3000,
  /** (PC) 400 unable to process the order (e.g. cart already ordered). */
  unableToProcessOrder: 4018,
  /** (PC) 403 Microsoft Customer Agreement acceptance required. */
  agreementRequired: 13605,
  /** (PC) 404 order id not found. */
  orderNotFound: 20000,
  /** (PC) 404 subscription not found. */
  subscriptionNotFound: 20003,
  /** (PC) 409 cannot activate an add-on while its parent is not active. */
  parentNotActive: 27009,
  /** (PC) 404 user not found. */
  userNotFound: 60002,
  /** (PC) 404 customer tenant not found (user routes). */
  tenantNotFound: 60003,
  /** (sandbox) 400 the user has no usage location. */
  invalidUsageLocation: 60010,
  /** (sandbox) 400 the license is assigned through a group. */
  groupAssignedLicense: 60011,
  /** (PC) 400 out of licenses. */
  outOfLicenses: 60012,
  /** (sandbox) 400 the licenses would leave the user with conflicting service plans. */
  conflictingServicePlans: 60013,
  /** (sandbox) 400 more than one license group in one request. */
  mixedLicenseGroups: 60014,
  /** (sandbox) 500/503 injected server fault (code = status unless the script says otherwise). */
  serverError: 500,
} as const;

/** Partner Center's normal error body (the 429 body differs: see `throttled`). */
export function pcError(
  status: number,
  code: number | string,
  description: string,
  data: unknown[] = [],
): PcResult {
  const body: ErrorBody = { code, description, data, source: 'PartnerFD' };
  return { status, body };
}

/** The result of reading a request body: the value, or the 400 to answer with. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: PcResult };

/** A successfully read value. */
export function parsed<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

/** A body that couldn't be read, answered with 400 3000. */
export function unreadable<T>(description: string): Parsed<T> {
  return { ok: false, error: invalidInput(description) };
}

/** A 2xx answer. */
export function ok(body: unknown, status = 200): PcResult {
  return { status, body };
}

/** Partner Center's 429: its own body shape, and `Retry-After` in whole seconds (at least 1). */
export function throttled(retryAfterSeconds: number): PcResult {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  const body: ThrottleErrorBody = {
    statusCode: 429,
    message: `Rate limit is exceeded. Try again in ${seconds} seconds.`,
  };
  return { status: 429, body, headers: { 'Retry-After': String(seconds) } };
}

/** 404 for an unknown customer: 60003 on user routes (as Partner Center documents), 1000 elsewhere. */
export function customerNotFound(customerId: string, onUserRoute: boolean): PcResult {
  return onUserRoute
    ? pcError(404, PcErrorCode.tenantNotFound, `Tenant ${customerId} not found.`)
    : pcError(404, PcErrorCode.notFound, `Customer ${customerId} not found.`);
}

/** 404 20003 with Partner Center's description. */
export function subscriptionNotFound(subscriptionId: string): PcResult {
  return pcError(404, PcErrorCode.subscriptionNotFound, `Subscription with id ${subscriptionId} not found`);
}

/** 404 60002. */
export function userNotFound(userId: string): PcResult {
  return pcError(404, PcErrorCode.userNotFound, `User object Id ${userId} is not found.`);
}

/** 400 3000 for a malformed request. */
export function invalidInput(description: string): PcResult {
  return pcError(400, PcErrorCode.invalidInput, description);
}

/** Reads the code and description back out of an error result (for the ledger). */
export function describeError(result: PcResult): { code: string | number; description: string } {
  const body = result.body as Partial<ErrorBody & ThrottleErrorBody> | undefined;
  return {
    code: body?.code ?? body?.statusCode ?? result.status,
    description: body?.description ?? body?.message ?? '',
  };
}
