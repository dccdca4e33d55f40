import { DemoIds } from '../sandbox/seeds/demoIds.js';
import { composeEngine } from '../src/composeEngine.js';
import { composeServices } from '../src/composeServices.js';
import { loadConfig } from '../src/config.js';
import { newApprovalRequest } from '../src/services/approvals/newApprovalRequest.js';
import type { PartnerUserRef } from '../src/services/auth/models.js';
import { createSilentLogger } from '../src/services/logging/logger.js';
import type { MigrationRecord, MigrationState } from '../src/services/migration/migrationRecord.js';
import { newMigrationRecord } from '../src/services/migration/newMigration.js';
import type { OptionNumber } from '../src/services/migration/replacementOptions.js';
import { watchPartnerCenterCalls } from './partnerCenterCalls.js';

/**
 * The bot side of the migration benchmark (`bench/migrationThroughput.ts`): the product's engine
 * (`composeServices` + `composeEngine`, no botbuilder) against the sandbox and Azurite, configured from
 * the environment the driver passes, in a process of its own so its resident memory is measured alone.
 *
 * Started twice, like a bot that plans and a worker that runs (`src/workerMain.ts`):
 * - `BENCH_RUNNER_MODE=plan`: plans, approves and journals the migration, answers `{ type: 'planned' }`;
 * - otherwise: runs migration `BENCH_MIGRATION_ID` with `engine.saga.run`, sampling its RSS every 200 ms,
 *   and answers `{ type: 'done' }` with timings, calls made per route and peak RSS.
 * Either answers `{ type: 'error' }` when it fails. Messages go over the IPC channel of `fork`.
 */

export interface RunnerPlanned {
  type: 'planned';
  migrationId: string;
  usersOnE4: number;
  quantity: number;
  targets: number;
  planSeconds: number;
}

export interface RunnerDone {
  type: 'done';
  state: MigrationState;
  reason?: string;
  usersMoved: number;
  failures: number;
  subscriptionsBought: number;
  /** Wall time of `saga.run`, approved → rest (includes the approved plan's re-check). */
  runSeconds: number;
  /** The measured span: the saga entering `purchasing` → `completed`. */
  elapsedSeconds: number;
  /** Seconds from purchase start at which each state was entered. */
  stateSeconds: Partial<Record<MigrationState, number>>;
  /** Partner Center calls made in the measured span, by `METHOD /v1/path/:id/template`. */
  calls: Record<string, number>;
  /** Completed calls per whole second of the measured span, by route template (for pacing diagnosis). */
  timeline: Record<string, number[]>;
  /** Peak resident memory of this process from composing the engine to the saga's end. */
  peakRssMb: number;
  /** After composing the engine, before the saga started. */
  rssBeforeRunMb: number;
  /** Peak of V8's used heap (live objects plus garbage not yet collected) over the same span. */
  peakHeapUsedMb: number;
  /** Peak of V8's heap reservation, what the heap part of the resident memory follows. */
  peakHeapTotalMb: number;
}

export interface RunnerError {
  type: 'error';
  message: string;
}

const idSegments = new Set([
  'customers',
  'users',
  'carts',
  'orders',
  'subscriptions',
  'products',
  'skus',
  'availabilities',
]);

/** `/v1/customers/c5…/users/e0…/licenses` → `/v1/customers/:id/users/:id/licenses`. */
export function routeTemplate(pathname: string): string {
  const parts = pathname.split('/');
  return parts
    .map((part, index) => (index > 0 && idSegments.has(parts[index - 1] ?? '') ? ':id' : part))
    .join('/');
}

function send(message: RunnerPlanned | RunnerDone | RunnerError): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!process.send) return reject(new Error('migrationRunner must be started with an IPC channel'));
    process.send(message, (error: Error | null) => (error ? reject(error) : resolve()));
  });
}

const mb = (bytes: number) => bytes / 1024 / 1024;

const approver: PartnerUserRef = {
  oid: DemoIds.partnerUsers.adminAgent,
  tenantId: DemoIds.partnerTenantId,
  name: 'Anna Admin',
};
const requester: PartnerUserRef = {
  oid: DemoIds.partnerUsers.salesAgent,
  tenantId: DemoIds.partnerTenantId,
  name: 'Sven Sales',
};

/**
 * Plans, "requests" and "approves" as the bot does (engineKit `approved()`), and journals the migration.
 * The planner is the configuration's (same price list), so the re-check before buying finds the same hash.
 */
