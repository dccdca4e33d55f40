import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';

import { catalogEntries, catalogItemIdOf, markets } from '../catalog.js';
import { faultConfigSchema, scriptedFaultSchema } from '../faults/faultConfig.js';
import { ledgerKinds, type LedgerKind } from '../ledger.js';
import type { SandboxRuntime } from '../runtime.js';
import { buildDemoSeed } from '../seeds/demoSeed.js';
import { generateSeed } from '../seeds/largeSeedGenerator.js';
import { sandboxSeedSchema } from '../seeds/seedSchema.js';
import { internalStateOf } from '../state/internalState.js';
import { param, query } from './requestParts.js';

/**
 * The admin API under `/_sandbox` (no auth, JSON): reset, seed, faults, clock, ledger, and the customer
 * state oracle. It is the sandbox's control panel, not part of Partner Center: no faults, no ledger.
 */

const seedRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('demo') }),
  z.object({
    kind: z.literal('generated'),
    customers: z.number().int().min(1).max(100_000),
    e4UsersPerCustomer: z.number().int().min(0).max(10_000).optional(),
    rngSeed: z.number().int().optional(),
  }),
  z.object({ kind: z.literal('custom'), seed: sandboxSeedSchema }),
]);

const clockRequest = z.union([
  z.strictObject({ offsetMs: z.number() }),
  z.strictObject({ now: z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not an ISO date') }),
  z.strictObject({ advanceMs: z.number() }),
]);

const scriptRequest = z.union([
  z.array(scriptedFaultSchema),
  z.strictObject({ script: z.array(scriptedFaultSchema) }),
]);

function badRequest(reply: FastifyReply, error: z.ZodError | string): FastifyReply {
  const message = typeof error === 'string' ? error : z.prettifyError(error);
  return reply.code(400).send({ error: message });
}

function clockView(runtime: SandboxRuntime) {
  return { now: runtime.clock.now().toISOString(), offsetMs: runtime.clock.offsetMs };
}

/** Registers the admin API. */
export function registerAdminRoutes(app: FastifyInstance, runtime: SandboxRuntime): void {
  app.post('/_sandbox/reset', () => {
    runtime.reset();
    return { reset: true, customers: runtime.state.customers.length, clock: clockView(runtime) };
  });

  app.post('/_sandbox/seed', { bodyLimit: 512 * 1024 * 1024 }, (request, reply) => {
    const parsed = seedRequest.safeParse(request.body);
    if (!parsed.success) return badRequest(reply, parsed.error);
    const now = runtime.clock.now();
    const body = parsed.data;
    const seed =
      body.kind === 'demo'
        ? buildDemoSeed(now)
        : body.kind === 'generated'
          ? generateSeed({
              customers: body.customers,
              e4UsersPerCustomer: body.e4UsersPerCustomer,
              rngSeed: body.rngSeed ?? 1,
              now,
            })
          : body.seed;
    runtime.loadSeed(seed);
    return { kind: body.kind, customers: runtime.state.customers.length };
  });

  app.get('/_sandbox/faults', () => runtime.faults.config);
  app.put('/_sandbox/faults', (request, reply) => {
    const parsed = faultConfigSchema.safeParse(request.body ?? {});
    if (!parsed.success) return badRequest(reply, parsed.error);
    runtime.setFaults(parsed.data);
    return runtime.faults.config;
  });
  app.patch('/_sandbox/faults', (request, reply) => {
    const parsed = faultConfigSchema.safeParse({ ...runtime.faults.config, ...(request.body as object) });
    if (!parsed.success) return badRequest(reply, parsed.error);
    runtime.setFaults(parsed.data);
    return runtime.faults.config;
  });
  app.delete('/_sandbox/faults', () => {
    runtime.setFaults({});
    return runtime.faults.config;
  });
  app.post('/_sandbox/faults/script', (request, reply) => {
    const parsed = scriptRequest.safeParse(request.body);
    if (!parsed.success) return badRequest(reply, parsed.error);
    runtime.faults.appendScript(Array.isArray(parsed.data) ? parsed.data : parsed.data.script);
    return runtime.faults.config;
  });

  app.get('/_sandbox/clock', () => clockView(runtime));
  app.put('/_sandbox/clock', (request, reply) => {
    const parsed = clockRequest.safeParse(request.body);
    if (!parsed.success) return badRequest(reply, parsed.error);
    const body = parsed.data;
    if ('offsetMs' in body) runtime.clock.setOffset(body.offsetMs);
    else if ('now' in body) runtime.clock.setNow(new Date(body.now));
    else runtime.clock.advance(body.advanceMs);
    return clockView(runtime);
  });

  app.get('/_sandbox/ledger', (request, reply) => {
    const since = query(request, 'since');
    const kind = query(request, 'kind');
    if (since !== undefined && !/^\d+$/.test(since))
      return badRequest(reply, 'since must be a sequence number.');
    if (kind !== undefined && !ledgerKinds.includes(kind as LedgerKind)) {
      return badRequest(reply, `kind must be one of ${ledgerKinds.join(', ')}.`);
    }
    const entries = runtime.ledger.list({
      since: since === undefined ? undefined : Number(since),
      kind: kind as LedgerKind | undefined,
      customerId: query(request, 'customerId'),
    });
    return { entries, lastSeq: runtime.ledger.size };
  });

  app.get('/_sandbox/customers/:customerId/state', (request, reply) => {
    const customer = runtime.customer(param(request, 'customerId'));
    if (!customer) return reply.code(404).send({ error: `No customer ${param(request, 'customerId')}.` });
    const includeUsers = query(request, 'users') !== 'false';
    return internalStateOf(customer, runtime.clock.nowMs(), runtime.faults.consumedUnitsLagMs, includeUsers);
  });

  app.get('/_sandbox/catalog', () =>
    catalogEntries().map((entry) => ({
      ...entry,
      catalogItemIds: Object.fromEntries(
        markets.map((market) => [market, catalogItemIdOf(entry.key, market)]),
      ),
    })),
  );
}
