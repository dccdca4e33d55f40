import assert from 'node:assert/strict';
import { PartnerCenterError } from '../../src/services/errors.js';

/** Awaits a call that Partner Center must refuse and returns the typed error it threw. */
export async function refusedBy(promise: Promise<unknown>): Promise<PartnerCenterError> {
  const error = await promise.then(
    () => assert.fail('expected Partner Center to refuse'),
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof PartnerCenterError, String(error));
  return error;
}
