import { forgetStoredSignIn } from '../src/composeSignIn.js';
import { loadConfig } from '../src/config.js';
import { ConfigError } from '../src/services/errors.js';
import { createLogger } from '../src/services/logging/logger.js';

/**
 * `npm run sign-out -- <object id> [tenant id]`: for operators (offboarding, a lost device, rotating).
 * Deletes one person's stored sign-in — their encrypted token partition in the data container — with the
 * bot's own configuration (the same environment as the bot: AZURE_STORAGE_CONNECTION_STRING,
 * DATA_CONTAINER, TOKEN_CACHE_KEY, PARTNER_TENANT_ID…). The tenant defaults to PARTNER_TENANT_ID.
 * Afterwards no instance can renew the person's Partner Center token; their next command asks them to
 * sign in. An SSO assertion a running instance holds in memory works until it expires (about an hour):
 * revoke the person's sessions in Entra to end that too. Exit code 0 whether or not there was anything
 * to delete; 2 for a configuration error or a missing object id; 1 when storage failed.
 */
const [oid, tenant] = process.argv.slice(2);
if (!oid || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(oid)) {
  console.error('Usage: npm run sign-out -- <Entra object id of the person> [tenant id]');
  process.exit(2);
}
try {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel });
  const tenantId = tenant ?? config.auth.partnerTenantId;
  const removed = await forgetStoredSignIn(config, { oid, tenantId }, logger);
  console.log(
    removed
      ? `Deleted the stored sign-in of ${oid} (tenant ${tenantId}).`
      : `No stored sign-in for ${oid} (tenant ${tenantId}); nothing to delete.`,
  );
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(
    `The stored sign-in could not be deleted: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
}
