import fastify from 'fastify';
import type { FastifyInstance } from 'fastify';

import { TokenAuthority } from '../../sandbox/auth/tokenAuthority.js';
import type { TokenAuthorityOptions } from '../../sandbox/auth/tokenAuthority.js';
import { BOT_CLIENT, partnerFixture } from './partnerFixture.js';

/** A bare fastify app on an ephemeral loopback port with only the token authority's routes. */
export interface AuthorityHarness {
  authority: TokenAuthority;
  app: FastifyInstance;
  baseUrl: string;
  /** Requests seen per `METHOD path` (path without query string), to prove what went over HTTP. */
  requests: Map<string, number>;
  count(method: string, path: string): number;
  /** Back to the fixture partner, no interaction switches, no counted requests (keys stay: they are slow to make). */
  reset(): void;
  close(): Promise<void>;
}

export async function startAuthority(
  options: Partial<TokenAuthorityOptions> = {},
): Promise<AuthorityHarness> {
  const authority = await TokenAuthority.create({
    partner: options.partner ?? partnerFixture(),
    clients: options.clients ?? [BOT_CLIENT],
    ...(options.now ? { now: options.now } : {}),
    ...(options.authorityHost ? { authorityHost: options.authorityHost } : {}),
  });
  const app = fastify();
  const requests = new Map<string, number>();
  app.addHook('onRequest', (request, _reply, done) => {
    const key = `${request.method} ${request.url.split('?')[0] ?? ''}`;
    requests.set(key, (requests.get(key) ?? 0) + 1);
    done();
  });
  let baseUrl = '';
  authority.registerRoutes(app, () => baseUrl);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('fastify did not bind a TCP port');
  baseUrl = `http://127.0.0.1:${address.port}`;
  return {
    authority,
    app,
    baseUrl,
    requests,
    count: (method, path) => requests.get(`${method} ${path}`) ?? 0,
    reset: () => {
      requests.clear();
      authority.replacePartner(options.partner ?? partnerFixture());
    },
    close: () => app.close(),
  };
}

/** POSTs a form to the authority's token endpoint and returns status and parsed body. */
export async function postTokenForm(
  harness: AuthorityHarness,
  form: Record<string, string>,
  tenant = harness.authority.partner.tenantId,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${harness.baseUrl}/${tenant}/oauth2/v2.0/token`, {
    method: 'POST',
    body: new URLSearchParams(form),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** POSTs JSON and returns status and parsed body. */
export async function postJson(
  harness: AuthorityHarness,
  path: string,
  body: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${harness.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The payload of a JWT, unverified (tests inspect what was issued). */
export function payloadOf(token: unknown): Record<string, unknown> {
  if (typeof token !== 'string') throw new Error('not a token');
  const part = token.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}
