import { setMaxListeners } from 'node:events';
import { z } from 'zod';
import type { Logger } from '../logging/logger.js';
import type { LeaseLock } from '../storage/blobLease.js';
import type { WorkItem, WorkQueue } from '../storage/workQueue.js';
import type { MigrationJournal } from './migrationJournal.js';
import { isActive } from './migrationRecord.js';
import type { MigrationSaga } from './saga/migrationSaga.js';

/** A queue message: "run this migration". Duplicates are harmless (the lease and the journal decide). */
export interface MigrationWorkItem {
  migrationId: string;
}

export const migrationWorkItemSchema = z.object({ migrationId: z.string().min(1).max(200) });

export interface MigrationWorkerSettings {
  /** How long to wait before asking the queue again when it was empty. */
  pollIntervalInMs: number;
  /** How long a received message stays hidden; extended while the migration runs. */
  visibilityTimeoutSeconds: number;
  /** Migrations run at once by this instance. */
  maxConcurrentMigrations: number;
  /** How soon a migration whose lease is busy, or whose step failed for a passing reason, is tried again. */
  retryAfterSeconds: number;
  /** Passing failures in a row after which the migration pauses for a person to look at. */
  maxTransientFailures: number;
  /** How often the journal is swept for active migrations without a work item (a lost message). */
  sweepEveryInMs: number;
}

export const defaultWorkerSettings: MigrationWorkerSettings = {
  pollIntervalInMs: 1_000,
  visibilityTimeoutSeconds: 60,
  maxConcurrentMigrations: 4,
  retryAfterSeconds: 15,
  maxTransientFailures: 5,
  sweepEveryInMs: 5 * 60 * 1000,
};

/**
 * Runs migrations from the work queue, one worker per migration across every instance (a blob lease),
 * so any instance continues another's work after a crash (DESIGN §5 "Resumable"). On start, and every
 * few minutes, it enqueues every active migration in the journal, so a message lost between the journal
 * write and the enqueue (a crash) only delays work.
 */
export class MigrationWorker {
  private readonly settings: MigrationWorkerSettings;
  private readonly running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  private stopping = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private lastSweep = 0;

  constructor(
    private readonly deps: {
      queue: WorkQueue<MigrationWorkItem>;
      lock: LeaseLock;
      journal: MigrationJournal;
      saga: MigrationSaga;
      logger: Logger;
      settings?: Partial<MigrationWorkerSettings>;
    },
  ) {
    this.settings = { ...defaultWorkerSettings, ...deps.settings };
  }

  /** Asks for the migration to run (now, or after `delaySeconds`); wakes this instance's loop. */
  async enqueue(migrationId: string, delaySeconds = 0): Promise<void> {
    await this.deps.queue.enqueue(
      { migrationId },
      delaySeconds > 0 ? { visibleAfterSeconds: delaySeconds } : {},
    );
    this.wake?.();
  }

  start(): void {
    this.loop ??= this.run().catch((error: unknown) => {
      this.deps.logger.error({ err: error }, 'migration worker stopped unexpectedly');
    });
  }

  /** Stops taking work, interrupts running migrations at their next call, and waits for them. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    for (const { controller } of this.running.values()) controller.abort();
    await this.loop;
    await Promise.all([...this.running.values()].map((entry) => entry.done));
  }

  /** Migrations this instance is running now. */
  get active(): string[] {
    return [...this.running.keys()];
  }

  /** Enqueues every active migration in the journal. */
  async sweep(): Promise<number> {
    let found = 0;
    for await (const record of this.deps.journal.list()) {
      if (!isActive(record.state) || this.running.has(record.id)) continue;
      await this.deps.queue.enqueue({ migrationId: record.id });
      found++;
    }
    this.lastSweep = Date.now();
    return found;
  }

  private async run(): Promise<void> {
    const { queue, logger } = this.deps;
    while (!this.stopping) {
      try {
        if (Date.now() - this.lastSweep >= this.settings.sweepEveryInMs) await this.sweep();
        const free = this.settings.maxConcurrentMigrations - this.running.size;
        const items = free > 0 ? await queue.receive(free, this.settings.visibilityTimeoutSeconds) : [];
        for (const item of items) this.begin(item);
        if (items.length === 0) await this.idle();
      } catch (error) {
        logger.warn({ err: error }, 'migration queue unavailable; trying again');
        await this.idle();
      }
    }
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.settings.pollIntervalInMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private begin(item: WorkItem<MigrationWorkItem>): void {
    const { migrationId } = item.body;
    if (this.running.has(migrationId)) {
      // Already running here: the duplicate message has nothing to add.
      void this.deps.queue.complete(item).catch(() => undefined);
      return;
    }
    const controller = new AbortController();
    setMaxListeners(0, controller.signal);
    const done = this.handle(item, controller)
      .catch((error: unknown) => {
        this.deps.logger.error({ err: error, migrationId }, 'migration work item failed');
      })
      .finally(() => {
        this.running.delete(migrationId);
        this.wake?.();
      });
    this.running.set(migrationId, { controller, done });
  }

  private async handle(item: WorkItem<MigrationWorkItem>, controller: AbortController): Promise<void> {
    const { queue, lock, saga, journal, logger } = this.deps;
    const { migrationId } = item.body;
    const log = logger.child({ migrationId });
    const lease = await lock.tryAcquire(`migration/${migrationId}`);
    if (!lease) {
      // Another instance runs it; look again later in case that instance dies.
      await queue.release(item, this.settings.retryAfterSeconds);
      return;
    }
    let held = item;
    const stopKeepAlive = lease.keepAlive((error) => {
      log.warn({ err: error }, 'migration lease lost; stopping here');
      controller.abort();
    });
    const visibility = setInterval(
      () => {
        queue.extend(held, this.settings.visibilityTimeoutSeconds).then(
          (extended) => {
            held = extended;
          },
          (error: unknown) => log.warn({ err: error }, 'could not extend the work item'),
        );
      },
      (this.settings.visibilityTimeoutSeconds * 1000) / 3,
    );
    try {
      const record = await saga.run(migrationId, controller.signal);
      if (record && isActive(record.state)) {
        // Interrupted (stopping, lease lost): put it back for whoever runs it next.
        await queue.release(held, this.stopping ? 0 : this.settings.retryAfterSeconds);
      } else {
        await queue.complete(held);
      }
    } catch (error) {
      log.warn(
        { err: error, dequeueCount: held.dequeueCount },
        'migration step failed for now; trying again later',
      );
      if (held.dequeueCount >= this.settings.maxTransientFailures) {
        await journal.update(migrationId, (current) => {
          if (!isActive(current.state)) return undefined;
          current.resumeAt = current.state;
          current.state = 'paused';
          current.reason = {
            code: 'partnerCenterError',
            detail: error instanceof Error ? error.message : String(error),
          };
          current.events.push(journal.event('paused', { detail: current.reason.detail }));
          return current;
        });
        await queue.complete(held);
      } else {
        await queue.release(held, this.settings.retryAfterSeconds * held.dequeueCount);
      }
    } finally {
      clearInterval(visibility);
      stopKeepAlive();
      await lease.release();
    }
  }
}
