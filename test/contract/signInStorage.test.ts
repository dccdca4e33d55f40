import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';

import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';

import { SignInStateStore, type PendingSignIn } from '../../src/services/auth/signInStateStore.js';
import { TokenCacheCipher } from '../../src/services/auth/tokenCacheCipher.js';
import { TokenExchangeClaims } from '../../src/services/auth/tokenExchangeClaims.js';
import { createSilentLogger } from '../../src/services/logging/logger.js';
import { BlobJsonStore } from '../../src/services/storage/blobJsonStore.js';
import { startAzurite, type RunningAzurite } from '../helpers/azurite.js';

const anna = {
  oid: 'a0000000-0000-4000-8000-000000000002',
  tenantId: 'a0a0a0a0-0000-4000-8000-000000000000',
};
const bo = { oid: 'a0000000-0000-4000-8000-000000000004', tenantId: anna.tenantId };

/**
 * The sign-in's shared storage against Azurite (issue #6): token exchange claims, created once across
 * instances; the fallback page's pending sign-ins, sealed and taken once across instances.
 */
describe('sign-in storage against Azurite: exchange claims and pending sign-ins', () => {
  let azurite: RunningAzurite;
  let container: ContainerClient;
  let containers = 0;
  const cipher = new TokenCacheCipher({ current: randomBytes(32) });
  let now = new Date('2026-03-01T10:00:00Z');

  before(async () => {
    azurite = await startAzurite();
  });
  beforeEach(() => {
    now = new Date('2026-03-01T10:00:00Z');
    container = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(
      `sign-in-contract-${++containers}`,
    );
  });
  after(async () => azurite.stop());

  /** One instance's view of the storage account. */
  const claimsOfAnInstance = () => new TokenExchangeClaims(new BlobJsonStore(container), () => now);
  const statesOfAnInstance = () =>
    new SignInStateStore(new BlobJsonStore(container), cipher, createSilentLogger(), () => now);

  it('gives an exchange to exactly one of several instances claiming it at once; per person', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, () => claimsOfAnInstance().claim(anna, 'exchange-1')),
    );
    assert.equal(results.filter((result) => result.kind === 'first').length, 1);
    assert.equal((await claimsOfAnInstance().claim(bo, 'exchange-1')).kind, 'first', 'another person’s');

    await claimsOfAnInstance().settle(anna, 'exchange-1', 'exchanged');
    const later = await claimsOfAnInstance().claim(anna, 'exchange-1');
    assert.equal(later.kind === 'duplicate' && later.claim.state, 'exchanged');
  });

  it('stores a claim with no user id and no token: a hashed name and a state', async () => {
    await claimsOfAnInstance().claim(anna, 'exchange-2');
    for await (const blob of container.listBlobsFlat()) {
      assert.match(blob.name, /^token-exchanges\/[0-9a-f]{64}\.json$/);
      const body = (await container.getBlockBlobClient(blob.name).downloadToBuffer()).toString('utf8');
      assert.ok(!body.includes(anna.oid));
      assert.deepEqual(Object.keys(JSON.parse(body) as object).sort(), ['claimedAt', 'state']);
    }
  });

  const pending = (): PendingSignIn => ({
    request: { user: anna, conversationId: 'a:1', language: 'en', reason: 'not_signed_in' },
    codeVerifier: 'verifier-that-must-stay-secret-0123456789abcdef',
    browserBindingHash: 'ab'.repeat(32),
    expiresAt: new Date(now.getTime() + 10 * 60 * 1000).toISOString(),
  });

  it('seals a pending sign-in and hands it to exactly one of several instances taking it', async () => {
    await statesOfAnInstance().save('state-1', pending());
    for await (const blob of container.listBlobsFlat()) {
      const body = (await container.getBlockBlobClient(blob.name).downloadToBuffer()).toString('utf8');
      assert.ok(!body.includes('verifier-that-must-stay-secret') && !body.includes(anna.oid), 'sealed');
      assert.ok(!blob.name.includes('state-1'));
    }
    const taken = await Promise.all(Array.from({ length: 5 }, () => statesOfAnInstance().take('state-1')));
    assert.equal(taken.filter(Boolean).length, 1);
    assert.deepEqual(taken.find(Boolean), pending());
    assert.equal(await statesOfAnInstance().take('state-1'), undefined, 'single use');
  });

  it('refuses a pending sign-in that expired, was tampered with, or never existed', async () => {
    const store = statesOfAnInstance();
    await store.save('state-2', pending());
    now = new Date(now.getTime() + 10 * 60 * 1000 + 1);
    assert.equal(await store.take('state-2'), undefined);

    now = new Date('2026-03-01T10:00:00Z');
    await store.save('state-3', pending());
    for await (const blob of container.listBlobsFlat()) {
      const client = container.getBlockBlobClient(blob.name);
      const document = JSON.parse((await client.downloadToBuffer()).toString('utf8')) as { sealed: string };
      const bytes = Buffer.from(document.sealed, 'base64');
      bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
      const body = JSON.stringify({ sealed: bytes.toString('base64') });
      await client.upload(body, Buffer.byteLength(body));
    }
    assert.equal(await store.take('state-3'), undefined);
    assert.equal(await store.take('never-issued'), undefined);
  });
});
