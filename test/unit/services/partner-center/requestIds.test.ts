import assert from 'node:assert/strict';
import { deriveRequestId, newRequestId } from '../../../../src/services/partner-center/requestIds.js';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('request ids', () => {
  it('derives the same UUID from the same parts, so a retry after a crash repeats the id', () => {
    const first = deriveRequestId('migration-1', 'licenses', 'user-7', 1);
    assert.equal(first, deriveRequestId('migration-1', 'licenses', 'user-7', 1));
    assert.match(first, uuid);
    assert.equal(first[14], '8');
  });

  it('gives a new id for a new attempt, step or user', () => {
    const ids = new Set([
      deriveRequestId('migration-1', 'licenses', 'user-7', 1),
      deriveRequestId('migration-1', 'licenses', 'user-7', 2),
      deriveRequestId('migration-1', 'purchase', 'user-7', 1),
      deriveRequestId('migration-1', 'licenses', 'user-8', 1),
      deriveRequestId('migration-2', 'licenses', 'user-7', 1),
      // Parts are delimited, so shifting characters between parts changes the id.
      deriveRequestId('migration-1l', 'icenses', 'user-7', 1),
    ]);
    assert.equal(ids.size, 6);
  });

  it('makes fresh random ids for reads', () => {
    assert.notEqual(newRequestId(), newRequestId());
    assert.match(newRequestId(), /^[0-9a-f-]{36}$/);
  });
});
