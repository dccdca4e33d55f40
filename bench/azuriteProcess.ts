import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '../scripts/freePort.js';

/**
 * Azurite (blob only, in memory, telemetry off) in its own process for the benchmarks: the bot's state,
 * documents and conversation references go to real blob storage over HTTP, as in production.
 * (test/helpers/azurite.ts does the same for tests; its path to Azurite doesn't hold from `dist/`.)
 */
export interface AzuriteProcess {
  connectionString: string;
  stop(): Promise<void>;
}

/** Azurite's well-known development account (public, documented by Microsoft). */
const account = 'devstoreaccount1';
const accountKey = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export async function startAzuriteProcess(): Promise<AzuriteProcess> {
  const port = await freePort();
  // Compiled benchmarks run from dist/bench/, from source from bench/.
  const compiled = import.meta.url.endsWith('.js');
  const bin = fileURLToPath(
    new URL(`${compiled ? '../../' : '../'}node_modules/azurite/dist/src/blob/main.js`, import.meta.url),
  );
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
  const blobEndpoint = `http://127.0.0.1:${port}/${account}`;
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
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${account};AccountKey=${accountKey};BlobEndpoint=${blobEndpoint};`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
