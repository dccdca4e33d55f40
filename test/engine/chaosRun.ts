import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { QueueServiceClient } from '@azure/storage-queue';
import { seededRandom } from '../../sandbox/faults/prng.js';
import { DemoIds } from '../../sandbox/seeds/demoIds.js';
import { purchaseMarkerOf } from '../../src/services/migration/migrationJournal.js';
import { isActive, type MigrationRecord } from '../../src/services/migration/migrationRecord.js';
import type { OptionNumber } from '../../src/services/migration/replacementOptions.js';
import type { RunningAzurite } from '../helpers/azurite.js';
import { harnessClientSecret, type PartnerCenterHarness } from '../helpers/partnerCenterHarness.js';
import { EngineKit, oracle } from './engineKit.js';

/**
 * A seeded chaos run of the real engine: worker processes (`src/workerMain.ts`) on one Azurite queue and
 * journal, killed with SIGKILL at random moments and restarted, against the sandbox with injected 5xx,
 * 429 bursts and a checkout whose connection drops after the purchase happened. The same seed gives the
 * same kill schedule and fault stream, so a failure can be replayed (`npm run chaos -- --seed N`).
 * Afterwards the sandbox ledger is the oracle for the safety rules of DESIGN §5.
 */
export interface ChaosOptions {
  seed: number;
  /** How many SIGKILLs, spread over the run. */
  kills: number;
  /** Worker processes at once. */
  workers: number;
  /** Random 5xx per Partner Center call. */
  serverErrorProbability: number;
  /** Give up waiting after this long. */
  timeoutInMs: number;
  log?: (line: string) => void;
}

export interface ChaosOutcome {
  migrations: MigrationRecord[];
  kills: number;
  /** Checkouts whose connection dropped after buying (the unclear answer). */
  unclearCheckouts: number;
  violations: string[];
}

const subjects: { customerId: string; e4SubscriptionId: string; option: OptionNumber }[] = [
  { customerId: DemoIds.customers.contoso, e4SubscriptionId: DemoIds.subscriptions.contosoE4, option: 3 },
  {
    customerId: DemoIds.customers.vanDerBerg,
    e4SubscriptionId: DemoIds.subscriptions.vanDerBergE4First,
    option: 4,
  },
  { customerId: DemoIds.customers.fabrikam, e4SubscriptionId: DemoIds.subscriptions.fabrikamE4, option: 1 },
];

const workerEntry = fileURLToPath(new URL('../../src/workerMain.ts', import.meta.url));

