import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';

import { DEFAULT_TOKEN_LIFETIME_IN_MS } from './entraConstants.js';
import { entraError, EntraErrorKind } from './entraError.js';
import { botFrameworkOpenIdConfiguration, entraOpenIdConfiguration } from './openIdMetadata.js';
import type { TokenAuthority } from './tokenAuthority.js';

const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

/** Where a channel token says the conversation lives when the caller does not say (Teams' public endpoint). */
const DEFAULT_SERVICE_URL = 'https://smba.trafficmanager.net/teams/';

const ssoTokenRequest = z.union([
  z.object({ oid: z.string().min(1), clientId: z.string().optional() }),
  z.object({ userPrincipalName: z.string().min(1), clientId: z.string().optional() }),
]);

const accessTokenRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('app'), clientId: z.string().optional() }),
  z.object({ kind: z.literal('user'), oid: z.string().min(1), clientId: z.string().optional() }),
]);

const channelTokenRequest = z.object({ appId: z.string().min(1), serviceUrl: z.string().url().optional() });

/**
 * Registers every route of the token authority. The routes live in an encapsulated plugin so the
 * form-body parser the token endpoint needs does not change how the rest of the sandbox parses bodies.
 */
export function registerAuthorityRoutes(
  app: FastifyInstance,
  authority: TokenAuthority,
  getBaseUrl: () => string,
): void {
  void app.register((scope, _options, done) => {
    if (!scope.hasContentTypeParser(FORM_CONTENT_TYPE)) {
      scope.addContentTypeParser(FORM_CONTENT_TYPE, { parseAs: 'string' }, (_request, body, parsed) => {
        parsed(null, new URLSearchParams(typeof body === 'string' ? body : body.toString('utf8')));
      });
    }
    registerEntraRoutes(scope, authority, getBaseUrl);
    registerBotFrameworkRoutes(scope, authority, getBaseUrl);
    registerSandboxRoutes(scope, authority);
    done();
  });
}

function registerEntraRoutes(
  app: FastifyInstance,
  authority: TokenAuthority,
  getBaseUrl: () => string,
): void {
  const unknownTenant = (reply: FastifyReply, tenant: string) => {
    const failure = entraError(EntraErrorKind.tenantNotFound, `Tenant '${tenant}' not found.`, {
      now: authority.now(),
    });
    return reply.code(failure.status).send(failure.body);
  };

  app.get<{ Params: { tenant: string } }>(
    '/:tenant/v2.0/.well-known/openid-configuration',
    (request, reply) => {
      const { tenant } = request.params;
      if (tenant !== authority.partner.tenantId) return unknownTenant(reply, tenant);
      return reply.send(entraOpenIdConfiguration(getBaseUrl(), tenant, authority.issuerFor(tenant)));
    },
  );

  app.get<{ Params: { tenant: string } }>('/:tenant/discovery/v2.0/keys', (request, reply) => {
    const { tenant } = request.params;
    if (tenant !== authority.partner.tenantId) return unknownTenant(reply, tenant);
    return reply.send(authority.jwks());
  });

  app.get<{ Params: { tenant: string } }>('/:tenant/oauth2/v2.0/authorize', (request, reply) => {
    const [path = '', search = ''] = request.url.split('?', 2);
    const outcome = authority.authorize(request.params.tenant, new URLSearchParams(search), path);
    // Codes travel in the Location header and the page holds the request: no cache, no referrer.
    void reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    if (outcome.kind === 'redirect') return reply.redirect(outcome.location, 302);
    return reply
      .code(outcome.status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
      .send(outcome.html);
  });

  app.post<{ Params: { tenant: string } }>('/:tenant/oauth2/v2.0/token', async (request, reply) => {
    const correlationId = headerValue(request.headers['client-request-id']);
    const result = await authority.handleTokenRequest(
      request.params.tenant,
      toForm(request.body),
      correlationId,
    );
    // Token responses must never be cached by intermediaries (RFC 6749 §5.1).
    return reply
      .code(result.status)
      .header('cache-control', 'no-store')
      .header('pragma', 'no-cache')
      .send(result.body);
  });
}

function registerBotFrameworkRoutes(
  app: FastifyInstance,
  authority: TokenAuthority,
  getBaseUrl: () => string,
): void {
  app.get('/botframework/v1/.well-known/openidconfiguration', (_request, reply) =>
    reply.send(botFrameworkOpenIdConfiguration(getBaseUrl())),
  );
  app.get('/botframework/v1/.well-known/keys', (_request, reply) => reply.send(authority.channelJwks()));
}

function registerSandboxRoutes(app: FastifyInstance, authority: TokenAuthority): void {
  const expiresOn = () => new Date(authority.now().getTime() + DEFAULT_TOKEN_LIFETIME_IN_MS).toISOString();

  app.post('/_sandbox/auth/sso-token', async (request, reply) => {
    const parsed = ssoTokenRequest.safeParse(request.body);
    if (!parsed.success) return badRequest(reply, 'Send { "oid": "…" } or { "userPrincipalName": "…" }.');
    const user = authority.findUser(parsed.data);
    if (!user)
      return reply
        .code(404)
        .send({ code: 'unknown_user', description: 'No such partner user in the sandbox seed.' });
    const token = await authority.issueSsoAssertion(user.oid, clientOverride(parsed.data.clientId));
    return reply.send({ token, expiresOn: expiresOn() });
  });

  app.post('/_sandbox/auth/token', async (request, reply) => {
    const parsed = accessTokenRequest.safeParse(request.body);
    if (!parsed.success)
      return badRequest(reply, 'Send { "kind": "app" } or { "kind": "user", "oid": "…" }.');
    const overrides = clientOverride(parsed.data.clientId);
    if (parsed.data.kind === 'app') {
      return reply.send({
        token: await authority.issueAppToken(overrides),
        tokenType: 'Bearer',
        expiresOn: expiresOn(),
      });
    }
    if (!authority.findUser({ oid: parsed.data.oid })) {
      return reply
        .code(404)
        .send({ code: 'unknown_user', description: 'No such partner user in the sandbox seed.' });
    }
    const token = await authority.issueUserToken(parsed.data.oid, overrides);
    return reply.send({ token, tokenType: 'Bearer', expiresOn: expiresOn() });
  });

  app.post('/_sandbox/auth/channel-token', async (request, reply) => {
    const parsed = channelTokenRequest.safeParse(request.body);
    if (!parsed.success) return badRequest(reply, 'Send { "appId": "…", "serviceUrl"?: "https://…" }.');
    const token = await authority.issueChannelToken(
      parsed.data.appId,
      parsed.data.serviceUrl ?? DEFAULT_SERVICE_URL,
    );
    return reply.send({ token, expiresOn: expiresOn() });
  });
}

function badRequest(reply: FastifyReply, description: string): FastifyReply {
  return reply.code(400).send({ code: 'invalid_request', description });
}

function clientOverride(clientId: string | undefined): { clientId?: string } {
  return clientId === undefined ? {} : { clientId };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Accepts the form however it was parsed: by our parser, as raw text, or as an object by another parser. */
function toForm(body: unknown): URLSearchParams {
  if (body instanceof URLSearchParams) return body;
  if (typeof body === 'string') return new URLSearchParams(body);
  const form = new URLSearchParams();
  if (typeof body === 'object' && body !== null) {
    for (const [key, value] of Object.entries(body)) if (typeof value === 'string') form.set(key, value);
  }
  return form;
}
