import PQueue from 'p-queue';
import { isPartnerCenterError } from '../../errors.js';
import type { LicenseAssignment } from '../../partner-center/models.js';
import { operationKeyOf } from '../migrationJournal.js';
import { deriveRequestId } from '../../partner-center/requestIds.js';
import type { UserFailure } from '../migrationRecord.js';
import { advance, fail, pause, type StepContext, type StepOutcome } from './stepContext.js';
import { findPurchase } from './purchaseStep.js';
import { outcomeOf } from './userMovesStep.js';

/** Partner Center de-provisions a suspended legacy subscription after this long: no roll back after it. */
export const deprovisionAfterDays = 120;

/**
 * Roll back (DESIGN §5): while E4 can still carry the users. E4 is reactivated first if it was suspended,
 * then every user the migration meant to move (its move log) who holds a target and not E4 gets E4 back,
 * with the plans they had disabled, in one update that also removes the targets; last, the new
 * subscriptions are cancelled inside their cancellation window, or suspended after it.
 */
export async function rollbackStep(ctx: StepContext): Promise<StepOutcome> {
  const { record } = ctx;
  const options = { correlationId: record.correlationId, abortSignal: ctx.signal };
  const attempt = record.events.filter((event) => event.event === 'rolling_back').length;

  const e4 = await ctx.partnerCenter.getSubscription(record.customer.id, record.e4.subscriptionId, options);
  if (!e4 || e4.status === 'deleted' || e4.status === 'disabled') {
    return fail('rollbackTooLate', `E4 is ${e4?.status ?? 'gone'}.`);
  }
  if (e4.status === 'suspended') {
    const requestId = deriveRequestId(operationKeyOf(record), 'reactivateE4', attempt);
    await ctx.partnerCenter.updateSubscription(
      record.customer.id,
      e4,
      { status: 'active' },
      { ...options, requestId },
    );
    await ctx.save((next) => {
      next.events.push(ctx.event('e4Reactivated', { requestIds: [requestId], partnerCenterIds: [e4.id] }));
      delete next.e4Suspended;
    });
  }

  const targetSkus = new Set(record.targets.map((target) => target.licenseSkuId.toLowerCase()));
  const e4Sku = record.e4.licenseSkuId.toLowerCase();
  const failures: UserFailure[] = [];
  let restored = 0;
  let halt: StepOutcome | Error | undefined;
  const queue = new PQueue({ concurrency: ctx.settings.userMoveConcurrency });
  for (const intent of await ctx.moveLog.intents(record.id)) {
    void queue.add(async () => {
      if (halt) return;
      try {
        const licenses = await ctx.partnerCenter.listUserLicenses(record.customer.id, intent.id, options);
        const held = licenses.map((license) => license.productSku.id.toLowerCase());
        if (held.includes(e4Sku)) return;
        const toRemove = record.targets
          .map((target) => target.licenseSkuId)
          .filter((sku) => held.includes(sku.toLowerCase()));
        if (toRemove.length === 0 && !held.some((sku) => targetSkus.has(sku))) return;
        const assign: LicenseAssignment =
          intent.disabledE4PlanIds.length > 0
            ? { skuId: record.e4.licenseSkuId, excludedPlans: intent.disabledE4PlanIds }
            : { skuId: record.e4.licenseSkuId };
        await ctx.partnerCenter.updateUserLicenses(
          record.customer.id,
          intent.id,
          { licensesToAssign: [assign], licensesToRemove: toRemove },
          {
            ...options,
            requestId: deriveRequestId(operationKeyOf(record), 'restoreUser', intent.id, attempt),
          },
        );
        restored++;
      } catch (error) {
        if (
          isPartnerCenterError(error) &&
          !error.isOutcomeUnknown &&
          ![401, 403, 429].includes(error.status)
        ) {
          failures.push({
            userId: intent.id,
            userPrincipalName: intent.userPrincipalName,
            code: error.errorCode ?? String(error.status),
            description: error.description,
            round: attempt,
          });
          return;
        }
        halt ??= outcomeOf(error);
        queue.clear();
      }
    });
  }
  await queue.onIdle();
  await ctx.save((next) => {
    next.users.restored += restored;
    next.users.failures = failures;
  });
  if (halt instanceof Error) throw halt;
  if (halt) return halt;
  if (failures.length > 0) return pause('rollbackIncomplete', `${failures.length}`);

  // A purchase whose answer was lost isn't in the record yet: the orders say whether it happened.
  const bought =
    record.purchase.subscriptions.length > 0 || !record.purchase.intentAt
      ? record.purchase.subscriptions
      : ((await findPurchase(ctx, record)) ?? []);
  const cancelled: string[] = [];
  // Add-ons first: a base can't be cancelled under an active add-on.
  const ordered = [...bought].sort((a, b) => (a.role === 'addOn' ? -1 : b.role === 'addOn' ? 1 : 0));
  for (const subscription of ordered) {
    const current = await ctx.partnerCenter.getSubscription(
      record.customer.id,
      subscription.subscriptionId,
      options,
    );
    if (!current || current.status === 'deleted' || current.status === 'suspended') continue;
    const inWindow =
      current.cancellationAllowedUntilDate !== undefined &&
      ctx.clock.now().getTime() < Date.parse(current.cancellationAllowedUntilDate);
    const requestId = deriveRequestId(
      operationKeyOf(record),
      inWindow ? 'cancelTarget' : 'suspendTarget',
      subscription.subscriptionId,
      attempt,
    );
    await ctx.partnerCenter.updateSubscription(
      record.customer.id,
      current,
      { status: inWindow ? 'deleted' : 'suspended' },
      { ...options, requestId },
    );
    cancelled.push(requestId);
  }
  return advance('rolled_back', {
    event: ctx.event('targetsCancelled', {
      requestIds: cancelled,
      partnerCenterIds: bought.map((subscription) => subscription.subscriptionId),
    }),
  });
}
