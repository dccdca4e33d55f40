import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { BlobLeaseClient, BlobServiceClient, RestError, type ContainerClient } from '@azure/storage-blob';
import sinon from 'sinon';
import { BlobLeaseLock } from '../../src/services/storage/blobLease.js';
import { LeaseLostError } from '../../src/services/errors.js';
import { startAzurite, type RunningAzurite } from '../helpers/azurite.js';

describe('Blob lease lock against Azurite', () => {
  let azurite: RunningAzurite;
  let container: ContainerClient;
  const lockFor = (holderId: string) => new BlobLeaseLock(container, { holderId, durationSeconds: 15 });

  before(async () => {
    azurite = await startAzurite();
    container = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient('leases');
  });
  after(async () => azurite.stop());

  it('refuses durations Azure would refuse and an empty holder id', () => {
    assert.throws(() => new BlobLeaseLock(container, { holderId: 'a', durationSeconds: 14 }), RangeError);
    assert.throws(() => new BlobLeaseLock(container, { holderId: 'a', durationSeconds: 61 }), RangeError);
    assert.throws(() => new BlobLeaseLock(container, { holderId: 'a', durationSeconds: 20.5 }), RangeError);
    assert.throws(() => new BlobLeaseLock(container, { holderId: ' ', durationSeconds: 15 }), RangeError);
  });

  it('gives the lease to one holder and refuses another; the lock blob is created on first use', async () => {
    const lease = await lockFor('worker-a').tryAcquire('m-1');
    assert.ok(lease);
    assert.equal(lease.key, 'm-1');
    assert.equal((await container.getBlobClient('locks/m-1').getProperties()).leaseState, 'leased');
    assert.equal(await lockFor('worker-b').tryAcquire('m-1'), undefined);
    // Another key is independent.
    assert.ok(await lockFor('worker-b').tryAcquire('m-2'));
  });

  it('lets a restarted process with the same holder id take its own lease back at once', async () => {
    const before = await lockFor('worker-a').tryAcquire('m-3');
    assert.ok(before);
    // A new instance, as after a restart: nothing shared in memory, only the holder id.
    const after = await lockFor('worker-a').tryAcquire('m-3');
    assert.ok(after);
    assert.equal(after.leaseId, before.leaseId);
    await after.renew();
    assert.equal(await lockFor('worker-b').tryAcquire('m-3'), undefined);
  });

  it('release lets another holder acquire; the old holder then loses renew but may release again', async () => {
    const first = await lockFor('worker-a').tryAcquire('m-4');
    assert.ok(first);
    await first.release();
    const second = await lockFor('worker-b').tryAcquire('m-4');
    assert.ok(second);
    await assert.rejects(
      first.renew(),
      (error: unknown) => error instanceof LeaseLostError && error.key === 'm-4',
    );
    await first.release();
    // The old holder's release did not free the new holder's lease.
    assert.equal(await lockFor('worker-c').tryAcquire('m-4'), undefined);
    await second.renew();
  });

  it('renew after the lease was broken and taken throws LeaseLostError', async () => {
    const mine = await lockFor('worker-a').tryAcquire('m-5');
    assert.ok(mine);
    await container.getBlobClient('locks/m-5').getBlobLeaseClient().breakLease(0);
    assert.ok(await lockFor('worker-b').tryAcquire('m-5'));
    await assert.rejects(mine.renew(), LeaseLostError);
    await mine.release();
  });

  it('keepAlive holds the lease past its duration, reports a stolen lease once, and stop() or release() ends it', async function () {
    this.timeout(30_000);
    const kept = await lockFor('worker-a').tryAcquire('k-kept');
    const stolen = await lockFor('worker-a').tryAcquire('k-stolen');
    const stopped = await lockFor('worker-a').tryAcquire('k-stopped');
    const released = await lockFor('worker-a').tryAcquire('k-released');
    assert.ok(kept && stolen && stopped && released);

    const lostErrors: Error[] = [];
    const stopKept = kept.keepAlive((error) => assert.fail(`kept lease reported lost: ${error.message}`));
    stolen.keepAlive((error) => lostErrors.push(error));
    stopped.keepAlive((error) => assert.fail(`stopped lease reported lost: ${error.message}`))();
    // Released (and taken by another): its keepAlive must stop, or its next renewal would report a loss.
    released.keepAlive((error) => lostErrors.push(error));
    await released.release();
    assert.ok(await lockFor('worker-b').tryAcquire('k-released'));

    await container.getBlobClient('locks/k-stolen').getBlobLeaseClient().breakLease(0);
    assert.ok(await lockFor('worker-b').tryAcquire('k-stolen'));

    // One second past the 15 s duration: only renewals can have kept `kept` alive.
    await sleep(16_000);
    try {
      assert.equal(await lockFor('worker-b').tryAcquire('k-kept'), undefined);
      assert.ok(await lockFor('worker-b').tryAcquire('k-stopped'), 'a lease whose keepAlive stopped lapses');
      assert.equal(lostErrors.length, 1);
      assert.ok(lostErrors[0] instanceof LeaseLostError);
    } finally {
      stopKept();
    }
  });

  describe('keepAlive on transient renewal failures (fake clock, renewals stubbed)', () => {
    afterEach(() => sinon.restore());
    const unavailable = () => new RestError('Server busy', { statusCode: 503, code: 'ServerBusy' });

    it('tries again a third of the duration later while the lease is sure to last', async () => {
      const lease = await lockFor('worker-a').tryAcquire('t-retry');
      assert.ok(lease);
      const clock = sinon.useFakeTimers({ now: Date.now(), toFake: ['setTimeout', 'clearTimeout', 'Date'] });
      const renew = sinon.stub(BlobLeaseClient.prototype, 'renewLease');
      renew.onFirstCall().rejects(unavailable());
      renew.resolves({});
      const lost: Error[] = [];
      const stop = lease.keepAlive((error) => lost.push(error));

      await clock.tickAsync(5_000); // fails at 5 s: the lease still holds until 15 s
      assert.equal(renew.callCount, 1);
      await clock.tickAsync(5_000); // succeeds at 10 s
      assert.equal(renew.callCount, 2);
      await clock.tickAsync(5_000); // and keeps going every 5 s
      assert.equal(renew.callCount, 3);
      assert.equal(lost.length, 0);
      stop();
      await clock.tickAsync(20_000);
      assert.equal(renew.callCount, 3, 'no renewals after stop()');
    });

    it('reports the lease lost, once, when renewals keep failing until it could expire', async () => {
      const lease = await lockFor('worker-a').tryAcquire('t-lost');
      assert.ok(lease);
      const clock = sinon.useFakeTimers({ now: Date.now(), toFake: ['setTimeout', 'clearTimeout', 'Date'] });
      const renew = sinon.stub(BlobLeaseClient.prototype, 'renewLease').rejects(unavailable());
      const lost: Error[] = [];
      lease.keepAlive((error) => lost.push(error));

      await clock.tickAsync(5_000);
      assert.equal(lost.length, 0, 'one failure at 5 s: 10 s of lease left');
      await clock.tickAsync(5_000);
      assert.equal(lost.length, 1, 'second failure at 10 s: the lease may lapse before a third try');
      assert.ok(lost[0] instanceof RestError && lost[0].statusCode === 503);
      await clock.tickAsync(30_000);
      assert.equal(renew.callCount, 2);
      assert.equal(lost.length, 1);
    });
  });
});
