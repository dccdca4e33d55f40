import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { z } from 'zod';
import { decodeTokenCacheKey, TOKEN_CACHE_KEY_BYTES } from './services/auth/tokenCacheCipher.js';
import { ConfigError } from './services/errors.js';
import {
  defaultLeadDays,
  maxLeadDays,
  normalizeLeadDays,
} from './services/reminders/reminderSubscription.js';
import { isTimeZone } from './services/reminders/scanSchedule.js';

/**
 * Configuration, read once at start and validated. A missing or wrong value stops the process with a
 * message naming the variable. Every variable is documented in `.env.example` and the README.
 */

const positiveNumber = z.coerce.number().positive();
const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));

/** A comma-separated list, spaces around items and empty items dropped. */
const commaList = (defaultValue = '') =>
  z
    .string()
    .default(defaultValue)
    .transform((value) =>
      value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    );

/** An Entra tenant id: a GUID. */
const tenantIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const schema = z
  .object({
    BOT_MODE: z.enum(['local', 'production'], {
      error: 'must be "local" (sandbox, loopback, no credentials) or "production"',
    }),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    PARTNER_CENTER_BASE_URL: z.url().optional(),
    PARTNER_CENTER_LOCALE: z.string().default('en-US'),
    PARTNER_CENTER_TIMEOUT_MS: positiveNumber.default(30_000),
    PARTNER_CENTER_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
    PARTNER_CENTER_MAX_RETRY_TIME_MS: positiveNumber.default(120_000),
    RATE_LIMIT_SUBSCRIPTIONS_PER_SECOND: positiveNumber.default(8),
    RATE_LIMIT_LICENSE_UPDATES_PER_SECOND: positiveNumber.default(10),
    RATE_LIMIT_ORDERS_PER_SECOND: positiveNumber.default(2),
    RATE_LIMIT_READS_PER_SECOND: positiveNumber.default(20),
    RATE_LIMIT_INSTANCE_SHARE: z.coerce.number().gt(0).max(1).default(1),
    RATE_LIMIT_BURST_WINDOW_MS: z.coerce.number().int().min(1).max(60_000).default(500),
    PARTNER_TENANT_ID: optionalText,
    MICROSOFT_APP_ID: optionalText,
    MICROSOFT_APP_PASSWORD: optionalText,
    AUTH_AUTHORITY_HOST: z.string().default('login.microsoftonline.com'),
    SANDBOX_URL: z.url().default('http://127.0.0.1:5100'),
    OPTION_CATALOG_FILE: optionalText,
    PRICE_LIST_FILE: optionalText,
    RETIRED_OFFER_IDS: commaList(),
    TOKEN_CACHE_KEY: optionalText,
    TOKEN_CACHE_PREVIOUS_KEYS: commaList(),
    SIGN_IN_MODE: z
      .enum(['teams', 'sandbox'], {
        error: 'must be "teams" (Teams SSO and the sign-in page) or "sandbox" (the playground, local only)',
      })
      .optional(),
    SSO_APP_ID_URI: optionalText,
    ALLOWED_TENANT_IDS: commaList().pipe(
      z.array(z.string().regex(tenantIdPattern, 'must be Entra tenant ids (GUIDs), comma-separated')),
    ),
    ADMIN_AGENTS_GROUP_ID: optionalText,
    SALES_AGENTS_GROUP_ID: optionalText,
    HOST: optionalText,
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    AZURE_STORAGE_CONNECTION_STRING: optionalText,
    BOT_STATE_CONTAINER: z.string().default('bot-state'),
    DATA_CONTAINER: z.string().default('e4-assistant'),
    PLAN_INLINE_BUDGET_MS: positiveNumber.default(3_000),
    MIGRATION_WORKER: z.enum(['on', 'off'], { error: 'must be "on" or "off"' }).default('on'),
    WORKER_ID: optionalText,
    WORK_QUEUE: z
      .string()
      .regex(/^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$/, 'must be a valid Azure queue name')
      .default('e4-migrations'),
    LEASE_SECONDS: z.coerce.number().int().min(15).max(60).default(30),
    MIGRATION_USER_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(32),
    PROVISIONING_TIMEOUT_MINUTES: positiveNumber.default(60),
    PROGRESS_UPDATE_INTERVAL_MS: z.coerce.number().int().min(0).default(3_000),
    APPROVAL_FOUR_EYES: z
      .enum(['true', 'false'], { error: 'must be "true" or "false"' })
      .default('true')
      .transform((value) => value === 'true'),
    APPROVAL_VALIDITY_HOURS: positiveNumber.default(24),
    APPROVER_ROLES: commaList('AdminAgent,GlobalAdmin').pipe(
      z
        .array(
          z.enum(['AdminAgent', 'GlobalAdmin'], { error: 'roles must be AdminAgent and/or GlobalAdmin' }),
        )
        .min(1, 'needs at least one role'),
    ),
    AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).default(730),
    // The HMAC key of the download links: a short one would make them guessable (signedLink.ts).
    AUDIT_LINK_KEY: optionalText.refine((key) => key === undefined || Buffer.byteLength(key, 'utf8') >= 16, {
      message: 'must be at least 16 bytes (32 random characters recommended)',
    }),
    AUDIT_LINK_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
    PUBLIC_BASE_URL: z.url().optional(),
    MAX_MESSAGE_BYTES: positiveNumber.default(262_144),
    REMINDER_SCHEDULER: z.enum(['on', 'off'], { error: 'must be "on" or "off"' }).default('on'),
    REMINDER_SCAN_TIME: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour), e.g. 08:00')
      .default('08:00'),
    REMINDER_TIME_ZONE: z
      .string()
      .default('UTC')
      .refine(isTimeZone, { message: 'must be an IANA time zone, e.g. Europe/Stockholm' }),
    REMINDER_LEAD_DAYS: z
      .string()
      .default(defaultLeadDays.join(','))
      .transform((value, ctx) => {
        try {
          return normalizeLeadDays(
            value
              .split(',')
              .map((item) => item.trim())
              .filter(Boolean)
              .map(Number),
          );
        } catch {
          ctx.addIssue({
            code: 'custom',
            message: `must be whole days from 1 to ${maxLeadDays}, comma-separated`,
          });
          return z.NEVER;
        }
      }),
    REMINDER_SCAN_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(32),
    LOCAL_USER_MAP: z
      .string()
      .default('')
      .refine((value) => value.trim() === '' || parseUserMap(value) !== undefined, {
        message: 'must be pairs "teamsAadObjectId=partnerUserOid" separated by commas',
      }),
  })
  .superRefine((env, ctx) => {
    for (const [name, keys] of [
      ['TOKEN_CACHE_KEY', env.TOKEN_CACHE_KEY === undefined ? [] : [env.TOKEN_CACHE_KEY]],
      ['TOKEN_CACHE_PREVIOUS_KEYS', env.TOKEN_CACHE_PREVIOUS_KEYS],
    ] as const) {
      const problem = keys.map(tokenCacheKeyProblem).find((message) => message !== undefined);
      if (problem) ctx.addIssue({ code: 'custom', path: [name], message: problem });
    }
    const appIdUriProblem = ssoAppIdUriProblem(
      env.SSO_APP_ID_URI,
      env.MICROSOFT_APP_ID ?? localDefaults.clientId,
    );
    if (appIdUriProblem) ctx.addIssue({ code: 'custom', path: ['SSO_APP_ID_URI'], message: appIdUriProblem });
    if (env.BOT_MODE !== 'production') return;
    if (env.SIGN_IN_MODE === 'sandbox') {
      ctx.addIssue({
        code: 'custom',
        path: ['SIGN_IN_MODE'],
        message: 'cannot be "sandbox" in production: people sign in with Teams SSO',
      });
    }
    // Entra accepts only https redirect URIs for the sign-in page (loopback aside).
    if (env.PUBLIC_BASE_URL !== undefined && !env.PUBLIC_BASE_URL.startsWith('https://')) {
      ctx.addIssue({
        code: 'custom',
        path: ['PUBLIC_BASE_URL'],
        message: 'must be https in production (the sign-in page is registered as a redirect URI there)',
      });
    }
    // Production never falls back to the sandbox or runs without credentials (DESIGN §11).
    for (const name of [
      'PARTNER_TENANT_ID',
      'MICROSOFT_APP_ID',
      'MICROSOFT_APP_PASSWORD',
      'ADMIN_AGENTS_GROUP_ID',
      'SALES_AGENTS_GROUP_ID',
      'OPTION_CATALOG_FILE',
      'AZURE_STORAGE_CONNECTION_STRING',
      'AUDIT_LINK_KEY',
      'PUBLIC_BASE_URL',
      'TOKEN_CACHE_KEY',
    ] as const) {
      if (!env[name])
        ctx.addIssue({ code: 'custom', path: [name], message: 'is required in production mode' });
    }
    if (env.TOKEN_CACHE_KEY?.trim() === localDefaults.tokenCacheKey) {
      ctx.addIssue({
        code: 'custom',
        path: ['TOKEN_CACHE_KEY'],
        message: 'is the published local-mode key; production needs its own (openssl rand -base64 32)',
      });
    }
  });

