import { BlobServiceClient } from '@azure/storage-blob';
import { QueueServiceClient } from '@azure/storage-queue';
import type { Services } from './composeServices.js';
import type { AppConfig } from './config.js';
import type { ApprovalRequest } from './services/approvals/approvalRequest.js';
import { BlobApprovalRequestStore } from './services/approvals/approvalRequestStore.js';
import { AuditErasure } from './services/audit/auditErasure.js';
import { AuditRetention } from './services/audit/auditRetention.js';
import type { Logger } from './services/logging/logger.js';
import { approvedPlanCheck } from './services/migration/approvedPlanCheck.js';
import { MigrationJournal } from './services/migration/migrationJournal.js';
import type { MigrationRecord } from './services/migration/migrationRecord.js';
import {
  MigrationWorker,
  migrationWorkItemSchema,
  type MigrationWorkItem,
} from './services/migration/migrationWorker.js';
import { MigrationSaga, type MigrationObserver } from './services/migration/saga/migrationSaga.js';
import { UserMoveLog } from './services/migration/saga/userMoveLog.js';
import { BlobAppendLog } from './services/storage/blobAppendLog.js';
import { BlobJsonStore } from './services/storage/blobJsonStore.js';
import { BlobLeaseLock } from './services/storage/blobLease.js';
import { AzureWorkQueue } from './services/storage/workQueue.js';

/**
 * The migration engine's half of the composition root, free of botbuilder: the bot process and a
 * worker-only process (`src/workerMain.ts`) build the same engine on the same storage account.
 */
export function composeEngine(
  config: AppConfig,
  services: Services,
  logger: Logger,
  observer?: MigrationObserver,
) {
  const container = BlobServiceClient.fromConnectionString(
    config.storage.connectionString,
  ).getContainerClient(config.storage.dataContainer);
  const queues = QueueServiceClient.fromConnectionString(config.storage.connectionString);
  const journal = new MigrationJournal(new BlobJsonStore<MigrationRecord>(container), services.clock);
  const moveLog = new UserMoveLog(new BlobAppendLog(container));
  const saga = new MigrationSaga({
    journal,
    moveLog,
    partnerCenterFor: services.partnerCenterAs,
    checkApprovedPlan: approvedPlanCheck(services.plannerFor),
    clock: services.clock,
    logger: logger.child({ component: 'saga' }),
    observer,
    settings: {
      userMoveConcurrency: config.engine.userMoveConcurrency,
      userReadConcurrency: config.engine.userMoveConcurrency,
      provisioningTimeoutInMs: config.engine.provisioningTimeoutInMs,
    },
  });
  const queue = new AzureWorkQueue<MigrationWorkItem>(queues.getQueueClient(config.storage.workQueue), {
    schema: migrationWorkItemSchema,
    poisonQueue: queues.getQueueClient(`${config.storage.workQueue}-poison`),
    logger: logger.child({ component: 'work-queue' }),
  });
  const worker = new MigrationWorker({
    queue,
    lock: new BlobLeaseLock(container, {
      holderId: config.engine.workerId,
      durationSeconds: config.engine.leaseSeconds,
    }),
    journal,
    saga,
    logger: logger.child({ component: 'worker', workerId: config.engine.workerId }),
  });
  const approvals = new BlobApprovalRequestStore(new BlobJsonStore<ApprovalRequest>(container));
  const auditErasure = new AuditErasure({
    journal,
    moveLog,
    approvals,
    clock: services.clock,
    retentionDays: config.audit.retentionDays,
  });
  return {
    journal,
    moveLog,
    saga,
    worker,
    approvals,
    auditErasure,
    /** Started with the worker: the processes that run migrations also keep the audit within retention. */
    auditRetention: new AuditRetention({
      erasure: auditErasure,
      logger: logger.child({ component: 'audit-retention' }),
      retentionDays: config.audit.retentionDays,
    }),
  };
}

export type Engine = ReturnType<typeof composeEngine>;
