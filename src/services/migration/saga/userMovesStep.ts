import { setMaxListeners } from 'node:events';
import PQueue from 'p-queue';
import { isPartnerCenterError, SignInRequiredError, signInReasonOf401 } from '../../errors.js';
import type { CustomerUser, License, LicenseAssignment } from '../../partner-center/models.js';
import { operationKeyOf } from '../migrationJournal.js';
import { deriveRequestId } from '../../partner-center/requestIds.js';
import type { MigrationRecord, UserFailure } from '../migrationRecord.js';
import { advance, pause, type StepContext, type StepOutcome } from './stepContext.js';
import type { UserMoveIntent } from './userMoveLog.js';

/**
 * Moving every E4 holder to the target(s), one license update per user that assigns the targets and
 * removes E4 together (never a user without a license), keeping the plans the user had disabled.
 *
 * Idempotent by construction: users are found by what they hold *now*, so after a crash the ones already
 * moved no longer hold E4 and are skipped; a user whose update's answer was lost is retried with the same
 * request id (Partner Center replays it). Reads and updates overlap user by user, and the client's pacing
 * keeps both within Partner Center's limits.
 */
export async function userMovesStep(ctx: StepContext): Promise<StepOutcome> {
  const { record } = ctx;
  const round = record.users.round;
  const e4 = record.e4.licenseSkuId.toLowerCase();
  const options = { correlationId: record.correlationId };
  const stop = new AbortController();
  // Every call in flight listens to the signal: hundreds at once are expected, not a leak.
  setMaxListeners(0, stop.signal);
  const abortAll = () => stop.abort();
  ctx.signal.addEventListener('abort', abortAll, { once: true });
  const signal = stop.signal;

  const planIds = await targetPlanIds(ctx);
  let movedNow = 0;
  let found = 0;
  const failures: UserFailure[] = [];
  let halt: StepOutcome | Error | undefined;
  let lastCheckpoint = Date.now();
  const moves = new PQueue({ concurrency: ctx.settings.userMoveConcurrency });

  const stopWith = (outcome: StepOutcome | Error) => {
    halt ??= outcome;
    stop.abort();
    moves.clear();
  };

  const checkpoint = async () => {
    lastCheckpoint = Date.now();
    const saved = await ctx.save((next) => {
      next.users.moved = record.users.moved + movedNow;
      next.users.total = Math.max(next.users.total, next.users.moved + failures.length);
      next.users.failures = [...failures];
    });
    ctx.changed(saved);
    if (saved.control) stopWith({ kind: 'stop' });
  };

  const moveOne = async (user: CustomerUser, e4License: License) => {
    if (signal.aborted) return;
    if (e4License.assignedByGroup) {
      failures.push(failureOf(user, round, '60011', `Assigned through group ${e4License.assignedByGroup}.`));
      return;
    }
    const disabled = new Set(
      e4License.servicePlans
        .filter((plan) => plan.capabilityStatus === 'Disabled')
        .map((plan) => plan.id.toLowerCase()),
    );
    const licensesToAssign: LicenseAssignment[] = record.targets.map((target) => {
      const excluded = (planIds.get(target.licenseSkuId.toLowerCase()) ?? []).filter((id) =>
        disabled.has(id),
      );
      return excluded.length > 0
        ? { skuId: target.licenseSkuId, excludedPlans: excluded }
        : { skuId: target.licenseSkuId };
    });
    try {
      await ctx.partnerCenter.updateUserLicenses(
        record.customer.id,
        user.id,
        { licensesToAssign, licensesToRemove: [record.e4.licenseSkuId] },
        {
          ...options,
          abortSignal: signal,
          requestId: deriveRequestId(operationKeyOf(record), 'moveUser', user.id, round),
        },
      );
      movedNow++;
    } catch (error) {
      if (signal.aborted) return;
      if (
        isPartnerCenterError(error) &&
        !error.isOutcomeUnknown &&
        error.status !== 401 &&
        error.status !== 403 &&
        error.status !== 429
      ) {
        failures.push(failureOf(user, round, error.errorCode ?? String(error.status), error.description));
        return;
      }
      stopWith(outcomeOf(error));
    }
    if (Date.now() - lastCheckpoint >= ctx.settings.checkpointEveryInMs) await checkpoint();
  };

  // Each user flows on their own: license read → intent stored (grouped) → license update. Reads of
  // the next users (and the next page) go on while earlier ones move, so neither route family idles.
  const reads = new PQueue({ concurrency: ctx.settings.userReadConcurrency });
  const intents = ctx.moveLog.writer(record.id, round);
  const handoffs = new Set<Promise<void>>();
  const failStep = (error: unknown) => {
    if (!signal.aborted) stopWith(outcomeOf(error));
  };
  const readOne = async (user: CustomerUser) => {
    if (signal.aborted) return;
    const licenses = await ctx.partnerCenter.listUserLicenses(record.customer.id, user.id, {
      ...options,
      abortSignal: signal,
    });
    const e4License = licenses.find((license) => license.productSku.id.toLowerCase() === e4);
    if (!e4License) return;
    found++;
    // Stored before the user moves: a roll back must know every user this migration may have moved.
    const handoff = intents.add(intentOf(user, e4License)).then(() => {
      if (!signal.aborted) void moves.add(() => moveOne(user, e4License));
    }, failStep);
    handoffs.add(handoff);
    void handoff.finally(() => handoffs.delete(handoff));
  };

  try {
    const pages = ctx.partnerCenter
      .listCustomerUsers(record.customer.id, {
        ...options,
        abortSignal: signal,
        size: ctx.settings.userPageSize,
      })
      .byPage()
      [Symbol.asyncIterator]();
    let nextPage = pages.next();
    for (;;) {
      const page = await nextPage;
      if (page.done || signal.aborted) break;
      nextPage = pages.next();
      // Read ahead while this page is worked on; a failure is met when it is awaited (or the step ends).
      nextPage.catch(() => undefined);
      for (const user of page.value.items) {
        // Bounded read-ahead keeps memory flat on a 5,000-user tenant.
        await reads.onSizeLessThan(ctx.settings.userReadConcurrency);
        await moves.onSizeLessThan(ctx.settings.userMoveConcurrency * 2);
        if (signal.aborted) break;
        void reads.add(() => readOne(user).catch(failStep));
      }
    }
    await reads.onIdle();
  } catch (error) {
    failStep(error);
  } finally {
    ctx.signal.removeEventListener('abort', abortAll);
  }
  await reads.onIdle();
  await intents.flush();
  await Promise.all(handoffs);
  await moves.onIdle();
  if (ctx.signal.aborted) return { kind: 'stop' };
  if (halt instanceof Error) {
    await checkpoint();
    throw halt;
  }
  if (halt) {
    await checkpoint();
    return halt;
  }

  // Derived from the move log, not counted: a user moved after the last checkpoint of a pass that was
  // then cut short (a crash) no longer holds E4, so no later pass would count them. Everyone any round
  // meant to move has moved, except this round's failures, who still hold E4.
  const moved = (await ctx.moveLog.intents(record.id)).length - failures.length;
  const apply = (next: MigrationRecord) => {
    next.users.moved = moved;
    next.users.total = Math.max(next.users.total, moved + failures.length, found);
    next.users.failures = failures;
  };
  if (failures.length > 0) {
    const onlySeats = failures.every((failure) => failure.code === seatsExhaustedCode);
    const outcome = pause(onlySeats ? 'quantityExceeded' : 'userFailures', `${failures.length}`);
    await ctx.save(apply);
    return outcome;
  }
  return advance('verifying', { apply });
}

