import { fileURLToPath } from 'node:url';
import { buildAppPackage } from './teamsAppPackage.js';

/**
 * `npm run package`: builds manifest/build/e4-migration-assistant.zip. Values from the environment:
 * MICROSOFT_APP_ID (the bot's Entra app id), BOT_DOMAIN (host name), APP_VERSION (default package.json's),
 * SSO_APP_ID_URI (the App ID URI Teams SSO asks tokens for; default api://botid-<MICROSOFT_APP_ID>).
 * Without MICROSOFT_APP_ID it uses the sandbox's demo app id, for trying the package locally.
 */
const output = fileURLToPath(new URL('../manifest/build/e4-migration-assistant.zip', import.meta.url));
const version = (await import('../package.json', { with: { type: 'json' } })).default.version;
await buildAppPackage(output, {
  botId: process.env.MICROSOFT_APP_ID || 'b0700000-0000-4000-8000-000000000001',
  botDomain: process.env.BOT_DOMAIN || 'e4-migration.example.com',
  appVersion: process.env.APP_VERSION || version,
  ...(process.env.SSO_APP_ID_URI ? { ssoAppIdUri: process.env.SSO_APP_ID_URI } : {}),
});
console.log(`Teams app package: ${output}`);