/**
 * Why a configured App ID URI cannot be the bot's: Teams SSO for a bot needs `api://botid-{appId}` (or
 * `api://{host}/botid-{appId}` when the app also has a tab), the audience of the tokens Teams gets.
 */
function ssoAppIdUriProblem(value: string | undefined, appId: string): string | undefined {
  if (value === undefined) return undefined;
  if (!value.startsWith('api://')) return 'must start with api:// (e.g. api://botid-<MICROSOFT_APP_ID>)';
  const uri = value.replace(/\/+$/, '');
  if (uri !== `api://botid-${appId}` && !uri.endsWith(`/botid-${appId}`)) {
    return `must end with botid-${appId} (the bot's app id), as Teams SSO for bots requires`;
  }
  return undefined;
}

/** Why a configured token cache key is refused, without repeating the key. */
function tokenCacheKeyProblem(value: string): string | undefined {
  if (decodeTokenCacheKey(value) !== undefined) return undefined;
  const decodedBytes = /^[A-Za-z0-9+/]+={0,2}$/.test(value.trim())
    ? `it decodes to ${Buffer.from(value.trim(), 'base64').length} bytes`
    : 'it is not base64';
  return (
    `must be the base64 of ${TOKEN_CACHE_KEY_BYTES} random bytes for AES-256 ` +
    `(e.g. openssl rand -base64 32); ${decodedBytes}`
  );
}

