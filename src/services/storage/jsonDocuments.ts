import type { BlobJsonStore } from './blobJsonStore.js';

/**
 * What a service needs of a JSON document store: `BlobJsonStore` in production, an in-memory fake with
 * the same eTag rules in unit tests. A type, not a class, so the fake needs no Azure client.
 */
export type JsonDocuments<T> = Pick<BlobJsonStore<T>, 'read' | 'write' | 'update' | 'remove' | 'keys'>;
