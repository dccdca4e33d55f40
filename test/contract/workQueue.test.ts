import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { QueueServiceClient, type QueueClient } from '@azure/storage-queue';
import { z } from 'zod';
import { AzureWorkQueue, type WorkItem } from '../../src/services/storage/workQueue.js';
import { createLogger, createSilentLogger, type Logger } from '../../src/services/logging/logger.js';
import { startAzurite, type RunningAzurite } from '../helpers/azurite.js';

const stepSchema = z.object({ migrationId: z.string(), step: z.enum(['purchase', 'moveUsers', 'suspend']) });
type Step = z.infer<typeof stepSchema>;

/** A logger whose lines the test can read. */
function capturingLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger({ level: 'debug', destination }), lines };
}

describe('Azure Queue work items against Azurite', () => {
  let azurite: RunningAzurite;
  let service: QueueServiceClient;
  let queueNumber = 0;
  /** A fresh queue per test, so leftovers never leak between tests. */
  const freshQueue = (): QueueClient => service.getQueueClient(`work-${++queueNumber}-${Date.now()}`);

  before(async () => {
    azurite = await startAzurite();
    service = QueueServiceClient.fromConnectionString(azurite.connectionString);
  });
  after(async () => azurite.stop());

  it('enqueues base64 JSON, receives it typed, and complete deletes it (twice is fine)', async () => {
    const queue = freshQueue();
    const work = new AzureWorkQueue<Step>(queue, { schema: stepSchema, logger: createSilentLogger() });
    await work.enqueue({ migrationId: 'm-1', step: 'purchase' });

    const [peeked] = (await queue.peekMessages()).peekedMessageItems;
    assert.ok(peeked);
    assert.deepEqual(JSON.parse(Buffer.from(peeked.messageText, 'base64').toString('utf8')), {
      migrationId: 'm-1',
      step: 'purchase',
    });

    const items = await work.receive(10, 30);
    assert.equal(items.length, 1);
    const [item] = items;
    assert.ok(item);
    assert.deepEqual(item.body, { migrationId: 'm-1', step: 'purchase' });
    assert.equal(item.dequeueCount, 1);
    assert.ok(item.messageId && item.popReceipt);

    await work.complete(item);
    await work.complete(item);
    assert.equal((await queue.getProperties()).approximateMessagesCount, 0);
    assert.deepEqual(await work.receive(10, 1), []);
  });

  it('keeps a received item invisible until released, or until its visibility timeout passes', async () => {
    const queue = freshQueue();
    const work = new AzureWorkQueue<Step>(queue, { schema: stepSchema, logger: createSilentLogger() });
    await work.enqueue({ migrationId: 'm-2', step: 'moveUsers' });

    const [held] = await work.receive(1, 30);
    assert.ok(held);
    assert.deepEqual(await work.receive(1, 30), [], 'held by the first receiver');
    await work.release(held, 0);
    const [again] = await work.receive(1, 1);
    assert.ok(again);
    assert.equal(again.messageId, held.messageId);
    assert.equal(again.dequeueCount, 2);

    assert.deepEqual(await work.receive(1, 1), []);
    await sleep(1_500);
    const [afterTimeout] = await work.receive(1, 30);
    assert.equal(afterTimeout?.messageId, held.messageId);
    assert.equal(afterTimeout?.dequeueCount, 3);

    // The first receiver, late: its receipt is stale, so it neither deletes nor frees the new holder's item.
    await work.complete(held);
    await work.release(held, 0);
    assert.deepEqual(await work.receive(1, 30), []);
    assert.equal((await queue.getProperties()).approximateMessagesCount, 1);
  });

  it('extend gives a new popReceipt that keeps the item hidden and completes it', async () => {
    const work = new AzureWorkQueue<Step>(freshQueue(), { schema: stepSchema, logger: createSilentLogger() });
    await work.enqueue({ migrationId: 'm-3', step: 'suspend' });
    const [item] = await work.receive(1, 1);
    assert.ok(item);

    const extended = await work.extend(item, 30);
    assert.notEqual(extended.popReceipt, item.popReceipt);
    assert.deepEqual(extended.body, item.body);
    await sleep(1_500);
    assert.deepEqual(await work.receive(1, 30), [], 'the extension outlived the first 1 s timeout');

    await work.complete(extended);
    // The old receipt no longer names anything: not an error.
    await work.complete(item);
    await work.release(item, 0);
    assert.deepEqual(await work.receive(1, 1), []);
  });

  it('delays an item enqueued with visibleAfterSeconds', async () => {
    const work = new AzureWorkQueue<Step>(freshQueue(), { schema: stepSchema, logger: createSilentLogger() });
    await work.enqueue({ migrationId: 'm-4', step: 'purchase' }, { visibleAfterSeconds: 1 });
    assert.deepEqual(await work.receive(1, 30), []);
    await sleep(1_500);
    assert.equal((await work.receive(1, 30))[0]?.body.migrationId, 'm-4');
  });

  it('moves bodies that fail the schema (or are not base64 JSON) to the poison queue, unchanged, with a warning', async () => {
    const queue = freshQueue();
    const poison = freshQueue();
    const { logger, lines } = capturingLogger();
    const work = new AzureWorkQueue<Step>(queue, { schema: stepSchema, poisonQueue: poison, logger });
    await work.enqueue({ migrationId: 'm-ok', step: 'purchase' });
    const wrongShape = Buffer.from(JSON.stringify({ migrationId: 'm-bad', step: 'sing' })).toString('base64');
    await queue.sendMessage(wrongShape);
    await queue.sendMessage('not base64 JSON {');

    const items = await work.receive(32, 30);
    assert.deepEqual(
      items.map((item) => item.body.migrationId),
      ['m-ok'],
    );
    const poisoned = (await poison.peekMessages({ numberOfMessages: 32 })).peekedMessageItems.map(
      (message) => message.messageText,
    );
    assert.deepEqual(poisoned.sort(), [wrongShape, 'not base64 JSON {'].sort());
    // Only the good item is left in the work queue (held by this receiver).
    assert.equal((await queue.getProperties()).approximateMessagesCount, 1);

    const warnings = lines.filter((line) => line.level === 40);
    assert.equal(warnings.length, 2);
    assert.ok(warnings.every((line) => line.poisonQueue === poison.name && typeof line.reason === 'string'));
    assert.ok(warnings.some((line) => String(line.reason).includes('schema')));
  });

  it('moves an item received more than maxDequeueCount times to the poison queue instead of returning it', async () => {
    const queue = freshQueue();
    const poison = freshQueue();
    const work = new AzureWorkQueue<Step>(queue, {
      schema: stepSchema,
      poisonQueue: poison,
      maxDequeueCount: 2,
      logger: createSilentLogger(),
    });
    await work.enqueue({ migrationId: 'm-5', step: 'moveUsers' });

    const counts: number[] = [];
    for (let round = 0; round < 2; round++) {
      const [item]: WorkItem<Step>[] = await work.receive(1, 30);
      assert.ok(item, `round ${round + 1} still gets the item`);
      counts.push(item.dequeueCount);
      await work.release(item, 0);
    }
    assert.deepEqual(counts, [1, 2]);
    assert.deepEqual(await work.receive(1, 30), [], 'the third receive is one too many');

    const poisoned = (await poison.peekMessages()).peekedMessageItems;
    assert.equal(poisoned.length, 1);
    const body: unknown = JSON.parse(Buffer.from(poisoned[0]?.messageText ?? '', 'base64').toString('utf8'));
    assert.deepEqual(body, { migrationId: 'm-5', step: 'moveUsers' });
    assert.equal((await queue.getProperties()).approximateMessagesCount, 0);
  });

  it('drops poison with a warning when there is no poison queue', async () => {
    const queue = freshQueue();
    const { logger, lines } = capturingLogger();
    const work = new AzureWorkQueue<Step>(queue, { schema: stepSchema, logger });
    await queue.create();
    await queue.sendMessage(Buffer.from('{"migrationId":1}').toString('base64'));
    assert.deepEqual(await work.receive(1, 30), []);
    assert.equal((await queue.getProperties()).approximateMessagesCount, 0);
    assert.equal(lines.filter((line) => line.level === 40).length, 1);
  });

  it('refuses what Azure would refuse, and bodies the receiver would poison, before sending', async () => {
    const work = new AzureWorkQueue<Step>(freshQueue(), { schema: stepSchema, logger: createSilentLogger() });
    await assert.rejects(work.receive(33, 30), RangeError);
    await assert.rejects(work.receive(1, 0), RangeError);
    await assert.rejects(
      work.enqueue({ migrationId: 'm', step: 'purchase' }, { visibleAfterSeconds: -1 }),
      RangeError,
    );
    await assert.rejects(work.enqueue({ migrationId: 'm', step: 'dance' } as unknown as Step), z.ZodError);
    await assert.rejects(work.enqueue({ migrationId: 'x'.repeat(60_000), step: 'purchase' }), RangeError);
    assert.throws(
      () =>
        new AzureWorkQueue<Step>(freshQueue(), {
          schema: stepSchema,
          maxDequeueCount: 0,
          logger: createSilentLogger(),
        }),
      RangeError,
    );
  });
});
