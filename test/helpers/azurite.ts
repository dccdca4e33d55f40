import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { freePort } from '../../scripts/freePort.js';
import { azuriteAccount, azuriteConnectionStringAt } from '../../src/config.js';

/**
 * Azurite (the Azure Storage emulator) on free loopback ports, in memory, for storage contract tests:
 * blob and queue (and table, which nothing uses yet) in one child process. The same storage SDK code
 * runs against a real storage account in production.
 */
export interface RunningAzurite {
  blobEndpoint: string;
  queueEndpoint: string;
  /** The development account with both BlobEndpoint and QueueEndpoint. */
  connectionString: string;
  stop(): Promise<void>;
}

export async function startAzurite(): Promise<RunningAzurite> {
  const blobPort = await freePortOtherThan();
  const queuePort = await freePortOtherThan(blobPort);
  const tablePort = await freePortOtherThan(blobPort, queuePort);
  // Resolved like an import, so the path holds from source and from compiled benchmarks in dist/.
  // azurite.js runs all three services in one process: one child to start, wait for and stop.
  const bin = createRequire(import.meta.url).resolve('azurite/dist/src/azurite.js');
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
      String(blobPort),
      '--queueHost',
      '127.0.0.1',
      '--queuePort',
      String(queuePort),
      // Table is started by azurite.js regardless; a free port keeps it off the default 10002.
      '--tableHost',
      '127.0.0.1',
      '--tablePort',
      String(tablePort),
    ],
    // stdout carries azurite.js's own "listening at" lines even with --silent: dropped.
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const blobEndpoint = `http://127.0.0.1:${blobPort}/${azuriteAccount.name}`;
  const queueEndpoint = `http://127.0.0.1:${queuePort}/${azuriteAccount.name}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  try {
    // The blob service starts first and the queue second: waiting for the queue means both answer.
    await waitUntilAnswering(`${queueEndpoint}?comp=list`, () => child.exitCode);
    await waitUntilAnswering(`${blobEndpoint}?comp=list`, () => child.exitCode);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    blobEndpoint,
    queueEndpoint,
    connectionString: azuriteConnectionStringAt({ blob: blobPort, queue: queuePort }),
    stop,
  };
}

async function waitUntilAnswering(url: string, exitCode: () => number | null): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const code = exitCode();
    if (code !== null) throw new Error(`azurite exited with ${code}`);
    try {
      await fetch(url);
      return;
    } catch {
      if (Date.now() > deadline) throw new Error('azurite did not start');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** A free port not in `taken` (each probe closes its socket, so the same port can come back). */
async function freePortOtherThan(...taken: number[]): Promise<number> {
  for (;;) {
    const port = await freePort();
    if (!taken.includes(port)) return port;
  }
}
