import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '../scripts/freePort.js';

/**
 * Runs the sandbox Partner Center in its own process, so what a benchmark measures in this process
 * (time, resident memory) is the bot side only.
 */
export interface SandboxProcess {
  url: string;
  stop(): Promise<void>;
}

async function waitUntilUp(url: string, child: ChildProcess, timeoutInMs: number): Promise<void> {
  const deadline = Date.now() + timeoutInMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`sandbox exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/_sandbox/clock`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`sandbox did not start within ${timeoutInMs} ms`);
}

/** Starts `sandbox/main.ts` on a free loopback port and waits until it answers. */
export async function startSandboxProcess(env: Record<string, string> = {}): Promise<SandboxProcess> {
  const port = await freePort();
  // Compiled benchmarks (dist/) start the compiled sandbox; from source, tsx runs the TypeScript.
  const compiled = import.meta.url.endsWith('.js');
  const main = fileURLToPath(
    new URL(compiled ? '../sandbox/main.js' : '../sandbox/main.ts', import.meta.url),
  );
  const child = spawn(process.execPath, compiled ? [main] : ['--import', 'tsx', main], {
    env: { ...process.env, ...env, PORT: String(port), SANDBOX_HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilUp(url, child, 30_000);
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
