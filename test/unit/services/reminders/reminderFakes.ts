import { Writable } from 'node:stream';
import { ConcurrencyError, ConversationUnreachableError } from '../../../../src/services/errors.js';
import { createLogger, type Logger } from '../../../../src/services/logging/logger.js';
import type { Customer } from '../../../../src/services/partner-center/models.js';
import type { HeldLease, LeaseLock } from '../../../../src/services/storage/blobLease.js';
import {
  compareAndSwap,
  type StoredDocument,
  type WriteCondition,
} from '../../../../src/services/storage/blobJsonStore.js';
import type { JsonDocuments } from '../../../../src/services/storage/jsonDocuments.js';
import { FakePartnerCenter } from '../customers/fakePartnerCenter.js';

/**
 * Hand-written fakes for the reminder services: one in-memory blob container shared by every store
 * (as the stores share one container in production), a lease lock with Azure's rules, a clock that
 * moves only when told, and a Teams messenger that records cards and can refuse a channel.
 */

/** Thrown by a fake to stand for the process dying at that point. */
export class Crash extends Error {
  override readonly name = 'Crash';
}

/** Blobs by name, with eTags; `failWriteWhen` makes a chosen write die before it lands. */
export class MemoryContainer {
  readonly blobs = new Map<string, { json: string; etag: number }>();
  private nextEtag = 1;
  writes = 0;
  failWriteWhen: ((key: string, writeNumber: number) => boolean) | undefined;

  documents<T>(): JsonDocuments<T> {
    return new MemoryDocuments<T>(this);
  }

  write(key: string, value: unknown, condition: WriteCondition): string {
    this.writes++;
    if (this.failWriteWhen?.(key, this.writes)) throw new Crash(`crashed writing ${key}`);
    const current = this.blobs.get(key);
    if ('ifMatch' in condition && String(current?.etag) !== condition.ifMatch)
      throw new ConcurrencyError(`stale ${key}`);
    if ('ifNoneExists' in condition && current) throw new ConcurrencyError(`exists ${key}`);
    const etag = this.nextEtag++;
    this.blobs.set(key, { json: JSON.stringify(value), etag });
    return String(etag);
  }
}

class MemoryDocuments<T> implements JsonDocuments<T> {
  constructor(private readonly container: MemoryContainer) {}

  read(key: string): Promise<StoredDocument<T> | undefined> {
    const blob = this.container.blobs.get(key);
    return Promise.resolve(blob ? { value: JSON.parse(blob.json) as T, etag: String(blob.etag) } : undefined);
  }

  async write(key: string, value: T, condition: WriteCondition): Promise<string> {
    await Promise.resolve();
    return this.container.write(key, value, condition);
  }

  update(key: string, change: (current: T) => T | undefined): Promise<T | undefined> {
    return compareAndSwap(this, key, change);
  }

  remove(key: string, condition?: { ifMatch: string }): Promise<boolean> {
    const current = this.container.blobs.get(key);
    if (!current || (condition && String(current.etag) !== condition.ifMatch)) return Promise.resolve(false);
    this.container.blobs.delete(key);
    return Promise.resolve(true);
  }

  async *keys(prefix?: string): AsyncIterableIterator<string> {
    for (const key of [...this.container.blobs.keys()].sort()) {
      if (!prefix || key.startsWith(prefix)) yield key;
    }
    await Promise.resolve();
  }
}

/** One holder per key at a time, like a blob lease; `release` frees it. */
export class MemoryLeaseLock implements LeaseLock {
  /** `holders` is shared by every instance's lock: it stands for the blob's lease. */
  constructor(
    private readonly holders: Map<string, string>,
    private readonly holderId: string,
  ) {}

  tryAcquire(key: string): Promise<HeldLease | undefined> {
    const holder = this.holders.get(key);
    if (holder && holder !== this.holderId) return Promise.resolve(undefined);
    this.holders.set(key, this.holderId);
    const holders = this.holders;
    const holderId = this.holderId;
    return Promise.resolve({
      key,
      leaseId: holderId,
      renew: () => Promise.resolve(),
      release: () => {
        if (holders.get(key) === holderId) holders.delete(key);
        return Promise.resolve();
      },
      keepAlive: () => () => undefined,
    });
  }
}

export class FakeClock {
  constructor(public current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  advanceDays(days: number): void {
    this.current = new Date(this.current.getTime() + days * 86_400_000);
  }
}

/** Cards sent per conversation; a channel in `gone` answers like Teams after the bot was removed. */
export class RecordingMessenger {
  readonly sent: { conversationId: string; card: object; activityId: string }[] = [];
  readonly updates: { conversationId: string; activityId: string; card: object }[] = [];
  readonly gone = new Set<string>();
  crashOnSend = false;

  send(conversationId: string, card: object): Promise<string | undefined> {
    if (this.crashOnSend) return Promise.reject(new Crash('crashed sending'));
    if (this.gone.has(conversationId))
      return Promise.reject(new ConversationUnreachableError(conversationId, 403));
    const activityId = `activity-${this.sent.length + 1}`;
    this.sent.push({ conversationId, card, activityId });
    return Promise.resolve(activityId);
  }

  update(conversationId: string, activityId: string, card: object): Promise<void> {
    this.updates.push({ conversationId, activityId, card });
    return Promise.resolve();
  }

  to(conversationId: string) {
    return this.sent.filter((entry) => entry.conversationId === conversationId);
  }
}

/** FakePartnerCenter plus `getCustomer`, for scans of listed customers. */
export class ReminderPartnerCenter extends FakePartnerCenter {
  getCustomerCalls = 0;
  getCustomer(customerId: string): Promise<Customer | undefined> {
    this.getCustomerCalls++;
    return Promise.resolve(this.customers.find((entry) => entry.id === customerId));
  }
}

/** A logger whose JSON lines the test can read. */
export function recordingLogger(): { logger: Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return {
    logger: createLogger({ level: 'info', destination }),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
