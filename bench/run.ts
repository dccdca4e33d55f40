import { mkdirSync, writeFileSync } from 'node:fs';
import { runLicenseThroughputBench } from './licenseThroughput.js';
import { runMigrationThroughputBench } from './migrationThroughput.js';
import { runReminderScanBench } from './reminderScan.js';
import { runTurnLatencyBench } from './turnLatency.js';

/**
 * `npm run bench`: every benchmark, ratios measured in this one run, results also saved as JSON.
 * `npm run bench -- turn` (or `license`, `migration`, `reminders`) runs one; options after it go to that benchmark.
 */
const benchmarks = {
  licenseThroughput: { alias: 'license', run: runLicenseThroughputBench },
  migrationThroughput: { alias: 'migration', run: runMigrationThroughputBench },
  turnLatency: { alias: 'turn', run: runTurnLatencyBench },
  reminderScan: { alias: 'reminders', run: runReminderScanBench },
} as const;
type BenchmarkName = keyof typeof benchmarks;

const names = Object.keys(benchmarks) as BenchmarkName[];
const asked = process.argv
  .slice(2)
  .filter((arg, index, args) => !arg.startsWith('--') && !args[index - 1]?.startsWith('--'));
const unknown = asked.filter((arg) => !names.some((name) => name === arg || benchmarks[name].alias === arg));
if (unknown.length > 0) {
  console.error(
    `Unknown benchmark ${unknown.join(', ')}; choose from ${names.map((name) => `${benchmarks[name].alias} (${name})`).join(', ')}.`,
  );
  process.exit(1);
}
const selected = asked.length
  ? names.filter((name) => asked.includes(name) || asked.includes(benchmarks[name].alias))
  : names;

const results: Partial<Record<BenchmarkName, unknown>> = {};
for (const name of selected) results[name] = await benchmarks[name].run();
// bench/results/ in the source tree, whether this runs compiled (dist/bench/) or from source.
const resultsDir = new URL(
  import.meta.url.endsWith('.js') ? '../../bench/results/' : './results/',
  import.meta.url,
);
mkdirSync(resultsDir, { recursive: true });
const resultFile = new URL(`${new Date().toISOString().replace(/[:.]/g, '-')}.json`, resultsDir);
writeFileSync(resultFile, JSON.stringify(results, null, 2));
console.log(`\nResults: ${resultFile.pathname}`);
