import { setMaxListeners } from 'node:events';
import { readFileSync } from 'node:fs';
import { BlobServiceClient } from '@azure/storage-blob';
import { DemoIds } from '../../sandbox/seeds/demoIds.js';
import type { LedgerEntry } from '../../sandbox/ledger.js';
import type { InternalCustomerState } from '../../sandbox/state/internalState.js';
import { newApprovalRequest } from '../../src/services/approvals/newApprovalRequest.js';
import type { PartnerUserRef } from '../../src/services/auth/models.js';
import { systemClock } from '../../src/services/clock.js';
import { createSilentLogger } from '../../src/services/logging/logger.js';
import { MigrationJournal } from '../../src/services/migration/migrationJournal.js';
import { MigrationPlanner } from '../../src/services/migration/migrationPlanner.js';
import type { MigrationRecord } from '../../src/services/migration/migrationRecord.js';
import { newMigrationRecord } from '../../src/services/migration/newMigration.js';
import { sandboxOptionCatalog } from '../../src/services/migration/optionCatalog.js';
import { parsePriceList } from '../../src/services/migration/priceList.js';
import type { OptionNumber } from '../../src/services/migration/replacementOptions.js';
import {
  MigrationSaga,
  type MigrationSagaDependencies,
} from '../../src/services/migration/saga/migrationSaga.js';
import { UserMoveLog } from '../../src/services/migration/saga/userMoveLog.js';
import { BlobAppendLog } from '../../src/services/storage/blobAppendLog.js';
import { BlobJsonStore } from '../../src/services/storage/blobJsonStore.js';
import type { RunningAzurite } from '../helpers/azurite.js';
import type { PartnerCenterHarness } from '../helpers/partnerCenterHarness.js';

const demoPriceList = parsePriceList(
  readFileSync(new URL('../../sandbox/seeds/demo-price-list.csv', import.meta.url), 'utf8'),
);

/** Demo partner people, as the engine knows them. */
export const people = {
  requester: { oid: DemoIds.partnerUsers.salesAgent, tenantId: DemoIds.partnerTenantId, name: 'Sven Sales' },
  approver: { oid: DemoIds.partnerUsers.adminAgent, tenantId: DemoIds.partnerTenantId, name: 'Anna Admin' },
  approver2: {
    oid: DemoIds.partnerUsers.adminAgent2,
    tenantId: DemoIds.partnerTenantId,
    name: 'Adriaan Admin',
  },
  noMfa: { oid: DemoIds.partnerUsers.adminAgentWithoutMfa, tenantId: DemoIds.partnerTenantId, name: 'Mats' },
} satisfies Record<string, PartnerUserRef>;

/**
 * The engine's real parts on loopback: the journal and move log in Azurite, the sandbox Partner Center
 * over HTTP with msal-node tokens. Each test gets its own container, so runs don't see each other.
 */
export class EngineKit {
  readonly journal: MigrationJournal;
  readonly moveLog: UserMoveLog;
  private readonly container;

  constructor(
    readonly pc: PartnerCenterHarness,
    azurite: RunningAzurite,
    containerName: string,
  ) {
    this.container = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(
      containerName,
    );
    this.journal = new MigrationJournal(new BlobJsonStore<MigrationRecord>(this.container), systemClock);
    this.moveLog = new UserMoveLog(new BlobAppendLog(this.container));
  }

  saga(overrides: Partial<MigrationSagaDependencies> = {}): MigrationSaga {
    return new MigrationSaga({
      journal: this.journal,
      moveLog: this.moveLog,
      partnerCenterFor: (user) => this.pc.as(user.oid),
      checkApprovedPlan: () => Promise.resolve({ ok: true }),
      clock: systemClock,
      logger: createSilentLogger(),
      settings: { provisioningPollInMs: 100, checkpointEveryInMs: 200 },
      ...overrides,
    });
  }

  /** Plans, "requests" and "approves" a migration; returns its stored first record. */
  async approved(
    customerId: string,
    e4SubscriptionId: string,
    option: OptionNumber,
    approver: PartnerUserRef = people.approver,
  ): Promise<MigrationRecord> {
    // Priced like the bot and worker price it in local mode, so the approved plan's hash matches theirs.
    const planner = new MigrationPlanner(this.pc.as(people.approver.oid), sandboxOptionCatalog, systemClock, {
      priceList: demoPriceList,
    });
    const plan = await planner.plan({ customerId, e4SubscriptionId, option });
    const request = newApprovalRequest(plan, {
      requester: people.requester,
      conversationId: 'personal-requester',
      language: 'en',
      now: new Date(),
      validityInMs: 24 * 3600 * 1000,
    });
    const { record } = await this.journal.create(
      newMigrationRecord(request, { approver, at: new Date().toISOString() }),
    );
    return record;
  }

  async run(migrationId: string, saga = this.saga()): Promise<MigrationRecord> {
    const controller = new AbortController();
    setMaxListeners(0, controller.signal); // as the worker does: many calls in flight listen to it
    const record = await saga.run(migrationId, controller.signal);
    if (!record) throw new Error(`migration ${migrationId} vanished`);
    return record;
  }

  ledger(customerId: string, kind?: LedgerEntry['kind']): LedgerEntry[] {
    return this.pc.sandbox.ledger
      .list({ kind })
      .filter((entry) => 'customerId' in entry && entry.customerId === customerId);
  }
}

/** The sandbox's truth about one customer (users with licenses that work, subscriptions, orders). */
export async function oracle(pc: PartnerCenterHarness, customerId: string): Promise<InternalCustomerState> {
  const response = await fetch(`${pc.url}/_sandbox/customers/${customerId}/state`);
  if (!response.ok) throw new Error(`oracle ${response.status}`);
  return (await response.json()) as InternalCustomerState;
}
