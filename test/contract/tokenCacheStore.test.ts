import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';

import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';

import { freePort } from '../../scripts/freePort.js';
import { azuriteConnectionStringAt } from '../../src/config.js';
import { BlobTokenCacheClient } from '../../src/services/auth/blobTokenCacheClient.js';
import { BlobTokenCacheStore } from '../../src/services/auth/blobTokenCacheStore.js';
import { TokenCacheCipher, tokenCacheKeyId } from '../../src/services/auth/tokenCacheCipher.js';
import { ConcurrencyError } from '../../src/services/errors.js';
import { createLogger, createSilentLogger, type Logger } from '../../src/services/logging/logger.js';
import { startAzurite, type RunningAzurite } from '../helpers/azurite.js';

const partition = '11111111-0000-4000-8000-000000000002.aaaaaaaa-0000-4000-8000-00000000aaaa';
const secret = 'a-refresh-token-nobody-may-read';
const cacheWith = (entries: Record<string, string>) =>
  JSON.stringify({
    AccessToken: {},
    RefreshToken: Object.fromEntries(Object.entries(entries).map(([key, value]) => [key, { secret: value }])),
  });

function recordingLogger(): { logger: Logger; text: () => string } {
  const lines: string[] = [];
  const destination = new PassThrough();
  destination.on('data', (chunk: Buffer) => lines.push(chunk.toString('utf8')));
  return { logger: createLogger({ level: 'trace', destination }), text: () => lines.join('') };
}

/** A key whose id differs from `key`'s, so the blob is refused as sealed by an unknown key. */
function otherKey(key: Buffer): Buffer {
  let other = randomBytes(32);
  while (tokenCacheKeyId(other) === tokenCacheKeyId(key)) other = randomBytes(32);
  return other;
}

describe('encrypted token cache blobs against Azurite', () => {
  let azurite: RunningAzurite;
  let service: BlobServiceClient;
  let container: ContainerClient;
  let containers = 0;
  const key = randomBytes(32);
  const storeWith = (keys: { current: Buffer; previous?: Buffer[] }, logger = createSilentLogger()) =>
    new BlobTokenCacheStore(container, new TokenCacheCipher(keys), logger);
  const rawBlob = () =>
    container.getBlockBlobClient(BlobTokenCacheStore.blobNameOf(partition)).downloadToBuffer();

  before(async () => {
    azurite = await startAzurite();
    service = BlobServiceClient.fromConnectionString(azurite.connectionString);
  });
  beforeEach(() => {
    container = service.getContainerClient(`token-cache-contract-${++containers}`);
  });
  after(async () => azurite.stop());

  it('writes sealed bytes under a hashed name and reads them back, with eTag conditions', async () => {
    const store = storeWith({ current: key });
    assert.deepEqual(await store.read(partition), { cache: '', etag: undefined });
    const etag = await store.write(partition, cacheWith({ r: secret }), undefined);
    assert.deepEqual(await store.read(partition), { cache: cacheWith({ r: secret }), etag });

    assert.match(BlobTokenCacheStore.blobNameOf(partition), /^token-cache\/[0-9a-f]{64}\.bin$/);
    const raw = await rawBlob();
    assert.ok(!raw.includes(Buffer.from(secret)) && !raw.includes(Buffer.from('RefreshToken')));

    await assert.rejects(store.write(partition, cacheWith({}), undefined), ConcurrencyError);
    await assert.rejects(store.write(partition, cacheWith({}), '"0x0stale"'), ConcurrencyError);
  });

  it('reads a tampered blob as empty, logs why without any content, and lets the next write replace it', async () => {
    const { logger, text } = recordingLogger();
    await storeWith({ current: key }).write(partition, cacheWith({ r: secret }), undefined);
    const tampered = await rawBlob();
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 0xff;
    await container.getBlockBlobClient(BlobTokenCacheStore.blobNameOf(partition)).uploadData(tampered);

    const store = storeWith({ current: key }, logger);
    const read = await store.read(partition);
    assert.equal(read.cache, '');
    assert.ok(read.etag, 'the eTag is kept so the next write can replace the blob');
    assert.match(text(), /"reason":"authentication_failed"/);
    assert.match(text(), /treated as empty/);
    assert.ok(!text().includes(secret) && !text().includes(partition));

    await store.write(partition, cacheWith({ r: 'fresh' }), read.etag);
    assert.equal((await store.read(partition)).cache, cacheWith({ r: 'fresh' }));
  });

  it('reads a blob sealed with another key as empty, saying the key is unknown', async () => {
    const { logger, text } = recordingLogger();
    await storeWith({ current: key }).write(partition, cacheWith({ r: secret }), undefined);
    assert.equal((await storeWith({ current: otherKey(key) }, logger).read(partition)).cache, '');
    assert.match(text(), /"reason":"unknown_key"/);
    assert.ok(!text().includes(secret));
  });

  it('rotates keys: the previous key still reads, and the next write seals with the new one', async () => {
    await storeWith({ current: key }).write(partition, cacheWith({ r: secret }), undefined);
    const next = otherKey(key);
    const rotating = storeWith({ current: next, previous: [key] });
    const read = await rotating.read(partition);
    assert.equal(read.cache, cacheWith({ r: secret }));
    await rotating.write(partition, read.cache, read.etag);
    assert.equal((await rawBlob())[1], tokenCacheKeyId(next));
    assert.equal((await storeWith({ current: next }).read(partition)).cache, cacheWith({ r: secret }));
  });

  it('keeps both instances’ entries when two write the same partition from the same read', async () => {
    const store = storeWith({ current: key });
    await store.write(partition, cacheWith({ shared: 'S', dropped: 'D' }), undefined);
    const first = new BlobTokenCacheClient(store, createSilentLogger());
    const second = new BlobTokenCacheClient(store, createSilentLogger());
    await Promise.all([first.get(partition), second.get(partition)]);

    await first.set(partition, cacheWith({ shared: 'S', dropped: 'D', a: 'from-first' }));
    // The second read before the first wrote: its write meets a new eTag, re-reads and merges.
    await second.set(partition, cacheWith({ shared: 'S2', b: 'from-second' }));

    assert.deepEqual(JSON.parse((await store.read(partition)).cache), {
      AccessToken: {},
      RefreshToken: { shared: { secret: 'S2' }, a: { secret: 'from-first' }, b: { secret: 'from-second' } },
    });
  });

  it('does not fail the token acquisition when storage is down, and logs that nothing was saved', async () => {
    const { logger, text } = recordingLogger();
    const nowhere = BlobServiceClient.fromConnectionString(
      azuriteConnectionStringAt({ blob: await freePort() }),
      {
        retryOptions: { maxTries: 1 },
      },
    ).getContainerClient('unreachable');
    const client = new BlobTokenCacheClient(
      new BlobTokenCacheStore(nowhere, new TokenCacheCipher({ current: key }), logger),
      logger,
    );
    const value = cacheWith({ r: secret });
    assert.equal(await client.set(partition, value), value);
    assert.match(text(), /Token cache partition not saved/);
    assert.ok(!text().includes(secret));
    await assert.rejects(client.get(partition), 'a read failure is not an empty cache');
  });
});