export type AppConfig = ReturnType<typeof toConfig>;

/** Azurite's well-known development account (public, documented by Microsoft). */
export const azuriteAccount = {
  name: 'devstoreaccount1',
  key: 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
} as const;

/** The connection string of Azurite's development account at the given loopback ports. */
export function azuriteConnectionStringAt(ports: { blob: number; queue?: number }): string {
  const endpoint = (port: number) => `http://127.0.0.1:${port}/${azuriteAccount.name}`;
  return (
    `DefaultEndpointsProtocol=http;AccountName=${azuriteAccount.name};AccountKey=${azuriteAccount.key};` +
    `BlobEndpoint=${endpoint(ports.blob)};` +
    (ports.queue === undefined ? '' : `QueueEndpoint=${endpoint(ports.queue)};`)
  );
}

/** Azurite on its default ports: local mode's storage unless AZURE_STORAGE_CONNECTION_STRING says otherwise. */
export const azuriteConnectionString = azuriteConnectionStringAt({ blob: 10000, queue: 10001 });

/**
 * The Agents Playground has no sign-in, so local mode maps its users to demo partner users (DESIGN §11).
 * The playground's built-in user (Alex Wilber) acts as the demo Admin agent; `.m365agentsplayground.yml`
 * gives its users the demo partner users' own object ids, which need no mapping.
 */
export const defaultLocalUserMap: Readonly<Record<string, string>> = {
  '00000000-0000-0000-0000-0000000000020': 'a0000000-0000-4000-8000-000000000002',
};

/**
 * The tenant the Agents Playground puts on every activity when it runs without a configuration file
 * (its built-in user above lives there). Local mode admits it next to the partner tenant, so the built-in
 * user keeps working; production never does.
 */
export const playgroundDefaultTenantId = '00000000-0000-0000-0000-0000000000001';

function parseUserMap(value: string): Record<string, string> | undefined {
  const map: Record<string, string> = {};
  for (const pair of value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)) {
    const [from, to, extra] = pair.split('=').map((item) => item.trim());
    if (!from || !to || extra !== undefined) return undefined;
    map[from] = to;
  }
  return map;
}

const localAuthorityHost = 'login.sandbox.test';

/**
 * The sandbox's demo partner tenant and bot registration (sandbox/seeds/demoIds.ts; a test keeps the two
 * in step). Used only in local mode, where production's variables may be left unset.
 */
export const localDefaults = {
  partnerTenantId: 'a0a0a0a0-0000-4000-8000-000000000000',
  clientId: 'b0700000-0000-4000-8000-000000000001',
  clientSecret: 'sandbox-local-secret',
  adminAgentsGroupId: 'a9000000-0000-4000-8000-0000000000a1',
  salesAgentsGroupId: 'a9000000-0000-4000-8000-0000000000a2',
  /**
   * Encrypts the token cache in local mode: the base64 of the 32 ASCII bytes
   * `local-mode-only-token-cache-key!`. Fixed and published rather than random per start, so a restarted
   * bot or a second local process (a worker) reads the same cache; it only ever protects sandbox tokens,
   * since local mode always talks to the sandbox authority. Production refuses it.
   */
  tokenCacheKey: 'bG9jYWwtbW9kZS1vbmx5LXRva2VuLWNhY2hlLWtleSE=',
} as const;