async function plan(): Promise<void> {
  const option = Number(process.env.BENCH_OPTION ?? '3') as OptionNumber;
  const customerId = process.env.BENCH_CUSTOMER_ID ?? DemoIds.customers.northwind;
  const e4SubscriptionId = process.env.BENCH_E4_SUBSCRIPTION_ID ?? DemoIds.subscriptions.northwindE4;
  const config = loadConfig(process.env);
  const logger = createSilentLogger();
  const services = composeServices(config, logger);
  const engine = composeEngine(config, services, logger);
  const started = performance.now();
  const planned = await services.plannerFor(approver).plan({ customerId, e4SubscriptionId, option });
  const blocking = planned.blockers.filter((blocker) => blocker.severity === 'blocking');
  if (blocking.length > 0) throw new Error(`plan is blocked: ${JSON.stringify(blocking)}`);
  const request = newApprovalRequest(planned, {
    requester,
    conversationId: 'bench-requester',
    language: 'en',
    now: new Date(),
    validityInMs: 24 * 3600 * 1000,
  });
  const { record } = await engine.journal.create(
    newMigrationRecord(request, { approver, at: new Date().toISOString() }),
  );
  await send({
    type: 'planned',
    migrationId: record.id,
    usersOnE4: planned.users?.length ?? 0,
    quantity: planned.quantity,
    targets: planned.targets.length,
    planSeconds: (performance.now() - started) / 1000,
  });
}

/** Runs the journalled migration `BENCH_MIGRATION_ID` with the saga, measuring as it goes. */
async function run(): Promise<void> {
  const migrationId = process.env.BENCH_MIGRATION_ID;
  if (!migrationId) throw new Error('BENCH_MIGRATION_ID is not set');

  // Count Partner Center calls (only while measuring): installed before the services are built.
  const calls = new Map<string, number>();
  const timeline = new Map<string, number[]>();
  let measuringSince: number | undefined;
  watchPartnerCenterCalls(loadConfig(process.env).partnerCenter.baseUrl, (method, pathname) => {
    if (measuringSince === undefined) return;
    const key = `${method.toUpperCase()} ${routeTemplate(pathname)}`;
    calls.set(key, (calls.get(key) ?? 0) + 1);
    const second = Math.floor((performance.now() - measuringSince) / 1000);
    const series = timeline.get(key) ?? [];
    while (series.length <= second) series.push(0);
    series[second] = (series[second] ?? 0) + 1;
    timeline.set(key, series);
  });

  const config = loadConfig(process.env);
  const logger = createSilentLogger();
  const services = composeServices(config, logger);
  const stateAt = new Map<MigrationState, number>();
  let purchaseStarted: number | undefined;
  const observer = {
    changed(record: MigrationRecord) {
      if (stateAt.has(record.state)) return;
      const now = performance.now();
      stateAt.set(record.state, now);
      if (record.state === 'purchasing') {
        purchaseStarted = now;
        measuringSince = now;
      }
    },
  };
  const engine = composeEngine(config, services, logger, observer);

  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  let peakHeapUsed = 0;
  let peakHeapTotal = 0;
  const sample = () => {
    const usage = process.memoryUsage();
    peak = Math.max(peak, usage.rss);
    peakHeapUsed = Math.max(peakHeapUsed, usage.heapUsed);
    peakHeapTotal = Math.max(peakHeapTotal, usage.heapTotal);
  };
  const sampler = setInterval(sample, 200);
  const runStarted = performance.now();
  const done = await engine.saga.run(migrationId, new AbortController().signal);
  const runEnded = performance.now();
  clearInterval(sampler);
  sample();
  if (!done) throw new Error(`migration ${migrationId} vanished`);

  const completedAt = stateAt.get('completed') ?? runEnded;
  const from = purchaseStarted ?? runStarted;
  await send({
    type: 'done',
    state: done.state,
    ...(done.reason
      ? { reason: `${done.reason.code}${done.reason.detail ? `: ${done.reason.detail}` : ''}` }
      : {}),
    usersMoved: done.users.moved,
    failures: done.users.failures.length,
    subscriptionsBought: done.purchase.subscriptions.length,
    runSeconds: (runEnded - runStarted) / 1000,
    elapsedSeconds: (completedAt - from) / 1000,
    stateSeconds: Object.fromEntries([...stateAt].map(([state, at]) => [state, (at - from) / 1000])),
    calls: Object.fromEntries(calls),
    timeline: Object.fromEntries(timeline),
    peakRssMb: mb(peak),
    rssBeforeRunMb: mb(rssBefore),
    peakHeapUsedMb: mb(peakHeapUsed),
    peakHeapTotalMb: mb(peakHeapTotal),
  });
}

(process.env.BENCH_RUNNER_MODE === 'plan' ? plan() : run()).then(
  () => process.exit(0),
  async (error: unknown) => {
    await send({
      type: 'error',
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    }).catch(() => undefined);
    process.exit(1);
  },
);
