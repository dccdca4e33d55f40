import Fastify, { type FastifyInstance } from 'fastify';

import type { PartnerCenterTokenVerifier } from './auth/types.js';
import type { SandboxClock } from './clock.js';
import type { FaultConfig } from './faults/faultConfig.js';
import type { Ledger } from './ledger.js';
import { pcError, PcErrorCode } from './pcErrors.js';
import { registerAdminRoutes } from './routes/admin.js';
import { registerCommerceRoutes } from './routes/commerce.js';
import { registerCustomerRoutes } from './routes/customers.js';
import { registerProductRoutes } from './routes/products.js';
import { registerSubscriptionRoutes } from './routes/subscriptions.js';
import { registerUserRoutes } from './routes/users.js';
import { SandboxRuntime } from './runtime.js';
import { buildDemoSeed } from './seeds/demoSeed.js';
import type { SandboxSeed } from './seeds/seedTypes.js';
import type { SandboxState } from './state/sandboxState.js';

/** How to start the sandbox Partner Center. */
export interface SandboxOptions {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind. Default `127.0.0.1` (loopback only). */
  host?: string;
  /** Initial world. Default: the demo seed built at start (`buildDemoSeed(now)`). */
  seed?: SandboxSeed;
  /** Checks the bearer token of every Partner Center call (the token authority, or a test verifier). */
  verifier: PartnerCenterTokenVerifier;
  /** Extra routes on the same server (the token authority's metadata, keys and token endpoint). */
  registerExtraRoutes?: (app: FastifyInstance) => void;
  /** Faults (and provisioning delay, consumed-units lag) in force at start and after a reset. Default none. */
  faults?: FaultConfig;
  /** Sandbox clock offset from the wall clock at start and after a reset. Default 0. */
  clockOffsetMs?: number;
  /** Called when a reseed brings a different partner (the token authority must learn its users). */
  onSeedChanged?: (seed: SandboxSeed) => void;
  /** fastify's logger. Default off. */
  logger?: boolean;
}

/** A running sandbox. State accessors read the current world (a reset or reseed swaps it). */
export interface RunningSandbox {
  /** Base URL, e.g. `http://127.0.0.1:54321` (no trailing slash, no `/v1`). */
  url: string;
  app: FastifyInstance;
  runtime: SandboxRuntime;
  readonly state: SandboxState;
  readonly ledger: Ledger;
  readonly clock: SandboxClock;
  /** Same as `POST /_sandbox/reset`. */
  reset(): void;
  close(): Promise<void>;
}

/** Builds the fastify app with every route, not listening yet (in-process use and tests). */
export function buildSandboxApp(
  runtime: SandboxRuntime,
  options: Pick<SandboxOptions, 'logger' | 'registerExtraRoutes'>,
) {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 16 * 1024 * 1024 });
  // Partner Center accepts an empty body with Content-Type: application/json (checkout sends none).
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(Object.assign(new Error('The request body is not valid JSON.'), { statusCode: 400 }), undefined);
    }
  });
  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error(error);
    const result = pcError(status, status === 400 ? PcErrorCode.invalidInput : status, error.message);
    return reply.code(status).send(result.body);
  });
  app.setNotFoundHandler((request, reply) => {
    const result = pcError(
      404,
      PcErrorCode.notFound,
      `No resource at ${request.method} ${request.url.split('?')[0]}.`,
    );
    return reply.code(404).send(result.body);
  });
  registerCustomerRoutes(app, runtime);
  registerSubscriptionRoutes(app, runtime);
  registerUserRoutes(app, runtime);
  registerCommerceRoutes(app, runtime);
  registerProductRoutes(app, runtime);
  registerAdminRoutes(app, runtime);
  options.registerExtraRoutes?.(app);
  return app;
}

/**
 * Starts the sandbox Partner Center on loopback.
 * @throws Error when the port can't be bound.
 */
export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const clockOffsetMs = options.clockOffsetMs ?? 0;
  const seed = options.seed ?? buildDemoSeed(new Date(Date.now() + clockOffsetMs));
  const runtime = new SandboxRuntime(
    { seed, faults: options.faults ?? {}, clockOffsetMs },
    options.verifier,
    options.onSeedChanged,
  );
  const app = buildSandboxApp(runtime, options);
  await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1';
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url,
    app,
    runtime,
    get state() {
      return runtime.state;
    },
    get ledger() {
      return runtime.ledger;
    },
    get clock() {
      return runtime.clock;
    },
    reset: () => runtime.reset(),
    close: async () => {
      // Clients keep connections alive; don't wait for them to go idle.
      app.server.closeAllConnections();
      await app.close();
    },
  };
}