function toConfig(env: z.output<typeof schema>) {
  const isLocal = env.BOT_MODE === 'local';
  return {
    mode: env.BOT_MODE,
    logLevel: env.LOG_LEVEL,
    partnerCenter: {
      baseUrl:
        env.PARTNER_CENTER_BASE_URL ??
        (isLocal ? env.SANDBOX_URL : 'https://api.partnercenter.microsoft.com'),
      locale: env.PARTNER_CENTER_LOCALE,
      attemptTimeoutInMs: env.PARTNER_CENTER_TIMEOUT_MS,
      retry: {
        maxAttempts: env.PARTNER_CENTER_MAX_ATTEMPTS,
        maxElapsedInMs: env.PARTNER_CENTER_MAX_RETRY_TIME_MS,
      },
      rateLimits: {
        perSecond: {
          subscriptions: env.RATE_LIMIT_SUBSCRIPTIONS_PER_SECOND,
          licenseUpdates: env.RATE_LIMIT_LICENSE_UPDATES_PER_SECOND,
          orders: env.RATE_LIMIT_ORDERS_PER_SECOND,
          reads: env.RATE_LIMIT_READS_PER_SECOND,
        },
        instanceShare: env.RATE_LIMIT_INSTANCE_SHARE,
        burstWindowInMs: env.RATE_LIMIT_BURST_WINDOW_MS,
      },
    },
    catalog: {
      /** JSON mapping of options to products per market; local mode uses the sandbox catalog when unset. */
      optionCatalogFile: env.OPTION_CATALOG_FILE,
      /** A Partner Center license-based price list (CSV); local mode uses the sandbox's demo list. */
      priceListFile: env.PRICE_LIST_FILE ?? (isLocal ? 'sandbox/seeds/demo-price-list.csv' : undefined),
      extraRetiredOfferIds: env.RETIRED_OFFER_IDS,
    },
    auth: {
      authorityHost: isLocal ? localAuthorityHost : env.AUTH_AUTHORITY_HOST,
      sandboxUrl: isLocal ? env.SANDBOX_URL : undefined,
      // Local mode falls back to the sandbox's demo partner tenant and app registration, so
      // `npm start` needs no Entra app; production requires every one of these (schema above).
      partnerTenantId: env.PARTNER_TENANT_ID ?? localDefaults.partnerTenantId,
      clientId: env.MICROSOFT_APP_ID ?? localDefaults.clientId,
      clientSecret: env.MICROSOFT_APP_PASSWORD ?? localDefaults.clientSecret,
      adminAgentsGroupId: env.ADMIN_AGENTS_GROUP_ID ?? localDefaults.adminAgentsGroupId,
      salesAgentsGroupId: env.SALES_AGENTS_GROUP_ID ?? localDefaults.salesAgentsGroupId,
      /** Encrypts MSAL's persisted token cache; previous keys still decrypt it while a key is rotated. */
      tokenCache: {
        key: decodeTokenCacheKeyOrFail(env.TOKEN_CACHE_KEY ?? localDefaults.tokenCacheKey),
        previousKeys: env.TOKEN_CACHE_PREVIOUS_KEYS.map(decodeTokenCacheKeyOrFail),
      },
      /**
       * How people sign in: `teams` = Teams SSO (OAuth card, `signin/tokenExchange`, on-behalf-of) with the
       * bot-hosted sign-in page as fallback, always in production and available locally against the
       * sandbox authority; `sandbox` = the local default, the sandbox mints the SSO token (the playground
       * has no SSO).
       */
      signIn: {
        mode: env.SIGN_IN_MODE ?? (isLocal ? 'sandbox' : 'teams'),
        /** The audience of Teams' SSO tokens (the manifest's `webApplicationInfo.resource`). */
        appIdUri: (
          env.SSO_APP_ID_URI ?? `api://botid-${env.MICROSOFT_APP_ID ?? localDefaults.clientId}`
        ).replace(/\/+$/, ''),
      },
      /**
       * Whose people may use the bot at all (issue #6): the partner's tenant, `ALLOWED_TENANT_IDS`, and in
       * local mode the playground's built-in tenant. Lower case.
       */
      allowedTenantIds: [
        ...new Set(
          [
            env.PARTNER_TENANT_ID ?? localDefaults.partnerTenantId,
            ...env.ALLOWED_TENANT_IDS,
            ...(isLocal ? [playgroundDefaultTenantId] : []),
          ].map((id) => id.toLowerCase()),
        ),
      ],
      /** Teams user → demo partner user, local mode only. */
      localUserMap: isLocal ? { ...defaultLocalUserMap, ...parseUserMap(env.LOCAL_USER_MAP) } : {},
    },
    bot: {
      // Local mode listens on loopback only (DESIGN §11); production on every interface of its container.
      host: env.HOST ?? (isLocal ? '127.0.0.1' : '0.0.0.0'),
      port: env.PORT,
      /** Empty in local mode: anonymous Bot Framework requests (the playground), never in production. */
      botFrameworkAppId: isLocal ? '' : (env.MICROSOFT_APP_ID ?? ''),
      maxMessageBytes: env.MAX_MESSAGE_BYTES,
      planInlineBudgetInMs: env.PLAN_INLINE_BUDGET_MS,
    },
    storage: {
      connectionString: env.AZURE_STORAGE_CONNECTION_STRING ?? azuriteConnectionString,
      botStateContainer: env.BOT_STATE_CONTAINER,
      dataContainer: env.DATA_CONTAINER,
      workQueue: env.WORK_QUEUE,
    },
    engine: {
      /** Whether this process runs migrations (the bot does by default; a scaled-out worker too). */
      runWorker: env.MIGRATION_WORKER === 'on',
      /** Stable per instance, unique among live ones: a restarted instance takes its own leases back. */
      workerId: env.WORKER_ID ?? `${hostname()}:${env.PORT}`,
      leaseSeconds: env.LEASE_SECONDS,
      userMoveConcurrency: env.MIGRATION_USER_CONCURRENCY,
      provisioningTimeoutInMs: env.PROVISIONING_TIMEOUT_MINUTES * 60_000,
      progressUpdateIntervalInMs: env.PROGRESS_UPDATE_INTERVAL_MS,
    },
    approvals: {
      fourEyes: env.APPROVAL_FOUR_EYES,
      validityInMs: env.APPROVAL_VALIDITY_HOURS * 3_600_000,
      approverRoles: env.APPROVER_ROLES,
    },
    reminders: {
      /** Whether this instance schedules scans (every instance may; the scan lease elects one). */
      runScheduler: env.REMINDER_SCHEDULER === 'on',
      scanTime: env.REMINDER_SCAN_TIME,
      timeZone: env.REMINDER_TIME_ZONE,
      /** Lead times of a subscription made without "days …". */
      defaultLeadDays: env.REMINDER_LEAD_DAYS,
      /** Customers whose subscriptions a scan reads at once (the route pacing sets the rate). */
      scanConcurrency: env.REMINDER_SCAN_CONCURRENCY,
    },
    audit: {
      retentionDays: env.AUDIT_RETENTION_DAYS,
      /** Signs CSV download links; local mode makes one per process when unset (links die with it). */
      linkKey: env.AUDIT_LINK_KEY ? Buffer.from(env.AUDIT_LINK_KEY, 'utf8') : randomBytes(32),
      linkLifetimeInMs: env.AUDIT_LINK_MINUTES * 60_000,
      /** Where people's browsers reach this bot (download links); local mode: its own address. */
      publicBaseUrl: env.PUBLIC_BASE_URL,
    },
  };
}

/** The schema has checked every key already; this only narrows the type. */
function decodeTokenCacheKeyOrFail(value: string): Buffer {
  const key = decodeTokenCacheKey(value);
  if (!key) throw new ConfigError('Configuration error: a token cache key is invalid.', 'TOKEN_CACHE_KEY');
  return key;
}

/**
 * Validates the environment and returns typed configuration.
 * @throws ConfigError naming the first wrong variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const result = schema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    const received = env[variable];
    // Secrets are never echoed back, not even in a start-up error.
    const shown =
      received === undefined || received === ''
        ? 'not set'
        : /PASSWORD|SECRET|KEY|CONNECTION_STRING/.test(variable)
          ? 'set'
          : `"${received}"`;
    throw new ConfigError(
      `Configuration error: ${variable} (${shown}) ${issue?.message ?? 'is invalid'}. See .env.example.`,
      variable,
    );
  }
  return toConfig(result.data);
}
