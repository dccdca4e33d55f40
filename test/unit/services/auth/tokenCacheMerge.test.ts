import assert from 'node:assert/strict';

import { mergeTokenCaches } from '../../../../src/services/auth/tokenCacheMerge.js';

const cacheOf = (sections: Record<string, Record<string, string>>) => JSON.stringify(sections);

describe('mergeTokenCaches', () => {
  it('keeps what the other instance added and what we added', () => {
    const base = cacheOf({ AccessToken: { a: 'A1' }, RefreshToken: {} });
    const theirs = cacheOf({ AccessToken: { a: 'A1', b: 'B1' }, RefreshToken: {} });
    const ours = cacheOf({ AccessToken: { a: 'A1', c: 'C1' }, RefreshToken: { r: 'R2' } });
    assert.deepEqual(JSON.parse(mergeTokenCaches({ base, ours, theirs })), {
      AccessToken: { a: 'A1', b: 'B1', c: 'C1' },
      RefreshToken: { r: 'R2' },
    });
  });

  it('takes our version of an entry both changed, and drops what we removed', () => {
    const base = cacheOf({ AccessToken: { a: 'A1', gone: 'G' }, RefreshToken: { r: 'R1' } });
    const theirs = cacheOf({ AccessToken: { a: 'A1', gone: 'G' }, RefreshToken: { r: 'R-theirs' } });
    const ours = cacheOf({ AccessToken: { a: 'A1' }, RefreshToken: { r: 'R-ours' } });
    assert.deepEqual(JSON.parse(mergeTokenCaches({ base, ours, theirs })), {
      AccessToken: { a: 'A1' },
      RefreshToken: { r: 'R-ours' },
    });
  });

  it('treats an empty partition as an empty cache, and lets ours win over anything unreadable', () => {
    const ours = cacheOf({ AccessToken: { a: 'A1' } });
    const theirs = cacheOf({ AccessToken: { b: 'B1' } });
    assert.deepEqual(JSON.parse(mergeTokenCaches({ base: '', ours, theirs })), {
      AccessToken: { a: 'A1', b: 'B1' },
    });
    assert.equal(mergeTokenCaches({ base: '', ours, theirs: 'not json' }), ours);
    assert.equal(mergeTokenCaches({ base: '', ours, theirs: '[1]' }), ours);
    assert.equal(mergeTokenCaches({ base: '', ours, theirs: '{"AccessToken": 3}' }), ours);
  });
});
