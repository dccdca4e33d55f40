import { join } from 'node:path';
import { azuriteConnectionString, loadConfig } from '../src/config.js';
import { ConfigError } from '../src/services/errors.js';
import { createLogger } from '../src/services/logging/logger.js';
import { repoRoot, startLocalStack, type LocalStack } from './localStack.js';

/**
 * `npm start`: the whole local stack on loopback — Azurite (data under `.data/azurite`), the sandbox
 * Partner Center, the bot in explicit local mode and the Microsoft 365 Agents Playground — then a short
 * summary of where to go and what to type. Ctrl-C (or SIGTERM) stops everything.
 *
 * Ports: the bot's PORT (3978), SANDBOX_URL's port (5100), Azurite's 10000/10001 and the playground's
 * 56150 are preferred; one that is taken falls back to a free port and the summary says so.
 * AZURE_STORAGE_CONNECTION_STRING, when set to anything but the Azurite default, is used instead of
 * starting Azurite. Every service's output goes to `.data/logs/<service>.log`.
 */

process.env.BOT_MODE ??= 'local';
let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}
if (config.mode !== 'local') {
  console.error(
    'npm start runs the local stack; set BOT_MODE=local (production runs `node dist/src/main.js`).',
  );
  process.exit(1);
}

const dataDir = join(repoRoot, '.data');
const logDir = join(dataDir, 'logs');
const ownStorage =
  config.storage.connectionString === azuriteConnectionString ? undefined : config.storage.connectionString;

let stack: LocalStack | undefined;
let stoppingSince: number | undefined;
const shutdown = async (code: number) => {
  if (stoppingSince !== undefined) {
    // npm and tsx pass Ctrl-C on too, so one keypress arrives more than once: only a later one forces.
    if (Date.now() - stoppingSince < 1_500) return;
    console.log('Stopping anyway.');
    process.exit(code || 130);
  }
  stoppingSince = Date.now();
  if (stack) {
    console.log('\nStopping the playground, the bot, the sandbox and Azurite…');
    await stack.stop();
  }
  // Anything still starting is killed by the stack's exit hook.
  process.exit(code);
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => void shutdown(0));
}

try {
  stack = await startLocalStack({
    ports: {
      blob: 10000,
      queue: 10001,
      sandbox: Number(new URL(config.auth.sandboxUrl ?? 'http://127.0.0.1:5100').port || 80),
      bot: config.bot.port || 3978,
      playground: 56150,
    },
    azuriteLocation: join(dataDir, 'azurite'),
    storageConnectionString: ownStorage,
    logDir,
    onProgress: (line) => console.log(line),
    onUnexpectedExit: (service, code, signal) => {
      if (stoppingSince !== undefined) return;
      console.error(`\n${service} stopped unexpectedly (${code ?? signal}).`);
      console.error(stack?.recentOutput(service) ?? '');
      console.error(`Full output: ${join(logDir, `${service}.log`)}`);
      void shutdown(1);
    },
  });
} catch (error) {
  console.error(`\nThe local stack did not start: ${error instanceof Error ? error.message : String(error)}`);
  console.error(`Logs: ${logDir}`);
  process.exit(1);
}

// The bot's own Partner Center client (msal-node app-only token, retries, rate limits) against the sandbox.
let expiring = '';
try {
  // restify (imported by the composition root) trips a Node deprecation warning that means nothing here.
  process.noDeprecation = true;
  const { composeServices } = await import('../src/index.js');
  const services = composeServices(
    loadConfig({ ...process.env, BOT_MODE: 'local', SANDBOX_URL: stack.urls.sandbox }),
    createLogger({ level: 'silent' }),
  );
  const { subscriptions } = await services.e4Subscriptions.listExpiring({ withinDays: 90 });
  expiring = `${subscriptions.length} demo E4 subscriptions end within 90 days (type "expiring").`;
} catch (error) {
  expiring = `(could not list expiring E4 subscriptions: ${error instanceof Error ? error.message : String(error)})`;
}

const { urls } = stack;
const line = '─'.repeat(72);
console.log(`
${line}
 E4 Migration Assistant — local stack is running
${line}
 Open the Agents Playground:  ${urls.playground}
   and pick "Personal Chat" (or Group Chat, or the team's channels).

 You are Anna Andersson, Admin agent of the demo partner "Adatum CSP"
 (.m365agentsplayground.yml). Things to type:
   migrate customer Contoso          English: comparison card, then a plan
   migrera kund Fabrikam Nordic      Swedish (migreer klant … for Dutch)
   expiring                          every E4 ending within 90 days
   help                              what the bot can do

 Other roles: in the playground use "Mock an Activity" → "Custom activity"
 and set "from" to another user from .m365agentsplayground.yml (Greta:
 Global admin, Adriaan: second Admin agent, Sven: Sales agent, Nils: no
 role, Mats: Admin agent without MFA).

 ${expiring}

 Bot:      ${urls.messages}  (local mode: no token, loopback only)
 Sandbox:  ${urls.sandbox}  (Partner Center API and token authority)
 Storage:  ${ownStorage ? 'AZURE_STORAGE_CONNECTION_STRING' : `Azurite ${urls.blob}, ${urls.queue} — data in .data/azurite`}
 Logs:     .data/logs/<service>.log
${stack.portNotes.map((note) => ` Note: ${note}\n`).join('')}
 Ctrl-C stops everything.
${line}`);
