import { loadConfig } from './config.js';
import { startApp } from './index.js';
import { ConfigError } from './services/errors.js';
import { createLogger } from './services/logging/logger.js';

/**
 * The process entry (`node dist/src/main.js` in production; `npm start` runs it with the local stack).
 * Configuration errors stop the process with the variable's name before anything listens.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel });
  const app = await startApp(config, logger);
  if (config.mode === 'local') {
    logger.warn(
      { url: app.url },
      'LOCAL MODE: bound to loopback, Bot Framework requests are accepted without a token, Partner Center is the sandbox',
    );
  }
  logger.info({ url: `${app.url}/api/messages`, mode: config.mode }, 'bot listening');
  const stop = () => {
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

try {
  await main();
} catch (error) {
  // A configuration problem is the operator's to fix: say which variable, without a stack trace.
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
}
