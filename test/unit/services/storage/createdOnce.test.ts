import assert from 'node:assert/strict';
import { createdOnce } from '../../../../src/services/storage/createdOnce.js';

describe('createdOnce: a container created once per client', () => {
  it('shares one create between every caller', async () => {
    let creates = 0;
    const ensure = createdOnce(async () => {
      creates++;
      await Promise.resolve();
    });
    await Promise.all([ensure(), ensure(), ensure()]);
    await ensure();
    assert.equal(creates, 1);
  });

  it('forgets a failed create, so the next call tries again instead of failing for good', async () => {
    let creates = 0;
    const ensure = createdOnce(() => {
      creates++;
      return creates === 1 ? Promise.reject(new Error('storage unavailable')) : Promise.resolve();
    });
    await assert.rejects(ensure(), /storage unavailable/);
    await ensure();
    await ensure();
    assert.equal(creates, 2);
  });
});
