import { advance, pause, pauseFor, type StepContext, type StepOutcome } from './stepContext.js';

/**
 * Waits until every bought subscription is active: licenses can't be assigned from a pending one.
 * Polls, and hands the step back (`stop`) when a person asks for something or the worker stops.
 */
export async function provisioningStep(ctx: StepContext): Promise<StepOutcome> {
  const { record } = ctx;
  const started = Date.parse(record.events.findLast((event) => event.event === 'provisioning')?.at ?? '');
  const deadline =
    (Number.isNaN(started) ? ctx.clock.now().getTime() : started) + ctx.settings.provisioningTimeoutInMs;
  for (;;) {
    const states = await Promise.all(
      record.purchase.subscriptions.map((bought) =>
        ctx.partnerCenter.getSubscription(record.customer.id, bought.subscriptionId, {
          correlationId: record.correlationId,
          abortSignal: ctx.signal,
        }),
      ),
    );
    const unusable = states.find(
      (subscription) => !subscription || !['active', 'pending'].includes(subscription.status),
    );
    if (unusable !== undefined || states.some((subscription) => subscription === undefined)) {
      return pause(
        'provisioningFailed',
        unusable ? `Subscription ${unusable.id} is ${unusable.status}.` : 'A bought subscription is missing.',
      );
    }
    if (states.every((subscription) => subscription?.status === 'active')) {
      return advance('moving_users', {
        apply: (next) => {
          for (const bought of next.purchase.subscriptions) {
            const until = states.find(
              (subscription) => subscription?.id === bought.subscriptionId,
            )?.cancellationAllowedUntilDate;
            if (until) bought.cancellationAllowedUntil = until;
          }
        },
      });
    }
    if (ctx.clock.now().getTime() > deadline) {
      return pause('provisioningFailed', 'The new subscription is still pending.');
    }
    await pauseFor(ctx.settings.provisioningPollInMs, ctx.signal);
    if (ctx.signal.aborted || (await ctx.reload()).control) return { kind: 'stop' };
  }
}
