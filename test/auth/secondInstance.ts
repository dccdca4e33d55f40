/**
 * A second bot instance in its own process (forked by persistedTokenCache.test.ts): the same storage
 * and TOKEN_CACHE_KEY as the first, and no SSO assertion for the person, as when a paused migration is
 * resumed by whichever instance picks it up. It asks once for the person's delegated token and sends the
 * answer to the parent over IPC.
 */
import { instanceProvider, noAssertions, type InstanceSettings } from './tokenCacheKit.js';

const settings = JSON.parse(process.env['INSTANCE_SETTINGS'] ?? '{}') as InstanceSettings;
const user = JSON.parse(process.env['INSTANCE_USER'] ?? '{}') as { oid: string; tenantId: string };

const answer = await instanceProvider(settings, noAssertions)
  .getDelegatedToken(user)
  .then(
    (result) => ({
      ...result,
      ...(result.kind === 'token' ? { expiresOn: result.expiresOn.toISOString() } : {}),
      pid: process.pid,
    }),
    (error: unknown) => ({ kind: 'error', message: error instanceof Error ? error.message : String(error) }),
  );
// Disconnecting only once the message is out lets the process end by itself.
process.send?.(answer, () => process.disconnect());
