import { isPartnerCenterError } from '../../errors.js';
import { operationKeyOf } from '../migrationJournal.js';
import { deriveRequestId } from '../../partner-center/requestIds.js';
import { scanE4Users } from '../e4UserScan.js';
import { advance, pause, type StepContext, type StepOutcome } from './stepContext.js';

/**
 * "Suspend last" (DESIGN §5): E4 is suspended only when the new subscriptions are active and nobody holds
 * E4 any more. The subscribed SKUs' consumed units answer that in one read; because they lag behind
 * license changes, a non-zero count is checked against the users' own licenses before deciding.
 */
export async function verificationStep(ctx: StepContext): Promise<StepOutcome> {
  const { record } = ctx;
  const options = { correlationId: record.correlationId, abortSignal: ctx.signal };
  const subscriptions = await Promise.all(
    record.purchase.subscriptions.map((bought) =>
      ctx.partnerCenter.getSubscription(record.customer.id, bought.subscriptionId, options),
    ),
  );
  const inactive = subscriptions.find((subscription) => subscription?.status !== 'active');
  if (inactive !== undefined || subscriptions.length === 0) {
    return pause(
      'provisioningFailed',
      inactive ? `Subscription ${inactive.id} is ${inactive.status}.` : 'No subscription was bought.',
    );
  }
  const holders = await e4Holders(ctx);
  if (holders.length > 0) {
    // Someone got E4 after their move (or joined): move them too; twice in a row means something keeps
    // assigning E4, which a person has to look at before anything is suspended.
    const again = record.events.filter((event) => event.event === 'e4HoldersFound').length >= 2;
    const event = ctx.event('e4HoldersFound', { detail: holders.slice(0, 20).join(' ') });
    if (again)
      return {
        kind: 'pause',
        reason: { code: 'e4StillHeld', detail: holders.slice(0, 5).join(', ') },
        event,
      };
    // A new round: the same user's earlier request id would only replay the earlier (successful) update.
    return advance('moving_users', {
      event,
      apply: (next) => {
        next.users.round++;
      },
    });
  }
  return advance('suspending');
}

/** Users still holding E4: cheap when the SKU says zero, else every user's licenses are read. */
async function e4Holders(ctx: StepContext): Promise<string[]> {
  const { record } = ctx;
  const options = { correlationId: record.correlationId, abortSignal: ctx.signal };
  const e4 = record.e4.licenseSkuId.toLowerCase();
  const skus = await ctx.partnerCenter.listSubscribedSkus(record.customer.id, options);
  const e4Sku = skus.find((sku) => sku.productSku.id.toLowerCase() === e4);
  if (!e4Sku || e4Sku.consumedUnits === 0) return [];
  const holders = await scanE4Users(ctx.partnerCenter, record.customer.id, {
    ...options,
    e4LicenseSkuId: record.e4.licenseSkuId,
    targetServicePlanNames: [],
    concurrency: ctx.settings.userReadConcurrency,
    pageSize: ctx.settings.userPageSize,
  });
  return holders.map((holder) => holder.userPrincipalName);
}

/** Partner Center's code for a stale `If-Match`. */
const staleEtagCode = '2055';

/** Suspends E4 (its add-ons follow). Re-reads on a stale eTag; an already suspended E4 is done. */
export async function suspensionStep(ctx: StepContext): Promise<StepOutcome> {
  const { record } = ctx;
  const options = { correlationId: record.correlationId, abortSignal: ctx.signal };
  for (let attempt = 0; attempt < 5; attempt++) {
    const e4 = await ctx.partnerCenter.getSubscription(record.customer.id, record.e4.subscriptionId, options);
    if (!e4) return pause('partnerCenterError', `E4 subscription ${record.e4.subscriptionId} not found.`);
    if (e4.status !== 'active') return suspended(ctx, e4.status === 'suspended' ? undefined : e4.status);
    const requestId = deriveRequestId(operationKeyOf(record), 'suspendE4', attempt);
    try {
      await ctx.partnerCenter.updateSubscription(
        record.customer.id,
        e4,
        { status: 'suspended' },
        { ...options, requestId },
      );
      return suspended(ctx, undefined, requestId);
    } catch (error) {
      if (isPartnerCenterError(error) && error.errorCode === staleEtagCode) continue;
      throw error;
    }
  }
  return pause('partnerCenterError', 'E4 kept changing while it was being suspended.');
}

function suspended(ctx: StepContext, otherStatus: string | undefined, requestId?: string): StepOutcome {
  const at = ctx.clock.now().toISOString();
  return advance('completed', {
    event: ctx.event('e4Suspended', {
      ...(requestId ? { requestIds: [requestId] } : {}),
      partnerCenterIds: [ctx.record.e4.subscriptionId],
      ...(otherStatus ? { detail: `E4 was already ${otherStatus}.` } : {}),
    }),
    apply: (next) => {
      next.e4Suspended = { at };
    },
  });
}