export async function runChaos(
  pc: PartnerCenterHarness,
  azurite: RunningAzurite,
  options: ChaosOptions,
): Promise<ChaosOutcome> {
  const log = options.log ?? (() => undefined);
  const random = seededRandom(options.seed);
  const name = `chaos-${options.seed}-${Date.now().toString(36)}`;
  const kit = new EngineKit(pc, azurite, name);
  await pc.reset();

  const initial = new Map<string, Map<string, Set<string>>>();
  for (const subject of subjects) {
    const state = await oracle(pc, subject.customerId);
    initial.set(
      subject.customerId,
      new Map(
        (state.users ?? []).map((user) => [
          user.id,
          new Set(user.licenses.map((l) => l.skuId.toLowerCase())),
        ]),
      ),
    );
  }
  const records: MigrationRecord[] = [];
  for (const subject of subjects) {
    records.push(await kit.approved(subject.customerId, subject.e4SubscriptionId, subject.option));
  }
  await pc.faults({
    rngSeed: options.seed,
    serverErrors: { probability: options.serverErrorProbability, statuses: [500, 502, 503] },
    throttleBursts: { probability: 0.02, length: 3, retryAfterSeconds: 0 },
    provisioningDelayMs: 1_500,
    // Slow enough that kills land while users are moving, not only around the purchase.
    latencyMs: { min: 5, max: 40 },
    match: { path: '^/v1/customers' },
    // The unclear answer: the first checkout buys, then the connection drops before the answer.
    script: [{ method: 'POST', path: '/checkout$', fault: 'dropAfterCommit' }],
  });

  const queue = QueueServiceClient.fromConnectionString(azurite.connectionString).getQueueClient(name);
  await queue.createIfNotExists();
  for (const record of records) {
    await queue.sendMessage(Buffer.from(JSON.stringify({ migrationId: record.id })).toString('base64'));
  }

  const env = {
    ...process.env,
    BOT_MODE: 'local',
    LOG_LEVEL: 'silent',
    SANDBOX_URL: pc.url,
    MICROSOFT_APP_PASSWORD: harnessClientSecret,
    AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
    DATA_CONTAINER: name,
    WORK_QUEUE: name,
    LEASE_SECONDS: '15',
    MIGRATION_USER_CONCURRENCY: '4',
    RATE_LIMIT_READS_PER_SECOND: '400',
    RATE_LIMIT_LICENSE_UPDATES_PER_SECOND: '400',
    RATE_LIMIT_SUBSCRIPTIONS_PER_SECOND: '100',
    RATE_LIMIT_ORDERS_PER_SECOND: '50',
  };
  const workers = new Map<string, ChildProcess>();
  const startWorker = (id: string) => {
    const child = spawn(process.execPath, ['--import', 'tsx', workerEntry], {
      env: { ...env, WORKER_ID: id },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    workers.set(id, child);
  };
  const ids = Array.from({ length: options.workers }, (_, index) => `chaos-worker-${index + 1}`);
  ids.forEach(startWorker);

  const deadline = Date.now() + options.timeoutInMs;
  let kills = 0;
  // Kills come every 1.5–3 s, so all of them land before the migrations end even when Partner Center
  // answers fast (at 2–4 s apart the last one sometimes came after the run was over).
  let nextKillAt = Date.now() + 1_500 + random() * 1_000;
  const current = async () =>
    Promise.all(records.map(async (record) => (await kit.journal.get(record.id)) ?? record));
  try {
    for (;;) {
      const now = await current();
      if (now.every((record) => !isActive(record.state))) break;
      if (Date.now() > deadline)
        throw new Error(`chaos run ${options.seed} timed out: ${now.map((r) => r.state).join(', ')}`);
      if (kills < options.kills && Date.now() >= nextKillAt) {
        const victim = ids[Math.floor(random() * ids.length)] ?? ids[0] ?? '';
        workers.get(victim)?.kill('SIGKILL');
        kills++;
        log(`kill ${kills}: ${victim} (${now.map((r) => `${r.state}:${r.users.moved}`).join(' ')})`);
        // Restarted under the same id: it takes its own leases back at once.
        startWorker(victim);
        nextKillAt = Date.now() + 1_500 + random() * 1_500;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    for (const child of workers.values()) child.kill('SIGKILL');
    await pc.faults({});
  }

  const final = await current();
  for (const record of final) {
    log(
      `${record.customer.companyName}: ${record.state} ${record.users.moved}/${record.users.total} ${record.events.map((e) => e.event).join(',')}`,
    );
  }
  const unclearCheckouts = pc.sandbox.ledger
    .list({ kind: 'fault' })
    .filter((entry) => entry.kind === 'fault' && entry.fault === 'dropAfterCommit').length;
  return { migrations: final, kills, unclearCheckouts, violations: violations(pc, final, initial) };
}

/** The safety rules, checked against the sandbox ledger. */
function violations(
  pc: PartnerCenterHarness,
  migrations: MigrationRecord[],
  initial: Map<string, Map<string, Set<string>>>,
): string[] {
  const found: string[] = [];
  const ledger = pc.sandbox.ledger.list({});
  for (const migration of migrations) {
    const customerId = migration.customer.id;
    const marker = purchaseMarkerOf(migration);
    const purchases = ledger.filter(
      (entry) => entry.kind === 'purchase' && entry.lineItems.some((line) => line.friendlyName === marker),
    );
    if (purchases.length > 1) found.push(`${migration.id}: bought ${purchases.length} times`);
    if (migration.state === 'completed' && purchases.length !== 1)
      found.push(`${migration.id}: completed without one purchase`);
    if (isActive(migration.state)) found.push(`${migration.id}: still ${migration.state}`);
    if ((migration.state === 'paused' || migration.state === 'failed') && !migration.reason) {
      found.push(`${migration.id}: ${migration.state} without a reason`);
    }

    const e4 = migration.e4.licenseSkuId.toLowerCase();
    const targets = new Set(migration.targets.map((target) => target.licenseSkuId.toLowerCase()));
    const holders = new Map(
      [...(initial.get(customerId) ?? new Map<string, Set<string>>())].map(([id, skus]) => [
        id,
        new Set(skus),
      ]),
    );
    const hadE4 = new Set([...holders].filter(([, skus]) => skus.has(e4)).map(([id]) => id));
    for (const entry of ledger) {
      if (entry.customerId !== customerId) continue;
      if (entry.kind === 'licenseChange') {
        const change = entry;
        const after = new Set(change.after.map((sku) => sku.toLowerCase()));
        holders.set(change.userId, after);
        if (hadE4.has(change.userId) && !after.has(e4) && ![...targets].some((sku) => after.has(sku))) {
          found.push(
            `${migration.id}: user ${change.userId} left without E4 or the target (seq ${change.seq})`,
          );
        }
      }
      if (entry.kind === 'subscriptionChange') {
        const change = entry;
        if (
          change.subscriptionId === migration.e4.subscriptionId &&
          change.field === 'status' &&
          change.to === 'suspended'
        ) {
          const still = [...holders].filter(([, skus]) => skus.has(e4)).length;
          if (still > 0)
            found.push(`${migration.id}: E4 suspended while ${still} users held it (seq ${change.seq})`);
        }
      }
    }
  }
  return found;
}
