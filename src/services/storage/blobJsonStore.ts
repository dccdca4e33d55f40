import { RestError, type ContainerClient } from '@azure/storage-blob';
import { ConcurrencyError } from '../errors.js';
import { isConditionLost } from './conditionLost.js';
import { createdOnce } from './createdOnce.js';

/**
 * JSON documents in one Azure Blob container with optimistic concurrency: every read returns the
 * blob's eTag, and a write names the eTag it expects (or that the blob must not exist yet). Two
 * instances racing on one document: one wins, the other gets `ConcurrencyError` and re-reads.
 * Azurite locally, a storage account in production: the same code.
 */

export interface StoredDocument<T> {
  value: T;
  etag: string;
}

/** What a write expects of the blob it replaces. */
export type WriteCondition = { ifMatch: string } | { ifNoneExists: true } | { unconditional: true };

export class BlobJsonStore<T> {
  private readonly ensureContainer = createdOnce(() => this.container.createIfNotExists());

  constructor(private readonly container: ContainerClient) {}

  /** The document and its eTag, or undefined when there is none. */
  async read(key: string): Promise<StoredDocument<T> | undefined> {
    await this.ensureContainer();
    try {
      // One download gives body and eTag together: a separate properties read could see a newer eTag.
      const response = await this.container.getBlockBlobClient(key).download();
      const chunks: Buffer[] = [];
      for await (const chunk of response.readableStreamBody ?? []) chunks.push(Buffer.from(chunk as Buffer));
      return { value: JSON.parse(Buffer.concat(chunks).toString('utf8')) as T, etag: response.etag ?? '' };
    } catch (error) {
      if (error instanceof RestError && error.statusCode === 404) return undefined;
      throw error;
    }
  }

  /**
   * Writes the document if the condition holds; returns the new eTag.
   * @throws ConcurrencyError when another writer changed (or created) the document first.
   */
  async write(key: string, value: T, condition: WriteCondition): Promise<string> {
    await this.ensureContainer();
    const body = Buffer.from(JSON.stringify(value), 'utf8');
    const conditions =
      'ifMatch' in condition
        ? { ifMatch: condition.ifMatch }
        : 'ifNoneExists' in condition
          ? { ifNoneMatch: '*' }
          : {};
    try {
      const response = await this.container.getBlockBlobClient(key).uploadData(body, {
        conditions,
        blobHTTPHeaders: { blobContentType: 'application/json' },
      });
      return response.etag ?? '';
    } catch (error) {
      if (isConditionLost(error)) {
        throw new ConcurrencyError(`Document ${key} was changed by someone else; read it again.`, {
          cause: error,
        });
      }
      throw error;
    }
  }

  /**
   * Compare-and-swap: applies `change` to the latest version and writes it with that version's eTag,
   * re-reading and re-applying when someone else wrote first. `change` returns the next version, or
   * `undefined` to leave the document as it is. Returns the document as stored afterwards, or
   * `undefined` when there is none.
   * @throws ConcurrencyError after `maxAttempts` lost races in a row.
   */
  update(key: string, change: (current: T) => T | undefined, maxAttempts = 20): Promise<T | undefined> {
    return compareAndSwap(this, key, change, maxAttempts);
  }

  /**
   * Removes the document; no error when it is already gone. With `ifMatch`, only the version read with
   * that eTag is removed, so a change made since (someone resumed a migration) is never lost. Returns
   * whether this call removed it.
   * @throws ConcurrencyError when `ifMatch` no longer names the stored version.
   */
  async remove(key: string, condition?: { ifMatch: string }): Promise<boolean> {
    await this.ensureContainer();
    try {
      const response = await this.container
        .getBlockBlobClient(key)
        .deleteIfExists(condition ? { conditions: { ifMatch: condition.ifMatch } } : {});
      return response.succeeded;
    } catch (error) {
      if (error instanceof RestError && error.statusCode === 412) {
        throw new ConcurrencyError(`Document ${key} was changed by someone else; read it again.`, {
          cause: error,
        });
      }
      throw error;
    }
  }

  /**
   * Removes the document if `shouldRemove` holds for its latest version, re-reading when someone else
   * wrote first. Returns whether it removed it (false when it was gone or `shouldRemove` said no).
   * @throws ConcurrencyError after `maxAttempts` lost races in a row.
   */
  async removeIf(key: string, shouldRemove: (current: T) => boolean, maxAttempts = 20): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      const stored = await this.read(key);
      if (!stored || !shouldRemove(stored.value)) return false;
      try {
        return await this.remove(key, { ifMatch: stored.etag });
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || attempt >= maxAttempts) throw error;
      }
    }
  }

  /** Every document's key, page by page (memory stays flat). */
  async *keys(prefix?: string): AsyncIterableIterator<string> {
    await this.ensureContainer();
    for await (const blob of this.container.listBlobsFlat({ prefix })) yield blob.name;
  }
}

/**
 * The compare-and-swap loop of `BlobJsonStore.update`, over any store with the same read/write eTag
 * rules (the in-memory fakes of the unit tests use it too, so they can't drift from the real loop).
 */
export async function compareAndSwap<T>(
  documents: Pick<BlobJsonStore<T>, 'read' | 'write'>,
  key: string,
  change: (current: T) => T | undefined,
  maxAttempts = 20,
): Promise<T | undefined> {
  for (let attempt = 1; ; attempt++) {
    const stored = await documents.read(key);
    if (!stored) return undefined;
    // A copy: a change that returns undefined must not have altered what the caller gets back.
    const next = change(structuredClone(stored.value));
    if (!next) return stored.value;
    try {
      await documents.write(key, next, { ifMatch: stored.etag });
      return next;
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= maxAttempts) throw error;
    }
  }
}