/** Partner Center: more assignments than the subscription's seats. */
const seatsExhaustedCode = '60012';

/** Service plan ids of each target license SKU (excluded plans must be plans of the SKU assigned). */
async function targetPlanIds(ctx: StepContext): Promise<Map<string, string[]>> {
  const skus = await ctx.partnerCenter.listSubscribedSkus(ctx.record.customer.id, {
    correlationId: ctx.record.correlationId,
    abortSignal: ctx.signal,
  });
  return new Map(
    skus.map((sku) => [
      sku.productSku.id.toLowerCase(),
      sku.servicePlans.map((plan) => plan.id.toLowerCase()),
    ]),
  );
}

function intentOf(user: CustomerUser, e4License: License): UserMoveIntent {
  return {
    id: user.id,
    userPrincipalName: user.userPrincipalName,
    disabledE4PlanIds: e4License.servicePlans
      .filter((plan) => plan.capabilityStatus === 'Disabled')
      .map((plan) => plan.id.toLowerCase()),
  };
}

function failureOf(
  user: Pick<CustomerUser, 'id' | 'userPrincipalName'>,
  round: number,
  code: string,
  description: string,
): UserFailure {
  return { userId: user.id, userPrincipalName: user.userPrincipalName, code, description, round };
}

/**
 * What stops the whole step rather than one user: no token (sign in), no permission (GDAP), or Partner
 * Center not answering (the worker tries again later; moved users are skipped then).
 */
export function outcomeOf(error: unknown): StepOutcome | Error {
  if (error instanceof SignInRequiredError) return pause('needsSignIn', error.reason);
  const signIn = signInReasonOf401(error);
  if (signIn) return pause('needsSignIn', signIn);
  if (isPartnerCenterError(error) && error.status === 403) {
    return pause('partnerCenterError', `403 ${error.errorCode ?? ''}: ${error.description}`);
  }
  return error instanceof Error ? error : new Error(String(error));
}
