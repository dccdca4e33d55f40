import { RestError, type BlobLeaseClient, type ContainerClient } from '@azure/storage-blob';
import { LeaseLostError } from '../errors.js';
import { deriveRequestId } from '../partner-center/requestIds.js';
import { isConditionLost } from './conditionLost.js';
import { createdOnce } from './createdOnce.js';

/**
 * One worker per migration (DESIGN §5): a worker holds an Azure Blob lease on `locks/<key>` while it
 * runs that migration, and renews it; another instance trying the same key is refused until the lease
 * is released or expires (a crashed worker's lease lapses after `durationSeconds`).
 *
 * The lease id is derived from (holderId, key), not random: Azure accepts an acquire with the lease id
 * already holding the blob, so a process restarted under the same holderId takes its own lease back at
 * once instead of waiting for it to expire. The flip side: two live processes must never share a
 * holderId (use the instance name), or both would "hold" the lease.
 */

export interface HeldLease {
  readonly key: string;
  readonly leaseId: string;
  /** Extends the lease to a full duration from now. @throws LeaseLostError when it is no longer ours. */
  renew(): Promise<void>;
  /** Gives the lease up so another worker can start at once; no error when it was already lost. */
  release(): Promise<void>;
  /**
   * Renews every durationSeconds/3 until the returned stop() is called (or the lease is released).
   * Calls onLost once, and stops, when the lease is lost or a renewal can't be made in time.
   */
  keepAlive(onLost: (error: Error) => void): () => void;
}

export interface LeaseLock {
  /** The lease, or undefined while someone else holds it. */
  tryAcquire(key: string): Promise<HeldLease | undefined>;
}

export interface BlobLeaseLockOptions {
  /** Unique per running instance and stable across its restarts (e.g. the host or instance name). */
  holderId: string;
  /** Azure allows 15..60 (or infinite, which a crashed worker would never give back). */
  durationSeconds: number;
}

const lockPrefix = 'locks/';

export class BlobLeaseLock implements LeaseLock {
  private readonly ensureContainer = createdOnce(() => this.container.createIfNotExists());

  constructor(
    private readonly container: ContainerClient,
    private readonly options: BlobLeaseLockOptions,
  ) {
    const { holderId, durationSeconds } = options;
    if (holderId.trim() === '') throw new RangeError('BlobLeaseLock needs a non-empty holderId.');
    if (!Number.isInteger(durationSeconds) || durationSeconds < 15 || durationSeconds > 60) {
      throw new RangeError(
        `Lease duration must be a whole number of seconds in 15..60, not ${durationSeconds}.`,
      );
    }
  }

  async tryAcquire(key: string): Promise<HeldLease | undefined> {
    if (key === '') throw new RangeError('A lease key must not be empty.');
    await this.ensureContainer();
    const blob = this.container.getBlockBlobClient(lockPrefix + key);
    const client = blob.getBlobLeaseClient(deriveRequestId('blobLease', this.options.holderId, key));
    let outcome = await this.acquire(client);
    if (outcome === 'noBlob') {
      // First lock on this key: create the empty blob (create-only; a racing creator is fine), then acquire.
      try {
        await blob.upload('', 0, { conditions: { ifNoneMatch: '*' } });
      } catch (error) {
        if (!isConditionLost(error)) throw error;
      }
      outcome = await this.acquire(client);
    }
    return outcome === 'acquired' ? new BlobHeldLease(key, client, this.options.durationSeconds) : undefined;
  }

  private async acquire(client: BlobLeaseClient): Promise<'acquired' | 'heldByOther' | 'noBlob'> {
    try {
      await client.acquireLease(this.options.durationSeconds);
      return 'acquired';
    } catch (error) {
      if (!(error instanceof RestError)) throw error;
      if (error.statusCode === 404) return 'noBlob';
      // 409: leased under another id (LeaseAlreadyPresent) or being broken; either way not ours now.
      if (error.statusCode === 409) return 'heldByOther';
      throw error;
    }
  }
}

/** Statuses that mean the lease is not ours any more (or the lock blob is gone). */
function isLeaseLost(error: unknown): error is RestError {
  return (
    error instanceof RestError &&
    (error.statusCode === 409 || error.statusCode === 412 || error.statusCode === 404)
  );
}

class BlobHeldLease implements HeldLease {
  readonly leaseId: string;
  /** When the lease last started a full duration (acquire or renew): it is certain to hold until then + duration. */
  private renewedAt = Date.now();
  private readonly stops = new Set<() => void>();

  constructor(
    readonly key: string,
    private readonly client: BlobLeaseClient,
    private readonly durationSeconds: number,
  ) {
    this.leaseId = client.leaseId;
  }

  async renew(): Promise<void> {
    // The clock is read before the call: the server's new expiry is no earlier than this + duration.
    const startedAt = Date.now();
    try {
      await this.client.renewLease();
      this.renewedAt = startedAt;
    } catch (error) {
      if (isLeaseLost(error)) {
        const why = error.code ?? String(error.statusCode);
        throw new LeaseLostError(this.key, `The lease on ${this.key} is no longer held (${why}).`, {
          cause: error,
        });
      }
      throw error;
    }
  }

  async release(): Promise<void> {
    for (const stop of [...this.stops]) stop();
    try {
      await this.client.releaseLease();
    } catch (error) {
      // Already released, expired and taken, or the blob is gone: nothing left to give back.
      if (!isLeaseLost(error)) throw error;
    }
  }

  keepAlive(onLost: (error: Error) => void): () => void {
    const durationMs = this.durationSeconds * 1000;
    const intervalMs = durationMs / 3;
    let timer: NodeJS.Timeout | undefined;
    let stopped = false;

    const stop = () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      this.stops.delete(stop);
    };
    const lost = (error: Error) => {
      if (stopped) return;
      stop();
      onLost(error);
    };
    const schedule = () => {
      if (stopped) return;
      // A chain of timeouts, not an interval: a slow renewal never overlaps the next one. Counted from
      // the last renewal, so a keepAlive started late still renews in time.
      timer = setTimeout(() => void tick(), Math.max(0, this.renewedAt + intervalMs - Date.now()));
      // A forgotten stop() must not keep the process from exiting at shutdown.
      timer.unref();
    };
    const tick = async () => {
      try {
        await this.renew();
        schedule();
      } catch (error) {
        if (stopped) return;
        // A transient failure (network, 5xx after the SDK's own retries) is tried again a third of the
        // duration later, but only while the lease is certain to outlive that wait; otherwise stop now.
        const expiresAt = this.renewedAt + durationMs;
        if (error instanceof LeaseLostError || Date.now() + intervalMs >= expiresAt) {
          lost(error instanceof Error ? error : new Error(String(error)));
        } else {
          timer = setTimeout(() => void tick(), intervalMs);
          timer.unref();
        }
      }
    };

    this.stops.add(stop);
    schedule();
    return stop;
  }
}
