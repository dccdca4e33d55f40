import { RestError, type QueueClient } from '@azure/storage-queue';
import type { z } from 'zod';
import type { Logger } from '../logging/logger.js';
import { createdOnce } from './createdOnce.js';

/**
 * Work items through Azure Queue Storage (DESIGN §5): any instance receives the next step of any
 * migration. Delivery is at least once: a received item stays invisible for its visibility timeout and
 * comes back if the worker neither completes nor extends it in time, so handlers must be idempotent
 * (the journal's compare-and-swap and the lease make them so).
 *
 * Bodies are JSON, base64-encoded (the Azure Functions convention: any text survives the queue's XML).
 * A body that is not valid, or an item that keeps failing, is moved to the poison queue instead of
 * being handed out again and again.
 */

export interface WorkItem<T> {
  body: T;
  messageId: string;
  /** Proves the current receiver holds the item; changes on every extend or release. */
  popReceipt: string;
  /** How many times the item has been received, this time included. */
  dequeueCount: number;
}

export interface WorkQueue<T> {
  enqueue(body: T, options?: { visibleAfterSeconds?: number }): Promise<void>;
  /** Up to `max` (1..32) items, each invisible to others for `visibilityTimeoutSeconds`. */
  receive(max: number, visibilityTimeoutSeconds: number): Promise<WorkItem<T>[]>;
  /** Keeps the item invisible for longer; returns it with its new popReceipt. */
  extend(item: WorkItem<T>, visibilityTimeoutSeconds: number): Promise<WorkItem<T>>;
  /** Deletes the item; no error when it is already gone. */
  complete(item: WorkItem<T>): Promise<void>;
  /** Puts the item back, visible to any worker after `visibleAfterSeconds`. */
  release(item: WorkItem<T>, visibleAfterSeconds: number): Promise<void>;
}

export interface AzureWorkQueueOptions<T> {
  schema: z.ZodType<T>;
  /** Where unreadable or repeatedly failing items go (kept for a person to look at); dropped without one. */
  poisonQueue?: QueueClient;
  /** Receives allowed before an item counts as poison; default 5, as in Azure Functions. */
  maxDequeueCount?: number;
  logger: Logger;
}

/** Azure's limits: 64 KiB per message, 32 per receive, 7 days of visibility timeout. */
const maxMessageChars = 64 * 1024;
const maxReceive = 32;
const maxVisibilitySeconds = 7 * 24 * 60 * 60;
/** Never expire: a paused migration's work item must not vanish after the default 7 days. */
const noExpiry = -1;

export class AzureWorkQueue<T> implements WorkQueue<T> {
  private readonly maxDequeueCount: number;

  private readonly ensureQueues = createdOnce(() =>
    Promise.all([this.queue.createIfNotExists(), this.options.poisonQueue?.createIfNotExists()]),
  );

  constructor(
    private readonly queue: QueueClient,
    private readonly options: AzureWorkQueueOptions<T>,
  ) {
    this.maxDequeueCount = options.maxDequeueCount ?? 5;
    if (!Number.isInteger(this.maxDequeueCount) || this.maxDequeueCount < 1) {
      throw new RangeError(
        `maxDequeueCount must be a whole number of at least 1, not ${this.maxDequeueCount}.`,
      );
    }
  }

  async enqueue(body: T, options: { visibleAfterSeconds?: number } = {}): Promise<void> {
    const text = encode(this.options.schema.parse(body));
    if (text.length > maxMessageChars) {
      throw new RangeError(
        `A work item may be at most ${maxMessageChars} characters encoded; this one is ${text.length}.`,
      );
    }
    const visibleAfter = options.visibleAfterSeconds ?? 0;
    checkSeconds(visibleAfter, 0, 'visibleAfterSeconds');
    await this.ensureQueues();
    await this.queue.sendMessage(text, { visibilityTimeout: visibleAfter, messageTimeToLive: noExpiry });
  }

