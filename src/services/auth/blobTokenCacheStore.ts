import { createHash } from 'node:crypto';

import { RestError, type ContainerClient } from '@azure/storage-blob';

import { ConcurrencyError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import type { TokenCacheCipher } from './tokenCacheCipher.js';
import { isConditionLost } from '../storage/conditionLost.js';
import { createdOnce } from '../storage/createdOnce.js';

/** One partition as read: MSAL's serialized cache ('' for none) and the eTag a write must match. */
export interface StoredTokenCache {
  cache: string;
  /** `undefined` when there is no blob yet: the write must then create it. */
  etag: string | undefined;
}

/**
 * MSAL's token cache in Azure Blob, one encrypted blob per partition at
 * `token-cache/<sha256 of the partition key>.bin` (the hash keeps user ids out of blob names). Writes
 * are conditional on the eTag that was read, so two instances never silently overwrite each other.
 * A blob that does not open (wrong key, tampered, truncated) reads as an empty cache, logged without
 * any of its content: the person is asked to sign in again rather than the bot crashing.
 */
export class BlobTokenCacheStore {
  private readonly ensureContainer = createdOnce(() => this.container.createIfNotExists());

  constructor(
    private readonly container: ContainerClient,
    private readonly cipher: TokenCacheCipher,
    private readonly logger: Logger,
  ) {}

  /** The blob name of a partition; exported for tests and operators looking for one person's cache. */
  static blobNameOf(partitionKey: string): string {
    return `token-cache/${createHash('sha256').update(partitionKey).digest('hex')}.bin`;
  }

  /** @throws RestError when storage fails (other than "no blob"): a token must not be guessed away. */
  async read(partitionKey: string): Promise<StoredTokenCache> {
    await this.ensureContainer();
    const name = BlobTokenCacheStore.blobNameOf(partitionKey);
    let sealed: Buffer;
    let etag: string | undefined;
    try {
      // One download gives body and eTag together: a separate properties read could see a newer eTag.
      const response = await this.container.getBlockBlobClient(name).download();
      const chunks: Buffer[] = [];
      for await (const chunk of response.readableStreamBody ?? []) chunks.push(Buffer.from(chunk as Buffer));
      sealed = Buffer.concat(chunks);
      etag = response.etag;
    } catch (error) {
      if (error instanceof RestError && error.statusCode === 404) return { cache: '', etag: undefined };
      throw error;
    }
    const opened = this.cipher.open(sealed, name);
    if (!opened.ok) {
      // The eTag is kept: the next write replaces the unreadable blob instead of failing on it.
      this.logger.warn(
        { blob: name, reason: opened.reason, bytes: sealed.length },
        'Token cache partition cannot be decrypted; treated as empty',
      );
      return { cache: '', etag };
    }
    return { cache: opened.plaintext, etag };
  }

  /**
   * Deletes a partition (sign-out, offboarding): the person's refresh token is gone from storage, so no
   * instance can renew their token any more.
   * @returns whether there was a partition to delete.
   * @throws RestError when storage fails.
   */
  async remove(partitionKey: string): Promise<boolean> {
    await this.ensureContainer();
    const name = BlobTokenCacheStore.blobNameOf(partitionKey);
    const response = await this.container.getBlockBlobClient(name).deleteIfExists();
    return response.succeeded;
  }

  /**
   * Seals and writes a partition if it is still the version read (`etag`), or still absent.
   * @returns the new eTag.
   * @throws ConcurrencyError when another instance wrote the partition in between.
   */
  async write(partitionKey: string, cache: string, etag: string | undefined): Promise<string> {
    await this.ensureContainer();
    const name = BlobTokenCacheStore.blobNameOf(partitionKey);
    const body = this.cipher.seal(cache, name);
    try {
      const response = await this.container.getBlockBlobClient(name).uploadData(body, {
        conditions: etag === undefined ? { ifNoneMatch: '*' } : { ifMatch: etag },
        blobHTTPHeaders: { blobContentType: 'application/octet-stream' },
      });
      return response.etag ?? '';
    } catch (error) {
      if (isConditionLost(error)) {
        throw new ConcurrencyError(`Token cache partition ${name} was written by another instance.`, {
          cause: error,
        });
      }
      throw error;
    }
  }
}
