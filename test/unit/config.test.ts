import assert from 'node:assert/strict';
import { DemoIds } from '../../sandbox/seeds/demoIds.js';
import { loadConfig, localDefaults } from '../../src/config.js';
import { ConfigError } from '../../src/services/errors.js';

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error;
  }
  assert.fail('expected a ConfigError');
}

const production = {
  BOT_MODE: 'production',
  PARTNER_TENANT_ID: 'tid',
  MICROSOFT_APP_ID: 'app',
  MICROSOFT_APP_PASSWORD: 'hunter2',
  ADMIN_AGENTS_GROUP_ID: 'g1',
  SALES_AGENTS_GROUP_ID: 'g2',
  OPTION_CATALOG_FILE: '/etc/e4/option-catalog.json',
};

describe('loadConfig', () => {
  it('refuses to guess the mode', () => {
    const error = configError({});
    assert.equal(error.variable, 'BOT_MODE');
    assert.match(error.message, /BOT_MODE \(not set\)/);
  });

  it('defaults local mode to the sandbox and the sandbox authority', () => {
    const config = loadConfig({ BOT_MODE: 'local' });
    assert.equal(config.partnerCenter.baseUrl, 'http://127.0.0.1:5100');
    assert.equal(config.auth.authorityHost, 'login.sandbox.test');
    assert.equal(config.partnerCenter.rateLimits.instanceShare, 1);
  });

  it("local defaults are the sandbox's demo partner tenant and bot registration", () => {
    assert.equal(localDefaults.partnerTenantId, DemoIds.partnerTenantId);
    assert.equal(localDefaults.clientId, DemoIds.botClientId);
    assert.equal(localDefaults.clientSecret, DemoIds.botClientSecret);
    assert.equal(localDefaults.adminAgentsGroupId, DemoIds.adminAgentsGroupId);
    assert.equal(localDefaults.salesAgentsGroupId, DemoIds.salesAgentsGroupId);
    const config = loadConfig({ BOT_MODE: 'local', PARTNER_TENANT_ID: 'my-tenant' });
    assert.equal(config.auth.partnerTenantId, 'my-tenant');
    assert.equal(config.auth.clientId, DemoIds.botClientId);
  });

  it('points production at Partner Center and Entra', () => {
    const config = loadConfig(production);
    assert.equal(config.partnerCenter.baseUrl, 'https://api.partnercenter.microsoft.com');
    assert.equal(config.auth.authorityHost, 'login.microsoftonline.com');
    assert.equal(config.auth.sandboxUrl, undefined);
  });

  for (const name of Object.keys(production).filter((key) => key !== 'BOT_MODE')) {
    it(`production refuses to start without ${name}`, () => {
      const env: Record<string, string> = { ...production };
      delete env[name];
      assert.equal(configError(env).variable, name);
    });
  }

  it('reads the catalog settings: the demo price list locally, retired offers as a list', () => {
    const local = loadConfig({ BOT_MODE: 'local', RETIRED_OFFER_IDS: ' AAA , bbb,, ' });
    assert.equal(local.catalog.priceListFile, 'sandbox/seeds/demo-price-list.csv');
    assert.deepEqual(local.catalog.extraRetiredOfferIds, ['AAA', 'bbb']);
    assert.equal(loadConfig(production).catalog.priceListFile, undefined);
  });

  it('names a wrong number and never echoes a secret', () => {
    const error = configError({ BOT_MODE: 'local', RATE_LIMIT_READS_PER_SECOND: 'fast' });
    assert.equal(error.variable, 'RATE_LIMIT_READS_PER_SECOND');
    assert.match(error.message, /"fast"/);
    const share = configError({ BOT_MODE: 'local', RATE_LIMIT_INSTANCE_SHARE: '1.5' });
    assert.equal(share.variable, 'RATE_LIMIT_INSTANCE_SHARE');
    const url = configError({
      ...production,
      PARTNER_CENTER_BASE_URL: 'not a url',
      MICROSOFT_APP_PASSWORD: 'hunter2',
    });
    assert.equal(url.variable, 'PARTNER_CENTER_BASE_URL');
    assert.doesNotMatch(url.message, /hunter2/);
  });
});
