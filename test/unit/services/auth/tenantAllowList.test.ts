import assert from 'node:assert/strict';
import { TenantAllowList } from '../../../../src/services/auth/tenantAllowList.js';

describe('TenantAllowList', () => {
  const partner = 'a0a0a0a0-0000-4000-8000-000000000000';
  const second = 'b0b0b0b0-0000-4000-8000-000000000000';
  const foreign = '99999999-0000-4000-8000-000000000000';
  const list = new TenantAllowList([partner, second.toUpperCase()]);

  const cases: [string, string[], boolean][] = [
    ['the partner tenant', [partner], true],
    ['a configured tenant, whatever the letter case and spaces', [` ${second} `], true],
    ['conversation and channel data agreeing', [partner, partner.toUpperCase()], true],
    ['a foreign tenant', [foreign], false],
    ['an allowed tenant next to a foreign one', [partner, foreign], false],
    ['no tenant at all', [], false],
    ['an empty tenant id', [''], false],
  ];
  for (const [name, tenantIds, admitted] of cases) {
    it(`${admitted ? 'admits' : 'refuses'} ${name}`, () => {
      assert.equal(list.admits(tenantIds), admitted);
    });
  }
});
