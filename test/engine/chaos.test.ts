import assert from 'node:assert/strict';
import { startAzurite, type RunningAzurite } from '../helpers/azurite.js';
import { startPartnerCenterHarness, type PartnerCenterHarness } from '../helpers/partnerCenterHarness.js';
import { runChaos } from './chaosRun.js';

/** The short seeded chaos run of `npm test`; `npm run chaos` runs long ones (see scripts/chaos.ts). */
describe('chaos: worker processes killed with SIGKILL, two workers, faults, an unclear checkout', function () {
  this.timeout(240_000);
  let pc: PartnerCenterHarness;
  let azurite: RunningAzurite;
  before(async () => {
    [pc, azurite] = await Promise.all([startPartnerCenterHarness(), startAzurite()]);
  });
  after(async () => Promise.all([pc.close(), azurite.stop()]));

  it('seed 7: every migration ends resting, each bought once, nobody without a license, E4 suspended last', async () => {
    const outcome = await runChaos(pc, azurite, {
      seed: Number(process.env.CHAOS_SEED ?? 7),
      kills: 4,
      workers: 2,
      serverErrorProbability: 0.1,
      timeoutInMs: 200_000,
      log: process.env.CHAOS_LOG ? (line) => process.stderr.write(`${line}\n`) : undefined,
    });
    assert.deepEqual(outcome.violations, []);
    assert.equal(outcome.kills, 4);
    assert.equal(outcome.unclearCheckouts, 1);
    for (const migration of outcome.migrations) {
      assert.ok(
        ['completed', 'paused', 'failed'].includes(migration.state),
        `${migration.id} is ${migration.state}`,
      );
    }
    const [contoso, vanDerBerg, fabrikam] = outcome.migrations;
    assert.equal(contoso?.state, 'completed', JSON.stringify(contoso?.reason));
    assert.equal(vanDerBerg?.state, 'completed', JSON.stringify(vanDerBerg?.reason));
    // Fabrikam's users without usage location or with a group license can't move: it pauses, saying who.
    assert.equal(fabrikam?.state, 'paused');
    assert.equal(fabrikam?.reason?.code, 'userFailures');
    assert.deepEqual([...new Set(fabrikam?.users.failures.map((failure) => failure.code))].sort(), [
      '60010',
      '60011',
    ]);
    assert.equal(
      (fabrikam?.users.moved ?? 0) + (fabrikam?.users.failures.length ?? 0),
      fabrikam?.users.total,
    );
  });
});
