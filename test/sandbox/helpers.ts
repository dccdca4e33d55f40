import type { Cart, CartCheckoutResult } from '../../src/services/partner-center/models.js';
import type { AuthOutcome, PartnerCenterTokenVerifier, RouteAccess } from '../../sandbox/auth/types.js';
import type { FaultConfig } from '../../sandbox/faults/faultConfig.js';
import type { LedgerEntry, LedgerKind } from '../../sandbox/ledger.js';
import { DemoIds } from '../../sandbox/seeds/demoIds.js';
import type { SandboxSeed } from '../../sandbox/seeds/seedTypes.js';
import { startSandbox, type RunningSandbox } from '../../sandbox/server.js';
import type { InternalCustomerState } from '../../sandbox/state/internalState.js';

/**
 * A verifier for sandbox tests that don't exercise real tokens: `Bearer app:<appId>` is app-only,
 * `Bearer user:<oid>[:nomfa]` is App+User (with MFA unless `:nomfa`). Refusals mirror the token
 * authority's codes (900401 missing, 900411 app-only on an App+User route, 900421 no MFA).
 */
export const testVerifier: PartnerCenterTokenVerifier = {
  verify(header: string | undefined, access: RouteAccess): Promise<AuthOutcome> {
    const token = /^Bearer (\S+)$/.exec(header ?? '')?.[1];
    const [kind, id, flag] = (token ?? '').split(':');
    if (kind === 'app' && id) {
      if (access === 'userOnly') {
        return Promise.resolve({
          ok: false,
          status: 403,
          code: 900411,
          description: 'App+User token required.',
        });
      }
      return Promise.resolve({
        ok: true,
        caller: { kind: 'app', tenantId: DemoIds.partnerTenantId, appId: id, hasMfa: false },
      });
    }
    if (kind === 'user' && id) {
      if (flag === 'nomfa') {
        return Promise.resolve({ ok: false, status: 401, code: 900421, description: 'MFA is required.' });
      }
      return Promise.resolve({
        ok: true,
        caller: {
          kind: 'user',
          tenantId: DemoIds.partnerTenantId,
          appId: 'test-app',
          oid: id,
          name: `User ${id}`,
          hasMfa: true,
        },
      });
    }
    return Promise.resolve({
      ok: false,
      status: 401,
      code: 900401,
      description: 'A bearer token is required.',
    });
  },
};

/** Authorization header values for the test verifier. */
export const appToken = 'Bearer app:test-app';
export const userToken = `Bearer user:${DemoIds.partnerUsers.adminAgent}`;

/** Starts a sandbox on an ephemeral port with the test verifier (demo seed unless given). */
export function startTestSandbox(
  options: { seed?: SandboxSeed; faults?: FaultConfig } = {},
): Promise<RunningSandbox> {
  return startSandbox({ port: 0, verifier: testVerifier, ...options });
}

/** What a call returned. */
export interface Answer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** Options of a Partner Center call. */
export interface CallOptions {
  token?: string | null;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Calls the sandbox over real HTTP (a user token unless told otherwise). */
export async function call<T = unknown>(
  sandbox: RunningSandbox,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  const token = options.token === undefined ? userToken : options.token;
  if (token !== null) headers.Authorization = token;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${sandbox.url}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: (text ? JSON.parse(text) : undefined) as T,
    headers: response.headers,
  };
}

/** Reads the ledger over the admin API. */
export async function ledger(
  sandbox: RunningSandbox,
  filter: { kind?: LedgerKind; customerId?: string; since?: number } = {},
): Promise<LedgerEntry[]> {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value !== undefined) query.set(key, String(value));
  const answer = await call<{ entries: LedgerEntry[] }>(
    sandbox,
    'GET',
    `/_sandbox/ledger?${query.toString()}`,
    {
      token: null,
    },
  );
  return answer.body.entries;
}

/** Reads a customer's internal state over the admin API. */
export async function customerState(
  sandbox: RunningSandbox,
  customerId: string,
): Promise<InternalCustomerState> {
  return (
    await call<InternalCustomerState>(sandbox, 'GET', `/_sandbox/customers/${customerId}/state`, {
      token: null,
    })
  ).body;
}

/** Sets the fault configuration over the admin API. */
export async function setFaults(sandbox: RunningSandbox, faults: FaultConfig): Promise<void> {
  const answer = await call(sandbox, 'PUT', '/_sandbox/faults', { token: null, body: faults });
  if (answer.status !== 200) throw new Error(`PUT /_sandbox/faults failed: ${JSON.stringify(answer.body)}`);
}

/** Moves the sandbox clock forward. */
export async function advanceClock(sandbox: RunningSandbox, ms: number): Promise<void> {
  await call(sandbox, 'PUT', '/_sandbox/clock', { token: null, body: { advanceMs: ms } });
}

/** Resets the sandbox over the admin API. */
export async function reset(sandbox: RunningSandbox): Promise<void> {
  await call(sandbox, 'POST', '/_sandbox/reset', { token: null });
}

/** Partner Center's error body, as the sandbox must write it. */
export function errorBody(code: number | string, description: string, data: unknown[] = []) {
  return { code, description, data, source: 'PartnerFD' };
}

export const dayMs = 86_400_000;

/** Creates a cart with the lines and checks it out; returns both answers. */
export async function buy(
  sandbox: RunningSandbox,
  customerId: string,
  lineItems: { catalogItemId: string; quantity: number; friendlyName?: string }[],
  headers: Record<string, string> = {},
): Promise<{ cart: Answer<Cart>; checkout: Answer<CartCheckoutResult> }> {
  const cart = await call<Cart>(sandbox, 'POST', `/v1/customers/${customerId}/carts`, {
    body: {
      lineItems: lineItems.map((line, id) => ({ id, billingCycle: 'monthly', termDuration: 'P1Y', ...line })),
    },
  });
  const checkout = await call<CartCheckoutResult>(
    sandbox,
    'POST',
    `/v1/customers/${customerId}/carts/${cart.body.id}/checkout`,
    { headers },
  );
  return { cart, checkout };
}
