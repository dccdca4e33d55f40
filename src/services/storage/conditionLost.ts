import { RestError } from '@azure/storage-blob';

/**
 * Whether a conditional blob write lost to another writer: 412 when an `ifMatch` eTag no longer holds,
 * 409 when an `ifNoneMatch: '*'` create finds the blob already there. Every compare-and-swap and
 * create-only write in this app reads its race this way.
 */
export function isConditionLost(error: unknown): boolean {
  return error instanceof RestError && (error.statusCode === 412 || error.statusCode === 409);
}
