import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { DemoIds } from '../../sandbox/seeds/demoIds.js';
import {
  azuriteConnectionString,
  defaultLocalUserMap,
  loadConfig,
  localDefaults,
  playgroundDefaultTenantId,
} from '../../src/config.js';
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
  AZURE_STORAGE_CONNECTION_STRING: 'DefaultEndpointsProtocol=https;AccountName=e4prod;AccountKey=c2VjcmV0;',
  AUDIT_LINK_KEY: 'a-long-random-key-for-signing-links',
  PUBLIC_BASE_URL: 'https://e4-assistant.example.com',
  TOKEN_CACHE_KEY: randomBytes(32).toString('base64'),
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

  it('listens on loopback in local mode and on every interface in production, unless HOST says otherwise', () => {
    assert.equal(loadConfig({ BOT_MODE: 'local' }).bot.host, '127.0.0.1');
    assert.equal(loadConfig(production).bot.host, '0.0.0.0');
    assert.equal(loadConfig({ BOT_MODE: 'local', HOST: '::1' }).bot.host, '::1');
    assert.equal(loadConfig({ ...production, HOST: '10.0.0.4' }).bot.host, '10.0.0.4');
    assert.equal(loadConfig({ BOT_MODE: 'local', HOST: '  ' }).bot.host, '127.0.0.1');
  });

  it('reads the port, 3978 by default, and names a wrong one', () => {
    assert.equal(loadConfig({ BOT_MODE: 'local' }).bot.port, 3978);
    assert.equal(loadConfig({ BOT_MODE: 'local', PORT: '0' }).bot.port, 0);
    assert.equal(configError({ BOT_MODE: 'local', PORT: '70000' }).variable, 'PORT');
    assert.equal(configError({ BOT_MODE: 'local', PORT: 'http' }).variable, 'PORT');
  });

  it('uses Azurite locally and the configured storage account in production, without echoing it', () => {
    const local = loadConfig({ BOT_MODE: 'local' });
    assert.equal(local.storage.connectionString, azuriteConnectionString);
    assert.equal(local.storage.botStateContainer, 'bot-state');
    assert.equal(local.storage.dataContainer, 'e4-assistant');
    const config = loadConfig({ ...production, BOT_STATE_CONTAINER: 'state', DATA_CONTAINER: 'data' });
    assert.equal(config.storage.connectionString, production.AZURE_STORAGE_CONNECTION_STRING);
    assert.equal(config.storage.botStateContainer, 'state');
    assert.equal(config.storage.dataContainer, 'data');
    const missing = configError({ ...production, AZURE_STORAGE_CONNECTION_STRING: '' });
    assert.equal(missing.variable, 'AZURE_STORAGE_CONNECTION_STRING');
    assert.match(missing.message, /required in production/);
  });

  it('reads the turn budgets, and names a wrong one', () => {
    const defaults = loadConfig({ BOT_MODE: 'local' }).bot;
    assert.equal(defaults.planInlineBudgetInMs, 3_000);
    assert.equal(defaults.maxMessageBytes, 262_144);
    const set = loadConfig({ BOT_MODE: 'local', PLAN_INLINE_BUDGET_MS: '1500', MAX_MESSAGE_BYTES: '4096' });
    assert.equal(set.bot.planInlineBudgetInMs, 1_500);
    assert.equal(set.bot.maxMessageBytes, 4_096);
    assert.equal(
      configError({ BOT_MODE: 'local', PLAN_INLINE_BUDGET_MS: '0' }).variable,
      'PLAN_INLINE_BUDGET_MS',
    );
    assert.equal(configError({ BOT_MODE: 'local', MAX_MESSAGE_BYTES: 'big' }).variable, 'MAX_MESSAGE_BYTES');
  });

  it('sends anonymous Bot Framework requests only in local mode', () => {
    assert.equal(loadConfig({ BOT_MODE: 'local', MICROSOFT_APP_ID: 'app' }).bot.botFrameworkAppId, '');
    assert.equal(loadConfig(production).bot.botFrameworkAppId, 'app');
  });

  it('merges LOCAL_USER_MAP pairs over the default playground mapping', () => {
    assert.deepEqual(loadConfig({ BOT_MODE: 'local' }).auth.localUserMap, defaultLocalUserMap);
    const config = loadConfig({
      BOT_MODE: 'local',
      LOCAL_USER_MAP: ' teams-1 = partner-1 ,teams-2=partner-2,, ',
    });
    assert.deepEqual(config.auth.localUserMap, {
      ...defaultLocalUserMap,
      'teams-1': 'partner-1',
      'teams-2': 'partner-2',
    });
    const [playgroundUser] = Object.keys(defaultLocalUserMap);
    assert.ok(playgroundUser);
    const overridden = loadConfig({ BOT_MODE: 'local', LOCAL_USER_MAP: `${playgroundUser}=someone-else` });
    assert.equal(overridden.auth.localUserMap[playgroundUser], 'someone-else');
  });

  it('never maps users in production, whatever LOCAL_USER_MAP says', () => {
    assert.deepEqual(
      loadConfig({ ...production, LOCAL_USER_MAP: 'teams-1=partner-1' }).auth.localUserMap,
      {},
    );
  });

  it('allows the partner tenant, ALLOWED_TENANT_IDS, and locally the playground’s built-in tenant', () => {
    assert.deepEqual(loadConfig({ BOT_MODE: 'local' }).auth.allowedTenantIds, [
      DemoIds.partnerTenantId,
      playgroundDefaultTenantId,
    ]);
    const extra = 'B8888888-0000-4000-8000-000000000000';
    const config = loadConfig({ ...production, ALLOWED_TENANT_IDS: ` ${extra} ,, ` });
    assert.deepEqual(config.auth.allowedTenantIds, ['tid', extra.toLowerCase()]);
  });

  for (const malformed of ['contoso.onmicrosoft.com', '*', 'a0a0a0a0-0000-4000-8000-00000000000']) {
    it(`refuses ALLOWED_TENANT_IDS with "${malformed}" naming the variable`, () => {
      const error = configError({
        BOT_MODE: 'local',
        ALLOWED_TENANT_IDS: `${DemoIds.partnerTenantId},${malformed}`,
      });
      assert.equal(error.variable, 'ALLOWED_TENANT_IDS');
      assert.match(error.message, /tenant ids \(GUIDs\)/);
    });
  }

  for (const malformed of ['teams-1', 'teams-1=', '=partner-1', 'a=b=c', 'a=b,c']) {
    it(`refuses a malformed LOCAL_USER_MAP ("${malformed}") naming the variable`, () => {
      const error = configError({ BOT_MODE: 'local', LOCAL_USER_MAP: malformed });
      assert.equal(error.variable, 'LOCAL_USER_MAP');
      assert.match(error.message, /teamsAadObjectId=partnerUserOid/);
    });
  }

  it('reads the engine and approval policy: worker on, four-eyes, 24 h, approvers Admin agents and Global admins', () => {
    const config = loadConfig({ BOT_MODE: 'local', PORT: '4000' });
    assert.equal(config.engine.runWorker, true);
    assert.match(config.engine.workerId, /:4000$/);
    assert.equal(config.engine.leaseSeconds, 30);
    assert.equal(config.storage.workQueue, 'e4-migrations');
    assert.deepEqual(config.approvals, {
      fourEyes: true,
      validityInMs: 24 * 3_600_000,
      approverRoles: ['AdminAgent', 'GlobalAdmin'],
    });
    assert.equal(config.audit.retentionDays, 730);
    const custom = loadConfig({
      BOT_MODE: 'local',
      MIGRATION_WORKER: 'off',
      APPROVAL_FOUR_EYES: 'false',
      APPROVAL_VALIDITY_HOURS: '4',
      APPROVER_ROLES: 'GlobalAdmin',
    });
    assert.equal(custom.engine.runWorker, false);
    assert.equal(custom.approvals.fourEyes, false);
    assert.equal(custom.approvals.validityInMs, 4 * 3_600_000);
    assert.deepEqual(custom.approvals.approverRoles, ['GlobalAdmin']);
  });

  it('refuses a Sales agent as approver, a lease outside 15–60 s and production without a link key', () => {
    assert.equal(configError({ BOT_MODE: 'local', APPROVER_ROLES: 'SalesAgent' }).variable, 'APPROVER_ROLES');
    assert.equal(configError({ BOT_MODE: 'local', LEASE_SECONDS: '5' }).variable, 'LEASE_SECONDS');
    assert.equal(configError({ ...production, AUDIT_LINK_KEY: '' }).variable, 'AUDIT_LINK_KEY');
  });

  it('refuses an audit link key too short to sign with, without echoing it', () => {
    const error = configError({ BOT_MODE: 'local', AUDIT_LINK_KEY: 'short-key' });
    assert.equal(error.variable, 'AUDIT_LINK_KEY');
    assert.doesNotMatch(error.message, /short-key/);
    const config = loadConfig({ BOT_MODE: 'local', AUDIT_LINK_KEY: '0123456789abcdef' });
    assert.equal(config.audit.linkKey.length, 16);
  });

  describe('sign-in', () => {
    it('uses Teams SSO in production and the sandbox locally, unless told to use Teams SSO locally', () => {
      assert.equal(loadConfig(production).auth.signIn.mode, 'teams');
      assert.equal(loadConfig({ BOT_MODE: 'local' }).auth.signIn.mode, 'sandbox');
      assert.equal(loadConfig({ BOT_MODE: 'local', SIGN_IN_MODE: 'teams' }).auth.signIn.mode, 'teams');
    });

    it('refuses the sandbox sign-in in production, and an unknown mode', () => {
      assert.equal(configError({ ...production, SIGN_IN_MODE: 'sandbox' }).variable, 'SIGN_IN_MODE');
      assert.equal(configError({ BOT_MODE: 'local', SIGN_IN_MODE: 'magic' }).variable, 'SIGN_IN_MODE');
    });

    it('derives the App ID URI from the app id, or takes one that names the bot', () => {
      assert.equal(loadConfig(production).auth.signIn.appIdUri, 'api://botid-app');
      assert.equal(
        loadConfig({ BOT_MODE: 'local' }).auth.signIn.appIdUri,
        `api://botid-${DemoIds.botClientId}`,
      );
      const withTab = loadConfig({ ...production, SSO_APP_ID_URI: 'api://e4.example.com/botid-app/' });
      assert.equal(withTab.auth.signIn.appIdUri, 'api://e4.example.com/botid-app');
    });

    for (const wrong of [
      'https://e4.example.com/botid-app',
      'api://botid-another-app',
      'api://e4.example.com',
      'api://e4.example.com/notbotid-app',
    ]) {
      it(`refuses the App ID URI "${wrong}", saying what it must be`, () => {
        const error = configError({ ...production, SSO_APP_ID_URI: wrong });
        assert.equal(error.variable, 'SSO_APP_ID_URI');
        assert.match(error.message, /api:\/\/|botid-app/);
      });
    }

    it('wants the sign-in page on https in production', () => {
      const error = configError({ ...production, PUBLIC_BASE_URL: 'http://e4-assistant.example.com' });
      assert.equal(error.variable, 'PUBLIC_BASE_URL');
      assert.match(error.message, /https/);
    });
  });

  describe('token cache key', () => {
    it('locally defaults to the published local key, the same in every process', () => {
      const config = loadConfig({ BOT_MODE: 'local' });
      assert.equal(config.auth.tokenCache.key.toString('utf8'), 'local-mode-only-token-cache-key!');
      assert.deepEqual(loadConfig({ BOT_MODE: 'local' }).auth.tokenCache.key, config.auth.tokenCache.key);
      assert.deepEqual(config.auth.tokenCache.previousKeys, []);
    });

    it('reads the key and the previous keys being rotated out', () => {
      const [key, old1, old2] = [randomBytes(32), randomBytes(32), randomBytes(32)];
      const config = loadConfig({
        ...production,
        TOKEN_CACHE_KEY: key.toString('base64'),
        TOKEN_CACHE_PREVIOUS_KEYS: ` ${old1.toString('base64')}, ${old2.toString('base64')} `,
      });
      assert.deepEqual(config.auth.tokenCache.key, key);
      assert.deepEqual(config.auth.tokenCache.previousKeys, [old1, old2]);
    });

    it('refuses a short key, saying how long it is and never echoing it', () => {
      const short = randomBytes(16).toString('base64');
      for (const mode of [{ BOT_MODE: 'local' }, production]) {
        const error = configError({ ...mode, TOKEN_CACHE_KEY: short });
        assert.equal(error.variable, 'TOKEN_CACHE_KEY');
        assert.match(error.message, /TOKEN_CACHE_KEY \(set\) must be the base64 of 32 random bytes/);
        assert.match(error.message, /decodes to 16 bytes/);
        assert.ok(!error.message.includes(short), 'the key was echoed');
      }
    });

    it('refuses text that is not base64, and a bad previous key', () => {
      const text = 'correct horse battery staple, long enough';
      const error = configError({ BOT_MODE: 'local', TOKEN_CACHE_KEY: text });
      assert.match(error.message, /not base64/);
      assert.ok(!error.message.includes(text));
      const previous = configError({ ...production, TOKEN_CACHE_PREVIOUS_KEYS: 'c2hvcnQ=' });
      assert.equal(previous.variable, 'TOKEN_CACHE_PREVIOUS_KEYS');
    });

    it('refuses the published local key in production', () => {
      const error = configError({ ...production, TOKEN_CACHE_KEY: localDefaults.tokenCacheKey });
      assert.equal(error.variable, 'TOKEN_CACHE_KEY');
      assert.match(error.message, /local-mode key/);
    });
  });
});
