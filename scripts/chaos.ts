import { startAzurite } from '../test/helpers/azurite.js';
import { startPartnerCenterHarness } from '../test/helpers/partnerCenterHarness.js';
import { runChaos } from '../test/engine/chaosRun.js';

/**
 * `npm run chaos [-- --seeds 10 --from 1 --kills 8]`: the long chaos run. Each seed is one reproducible
 * run of test/engine/chaosRun.ts (worker processes killed with SIGKILL, two workers, faults, an unclear
 * checkout) with more kills than the short run in `npm test`; any violation of the safety rules exits 1
 * naming the seed to replay (`CHAOS_SEED=n npm test`, or `--from n --seeds 1`).
 */
function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  return Number.isFinite(value) ? value : fallback;
}

const seeds = option('seeds', 10);
const from = option('from', 1);
const kills = option('kills', 8);
const [pc, azurite] = await Promise.all([startPartnerCenterHarness(), startAzurite()]);
let failed = 0;
try {
  for (let seed = from; seed < from + seeds; seed++) {
    const started = Date.now();
    const outcome = await runChaos(pc, azurite, {
      seed,
      kills,
      workers: 2,
      serverErrorProbability: 0.1,
      timeoutInMs: 300_000,
    });
    const states = outcome.migrations.map(
      (migration) => `${migration.customer.companyName}: ${migration.state}`,
    );
    const verdict = outcome.violations.length === 0 ? 'ok' : 'VIOLATED';
    console.log(
      `seed ${seed}: ${verdict} in ${Math.round((Date.now() - started) / 1000)} s, ${outcome.kills} kills — ${states.join(', ')}`,
    );
    for (const violation of outcome.violations) console.log(`  ${violation}`);
    if (outcome.violations.length > 0) failed++;
  }
} finally {
  await Promise.all([pc.close(), azurite.stop()]);
}
console.log(
  failed === 0 ? `All ${seeds} seeds kept the safety rules.` : `${failed} of ${seeds} seeds broke a rule.`,
);
process.exit(failed === 0 ? 0 : 1);
