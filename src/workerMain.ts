import { composeEngine } from './composeEngine.js';
import { composeServices } from './composeServices.js';
import { loadConfig } from './config.js';
import { ConfigError } from './services/errors.js';
import { createLogger } from './services/logging/logger.js';

/**
 * A worker-only process (`node dist/src/workerMain.js`): runs migrations from the shared queue without
 * serving Teams, to scale out or to keep long migrations off the bot's instances. Same configuration as
 * the bot. Progress cards are updated by the bot instances when people look (Refresh) and at each
 * state change they observe; this process only moves the saga.
 */
function main(): void {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel });
  const services = composeServices(config, logger);
  const engine = composeEngine(config, services, logger);
  engine.worker.start();
  engine.auditRetention.start();
  logger.info(
    { workerId: config.engine.workerId, queue: config.storage.workQueue },
    'migration worker running',
  );
  const stop = () => {
    Promise.all([engine.worker.stop(), engine.auditRetention.stop()]).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

try {
  main();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(2);
}
