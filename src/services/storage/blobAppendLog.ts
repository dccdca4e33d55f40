import { RestError, type ContainerClient } from '@azure/storage-blob';
import { createdOnce } from './createdOnce.js';

/**
 * Lines appended to Azure append blobs: the cheapest durable record of "about to do this", written before
 * the doing. An append never rewrites what is there, so a crash leaves at worst a repeated line (readers
 * de-duplicate). Only one writer per log (the lease holder), many readers.
 */
export class BlobAppendLog {
  private readonly ensureContainer = createdOnce(() => this.container.createIfNotExists());

  constructor(private readonly container: ContainerClient) {}

  /** Appends the lines (one block), creating the log on first use. Lines must not contain `\n`. */
  async append(key: string, lines: readonly string[]): Promise<void> {
    if (lines.length === 0) return;
    await this.ensureContainer();
    const blob = this.container.getAppendBlobClient(key);
    await blob.createIfNotExists();
    const body = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
    // A block is at most 4 MiB; callers append a page of users at a time, far below that.
    await blob.appendBlock(body, body.length);
  }

  /** Every line of the log, in order; nothing when it doesn't exist. */
  async read(key: string): Promise<string[]> {
    await this.ensureContainer();
    try {
      const buffer = await this.container.getAppendBlobClient(key).downloadToBuffer();
      return buffer
        .toString('utf8')
        .split('\n')
        .filter((line) => line !== '');
    } catch (error) {
      if (error instanceof RestError && error.statusCode === 404) return [];
      throw error;
    }
  }

  /** Every log under a prefix (a migration's rounds). */
  async *keys(prefix: string): AsyncIterableIterator<string> {
    await this.ensureContainer();
    for await (const blob of this.container.listBlobsFlat({ prefix })) yield blob.name;
  }

  async remove(key: string): Promise<void> {
    await this.ensureContainer();
    await this.container.getAppendBlobClient(key).deleteIfExists();
  }
}
