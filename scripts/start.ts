import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config.js';
import { composeServices } from '../src/index.js';
import { createLogger } from '../src/services/logging/logger.js';

/**
 * `npm start`: the local stack. Today: the sandbox Partner Center with its token authority, and a check
 * that the product's own client reaches it through msal-node. The bot, Azurite and the Agents Playground
 * join with the conversation issue (#4). Ctrl-C stops everything.
 */
process.env.BOT_MODE ??= 'local';
const config = loadConfig();
const logger = createLogger({ level: config.logLevel });
if (config.mode !== 'local') {
  console.error(
    'npm start runs the local stack; set BOT_MODE=local (production runs `node dist/src/index.js`).',
  );
  process.exit(1);
}

const sandboxUrl = new URL(config.auth.sandboxUrl ?? 'http://127.0.0.1:5100');
const sandbox = spawn(
  process.execPath,
  ['--import', 'tsx', fileURLToPath(new URL('../sandbox/main.ts', import.meta.url))],
  { stdio: 'inherit', env: { ...process.env, PORT: sandboxUrl.port, SANDBOX_HOST: sandboxUrl.hostname } },
);
const stop = () => {
  sandbox.kill('SIGTERM');
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
sandbox.once('exit', (code) => process.exit(code ?? 0));

const services = composeServices(config, logger);
for (let attempt = 0; ; attempt++) {
  try {
    await fetch(new URL('/_sandbox/clock', sandboxUrl));
    break;
  } catch {
    if (attempt > 100) throw new Error(`the sandbox did not start on ${sandboxUrl.href}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const { subscriptions } = await services.e4Subscriptions.listExpiring({ withinDays: 90 });
console.log(
  `\nReady. The bot's Partner Center client reached the sandbox with an app-only token from msal-node:`,
);
console.log(`  ${subscriptions.length} E4 subscriptions end within 90 days.`);
console.log(`  Try it yourself: see "Try the sandbox with curl" in README.md. Ctrl-C stops.`);