  async receive(max: number, visibilityTimeoutSeconds: number): Promise<WorkItem<T>[]> {
    if (!Number.isInteger(max) || max < 1 || max > maxReceive) {
      throw new RangeError(`receive takes 1..${maxReceive} items at a time, not ${max}.`);
    }
    checkSeconds(visibilityTimeoutSeconds, 1, 'visibilityTimeoutSeconds');
    await this.ensureQueues();
    const response = await this.queue.receiveMessages({
      numberOfMessages: max,
      visibilityTimeout: visibilityTimeoutSeconds,
    });
    const items: WorkItem<T>[] = [];
    for (const message of response.receivedMessageItems) {
      const { messageId, popReceipt, dequeueCount, messageText } = message;
      if (dequeueCount > this.maxDequeueCount) {
        await this.moveToPoison(
          message,
          `received ${dequeueCount} times (more than ${this.maxDequeueCount})`,
        );
        continue;
      }
      const parsed = this.decode(messageText);
      if (!parsed.ok) {
        await this.moveToPoison(message, parsed.reason);
        continue;
      }
      items.push({ body: parsed.body, messageId, popReceipt, dequeueCount });
    }
    return items;
  }

  async extend(item: WorkItem<T>, visibilityTimeoutSeconds: number): Promise<WorkItem<T>> {
    checkSeconds(visibilityTimeoutSeconds, 1, 'visibilityTimeoutSeconds');
    // No message text: the update changes only the visibility, the body stays as it was sent.
    const response = await this.queue.updateMessage(
      item.messageId,
      item.popReceipt,
      undefined,
      visibilityTimeoutSeconds,
    );
    if (!response.popReceipt) throw new Error(`Azure Queue returned no popReceipt for ${item.messageId}.`);
    return { ...item, popReceipt: response.popReceipt };
  }

  async complete(item: WorkItem<T>): Promise<void> {
    await this.delete(item.messageId, item.popReceipt);
  }

  async release(item: WorkItem<T>, visibleAfterSeconds: number): Promise<void> {
    checkSeconds(visibleAfterSeconds, 0, 'visibleAfterSeconds');
    try {
      await this.queue.updateMessage(item.messageId, item.popReceipt, undefined, visibleAfterSeconds);
    } catch (error) {
      // Gone or already back in another worker's hands: there is nothing left to put back.
      if (!isNoLongerHeld(error)) throw error;
    }
  }

  private async delete(messageId: string, popReceipt: string): Promise<void> {
    try {
      await this.queue.deleteMessage(messageId, popReceipt);
    } catch (error) {
      // Already deleted, or the receipt expired and another worker has it: either way not ours to finish.
      if (!isNoLongerHeld(error)) throw error;
    }
  }

  private decode(text: string): { ok: true; body: T } | { ok: false; reason: string } {
    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(text, 'base64').toString('utf8'));
    } catch {
      return { ok: false, reason: 'body is not base64-encoded JSON' };
    }
    const result = this.options.schema.safeParse(json);
    return result.success
      ? { ok: true, body: result.data }
      : {
          ok: false,
          reason: `body does not match the schema: ${result.error.issues.map((issue) => issue.message).join('; ')}`,
        };
  }

  /**
   * Copies the message, text unchanged, to the poison queue and then deletes it. In that order: a crash
   * in between leaves a duplicate in the poison queue, never a lost item. When the copy fails the
   * message stays and comes back after its visibility timeout.
   */
  private async moveToPoison(
    message: { messageId: string; popReceipt: string; dequeueCount: number; messageText: string },
    reason: string,
  ): Promise<void> {
    const { messageId, dequeueCount } = message;
    const { poisonQueue, logger } = this.options;
    try {
      if (poisonQueue) await poisonQueue.sendMessage(message.messageText, { messageTimeToLive: noExpiry });
      await this.delete(messageId, message.popReceipt);
      logger.warn(
        { queue: this.queue.name, poisonQueue: poisonQueue?.name, messageId, dequeueCount, reason },
        poisonQueue ? 'work item moved to the poison queue' : 'work item dropped (no poison queue)',
      );
    } catch (error) {
      logger.error(
        { queue: this.queue.name, messageId, err: error },
        'could not move a poison work item; it will come back',
      );
    }
  }
}

/**
 * The receipt names nothing we hold: 404 when the message is gone, 400 PopReceiptMismatch when it is
 * still there but was received again since (Azure and Azurite alike).
 */
function isNoLongerHeld(error: unknown): boolean {
  return (
    error instanceof RestError &&
    (error.statusCode === 404 || (error.statusCode === 400 && error.code === 'PopReceiptMismatch'))
  );
}

function encode(body: unknown): string {
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64');
}

function checkSeconds(seconds: number, min: number, name: string): void {
  if (!Number.isInteger(seconds) || seconds < min || seconds > maxVisibilitySeconds) {
    throw new RangeError(
      `${name} must be a whole number of seconds in ${min}..${maxVisibilitySeconds}, not ${seconds}.`,
    );
  }
}
