import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startAzurite } from '../test/helpers/azurite.js';
import { sandboxAdmin } from './benchGraph.js';
import type { ReminderRunnerDone, ReminderRunnerError } from './reminderRunner.js';
import { startSandboxProcess } from './sandboxProcess.js';

/**
 * Issue #7's benchmark: one reminder scan over the 10,000-customer generated seed with 50 requests/s and
 * 200 ms latency must take at most 1.2 × (calls needed / rate), with the bot side's resident memory under
 * 200 MB. Calls needed: the customer list's pages (100 per page) and one subscription list per customer,
 * all in the reads family. The bot side is `bench/reminderRunner.ts` (composeServices + composeReminders,
 * digests and states in Azurite, cards counted instead of sent to Teams), in a process of its own.
 *
 * Options: `--customers N` (default 10000), `--rate R` (50), `--latency MS` (200), `--concurrency N`
 * (REMINDER_SCAN_CONCURRENCY, default 32 as the product's).
 */

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

/** Customers per page the client lists (the Partner Center client's default). */
const customerPageSize = 100;

function runRunner(env: Record<string, string>, cwd: string): Promise<ReminderRunnerDone> {
  const compiled = import.meta.url.endsWith('.js');
  const main = fileURLToPath(
    new URL(compiled ? './reminderRunner.js' : './reminderRunner.ts', import.meta.url),
  );
  const child = fork(main, [], {
    cwd,
    env: { ...process.env, ...env },
    execArgv: compiled ? [] : ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    let answer: ReminderRunnerDone | undefined;
    child.on('message', (message: ReminderRunnerDone | ReminderRunnerError) => {
      if (message.type === 'error') reject(new Error(`bot side failed: ${message.message}`));
      else answer = message;
    });
    child.on('exit', (code) =>
      answer && code === 0 ? resolve(answer) : reject(new Error(`bot side exited with ${code}`)),
    );
  });
}

export async function runReminderScanBench(): Promise<Record<string, unknown>> {
  const customers = option('customers', 10_000);
  const rate = option('rate', 50);
  const latencyMs = option('latency', 200);
  const concurrency = option('concurrency', 32);
  const repoRoot = fileURLToPath(
    new URL(import.meta.url.endsWith('.js') ? '../../' : '../', import.meta.url),
  );

  const azurite = await startAzurite();
  const sandbox = await startSandboxProcess();
  try {
    await sandboxAdmin(sandbox.url, 'POST', '/_sandbox/seed', { kind: 'generated', customers });
    const limit = { perSecond: rate };
    await sandboxAdmin(sandbox.url, 'PUT', '/_sandbox/faults', {
      latencyMs,
      rateLimits: { reads: limit, subscriptions: limit, licenseUpdates: limit, orders: limit },
    });
    const done = await runRunner(
      {
        BOT_MODE: 'local',
        LOG_LEVEL: 'silent',
        SANDBOX_URL: sandbox.url,
        AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
        MIGRATION_WORKER: 'off',
        REMINDER_SCHEDULER: 'off',
        WORKER_ID: 'bench-reminders',
        REMINDER_SCAN_CONCURRENCY: String(concurrency),
        RATE_LIMIT_READS_PER_SECOND: String(rate),
        RATE_LIMIT_SUBSCRIPTIONS_PER_SECOND: String(rate),
      },
      repoRoot,
    );
    const ledger = (await sandboxAdmin(sandbox.url, 'GET', '/_sandbox/ledger?kind=fault')) as {
      entries: { fault?: string }[];
    };
    const throttled = ledger.entries.filter((entry) => entry.fault === 'rateLimit').length;
    const callsNeeded = Math.ceil(customers / customerPageSize) + customers;
    const callsMade = Object.values(done.calls).reduce((sum, count) => sum + count, 0);
    const boundSeconds = callsNeeded / rate;
    const ratio = done.elapsedSeconds / boundSeconds;
    const result = {
      customers,
      rate,
      latencyMs,
      concurrency,
      callsNeeded,
      callsMade,
      callsByRoute: done.calls,
      boundSeconds,
      elapsedSeconds: done.elapsedSeconds,
      ratio,
      ratioGoal: 1.2,
      pass: ratio <= 1.2,
      peakResidentMemoryMb: done.peakRssMb,
      residentMemoryBeforeRunMb: done.rssBeforeRunMb,
      peakHeapUsedMb: done.peakHeapUsedMb,
      memoryGoalMb: 200,
      memoryPass: done.peakRssMb < 200,
      outcome: done.outcome,
      remindersInDigest: done.remindersInDigest,
      cardsSent: done.cardsSent,
      cardBytes: done.cardBytes,
      throttled429: throttled,
    };
    console.log(
      `\nReminder scan — ${customers} customers, ${rate} req/s, ${latencyMs} ms latency, scan concurrency ${concurrency}`,
    );
    console.log(
      `  calls needed ${callsNeeded} (${Math.ceil(customers / customerPageSize)} customer pages + ${customers} subscription lists), made ${callsMade}`,
    );
    console.log(
      `  elapsed ${done.elapsedSeconds.toFixed(1)} s vs ${boundSeconds.toFixed(1)} s at the rate → ${ratio.toFixed(3)}× (goal ≤ 1.2) ${result.pass ? 'PASS' : 'FAIL'}`,
    );
    console.log(
      `  bot-side peak RSS ${done.peakRssMb} MB (goal < 200) ${result.memoryPass ? 'PASS' : 'FAIL'}; before the scan ${done.rssBeforeRunMb} MB; V8 heap peak ${done.peakHeapUsedMb} MB`,
    );
    console.log(
      `  ${done.remindersInDigest} reminders in ${done.cardsSent} card (${done.cardBytes} bytes); 429s from the sandbox: ${throttled}`,
    );
    return result;
  } finally {
    await sandbox.stop();
    await azurite.stop();
  }
}
