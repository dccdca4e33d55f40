import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { freePort } from '../../scripts/freePort.js';
import { azuriteAccount, azuriteConnectionStringAt } from '../../src/config.js';

/**
 * Azurite (the Azure Storage emulator) on a free loopback port, in memory, for storage contract tests.
 * The same storage SDK code runs against a real storage account in production.
 */
export interface RunningAzurite {
  blobEndpoint: string;
  connectionString: string;
  stop(): Promise<void>;
}

export async function startAzurite(): Promise<RunningAzurite> {
  const port = await freePort();
  // Resolved like an import, so the path holds from source and from compiled benchmarks in dist/.
  const bin = createRequire(import.meta.url).resolve('azurite/dist/src/blob/main.js');
  const child = spawn(
    process.execPath,
    [
      bin,
      '--silent',
      '--disableTelemetry',
      '--inMemoryPersistence',
      '--skipApiVersionCheck',
      '--loose',
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      String(port),
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const blobEndpoint = `http://127.0.0.1:${port}/${azuriteAccount.name}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`azurite exited with ${child.exitCode}`);
    try {
      await fetch(`${blobEndpoint}?comp=list`);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error('azurite did not start');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    blobEndpoint,
    connectionString: azuriteConnectionStringAt({ blob: port }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
