import type { ReminderCardView } from '../../../src/services/reminders/reminderCardView.js';
import type { ReminderDigest, ReminderItem } from '../../../src/services/reminders/reminderDigest.js';
import type { ReminderSubscription } from '../../../src/services/reminders/reminderSubscription.js';
import type { SubscriptionReminderState } from '../../../src/services/reminders/reminderState.js';

/** Reminder cards drawn on 23 Feb 2026 at 08:00 UTC (the morning scan). */
export const reminderDrawnAt = new Date('2026-02-23T08:00:00.000Z');

const sven = { oid: 'a0000000-0000-4000-8000-000000000004', tenantId: 't', name: 'Sven Svensson' };
const anna = { oid: 'a0000000-0000-4000-8000-000000000002', tenantId: 't', name: 'Anna Andersson' };

function item(
  n: number,
  customerName: string,
  lastServiceDay: string,
  seats: number,
  leadDays: number,
): ReminderItem {
  const end = new Date(`${lastServiceDay}T00:00:00.000Z`);
  return {
    customerId: `c0000000-0000-4000-8000-00000000000${n}`,
    customerName,
    subscriptionId: `5b000000-000${n}-4000-8000-000000000001`,
    offerName: 'Office 365 Enterprise E4',
    friendlyName: 'Office 365 E4',
    seats,
    lastServiceDay,
    serviceEndsAt: new Date(end.getTime() + 86_400_000).toISOString(),
    leadDays,
    reason: 'leadTime',
    leadDaysDone: [90, 60, 30, 14].filter((value) => value >= leadDays),
  };
}

const digest = (items: ReminderItem[]): ReminderDigest => ({
  id: '2026-02-23T08:00:00.000Z',
  channelId: '19:general@thread.tacv2',
  scanId: '2026-02-23T08:00:00.000Z',
  createdAt: reminderDrawnAt.toISOString(),
  language: 'en',
  items,
  state: 'sent',
  activityId: 'activity-1',
});

const contoso = item(1, 'Contoso Ltd', '2026-03-15', 45, 30);
const fabrikam = item(2, 'Fabrikam Nordic AB', '2026-04-08', 12, 60);
const vanDerBerg = item(3, 'Van der Berg Logistiek B.V.', '2026-05-20', 100, 90);

/** Contoso alone: a single reminder. */
export const singleReminder: ReminderCardView = {
  digest: digest([contoso]),
  states: new Map(),
  now: reminderDrawnAt,
};

function state(
  subject: ReminderItem,
  fields: Partial<SubscriptionReminderState>,
): [string, SubscriptionReminderState] {
  return [
    subject.subscriptionId,
    {
      channelId: '19:general@thread.tacv2',
      customerId: subject.customerId,
      subscriptionId: subject.subscriptionId,
      leadDaysDone: subject.leadDaysDone,
      ...fields,
    },
  ];
}

/** Three from one scan: Contoso taken on by Sven, Fabrikam Nordic snoozed by Anna. */
export const digestReminder: ReminderCardView = {
  digest: digest([contoso, fabrikam, vanDerBerg]),
  states: new Map([
    state(contoso, { assignee: { user: sven, at: reminderDrawnAt.toISOString() } }),
    state(fabrikam, {
      snooze: { until: '2026-03-02T08:05:00.000Z', by: anna, at: '2026-02-23T08:05:00.000Z' },
    }),
  ]),
  now: reminderDrawnAt,
};

/** A first scan of a large partner: more reminders than a card lists. */
export const largeDigest: ReminderCardView = {
  digest: digest(
    Array.from({ length: 40 }, (_, index) =>
      item(1, `Customer ${String(index + 1).padStart(2, '0')}`, '2026-05-01', 10 + index, 90),
    ),
  ),
  states: new Map(),
  now: reminderDrawnAt,
};

export const subscribedChannel: ReminderSubscription = {
  channelId: '19:general@thread.tacv2',
  channelName: 'General',
  customers: {
    kind: 'list',
    customers: [
      { id: 'c0000000-0000-4000-8000-000000000001', name: 'Contoso Ltd' },
      { id: 'c0000000-0000-4000-8000-000000000003', name: 'Fabrikam Nordic AB' },
    ],
  },
  leadDays: [60, 30, 7],
  language: 'sv',
  subscribedBy: anna,
  subscribedAt: '2026-02-20T13:05:00.000Z',
};
