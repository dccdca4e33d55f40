import assert from 'node:assert/strict';
import { BlobServiceClient } from '@azure/storage-blob';
import { BlobJsonStore } from '../../src/services/storage/blobJsonStore.js';
import {
  BlobConversationReferenceStore,
  type StoredConversationReference,
} from '../../src/services/storage/conversationReferenceStore.js';
import { ConcurrencyError } from '../../src/services/errors.js';
import { startAzurite, type RunningAzurite } from '../helpers/azurite.js';

describe('Azure Blob storage against Azurite', () => {
  let azurite: RunningAzurite;
  let service: BlobServiceClient;
  before(async () => {
    azurite = await startAzurite();
    service = BlobServiceClient.fromConnectionString(azurite.connectionString);
  });
  after(async () => azurite.stop());

  it('writes with eTag compare-and-swap: of two writers holding one eTag, exactly one wins', async () => {
    const store = new BlobJsonStore<{ step: string }>(service.getContainerClient('cas-test'));
    const first = await store.write('m-1', { step: 'draft' }, { ifNoneExists: true });
    await assert.rejects(store.write('m-1', { step: 'again' }, { ifNoneExists: true }), ConcurrencyError);

    const results = await Promise.allSettled([
      store.write('m-1', { step: 'approved' }, { ifMatch: first }),
      store.write('m-1', { step: 'rejected' }, { ifMatch: first }),
    ]);
    assert.equal(results.filter((result) => result.status === 'fulfilled').length, 1);
    const loser = results.find((result) => result.status === 'rejected');
    assert.ok(loser?.status === 'rejected' && loser.reason instanceof ConcurrencyError);

    const stored = await store.read('m-1');
    assert.ok(stored && ['approved', 'rejected'].includes(stored.value.step));
    const winner = results.find((result) => result.status === 'fulfilled');
    assert.equal(stored.etag, winner?.status === 'fulfilled' ? winner.value : undefined);
    assert.equal(await store.read('missing'), undefined);
  });

  it('update re-applies a change after a lost race, so ten concurrent increments all count', async () => {
    const store = new BlobJsonStore<{ count: number }>(service.getContainerClient('update-test'));
    assert.equal(await store.update('absent', (current) => current), undefined);
    await store.write('c-1', { count: 0 }, { ifNoneExists: true });
    await Promise.all(
      Array.from({ length: 10 }, () => store.update('c-1', (current) => ({ count: current.count + 1 }))),
    );
    assert.equal((await store.read('c-1'))?.value.count, 10);
    const unchanged = await store.update('c-1', () => undefined);
    assert.deepEqual(unchanged, { count: 10 });
  });

  it('lists keys page by page and removes documents idempotently', async () => {
    const store = new BlobJsonStore<number>(service.getContainerClient('keys-test'));
    for (let n = 0; n < 7; n++) await store.write(`k/${n}`, n, { unconditional: true });
    const keys: string[] = [];
    for await (const key of store.keys('k/')) keys.push(key);
    assert.equal(keys.length, 7);
    await store.remove('k/0');
    await store.remove('k/0');
    assert.equal(await store.read('k/0'), undefined);
  });

  it('keeps conversation references by conversation id, whatever characters Teams puts in it', async () => {
    const references = new BlobConversationReferenceStore(
      new BlobJsonStore<StoredConversationReference>(service.getContainerClient('conversations')),
    );
    const conversationId = '19:abc@thread.tacv2;messageid=1700000000000';
    const reference: StoredConversationReference = {
      conversationId,
      conversationType: 'channel',
      tenantId: 't-1',
      reference: {
        serviceUrl: 'https://smba.trafficmanager.net/emea/',
        conversation: { id: conversationId },
      },
      savedAt: '2026-11-23T10:00:00.000Z',
    };
    await references.save(reference);
    await references.save({ ...reference, savedAt: '2026-11-23T11:00:00.000Z' });
    assert.equal((await references.get(conversationId))?.savedAt, '2026-11-23T11:00:00.000Z');
    await references.remove(conversationId);
    assert.equal(await references.get(conversationId), undefined);
  });
});
