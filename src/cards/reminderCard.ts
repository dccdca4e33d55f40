import { reminderCardRows, type ReminderCardView } from '../services/reminders/reminderCardView.js';
import { remindersOf } from '../services/reminders/reminderDigest.js';
import { daysOfServiceLeft } from '../services/subscriptions/subscriptionEndDate.js';
import {
  adaptiveCard,
  executeAction,
  textBlock,
  type AdaptiveCard,
  type CardElement,
} from './adaptiveCard.js';
import { daysLeftText, endDateText, type CardText } from './cardText.js';
import { CardVerb, type ReminderActionData, type SubscriptionChosenData } from './cardVerbs.js';
import { personName } from './migrationText.js';

/**
 * The reminder card (DESIGN §6–7): one per channel per scan, a digest when the scan found several
 * subscriptions. Each lists customer, product, end date, days left and seats, who took it on and any
 * snooze, with Start migration, Snooze 7 days and Assign to me. Redrawn for everyone after a click.
 */
export type ReminderCardData = ReminderCardView;

/** Builds the reminder card in the channel's language. */
export function buildReminderCard(data: ReminderCardData, text: CardText): AdaptiveCard {
  const { digest, states, now } = data;
  const [first] = digest.items;
  const shown = digest.items.slice(0, reminderCardRows);
  const reminders = remindersOf(digest);
  const body: CardElement[] = [
    textBlock(
      reminders.length === 1 && first
        ? text.t('reminder.title.one', { customer: first.customerName })
        : text.t('reminder.title.many', { count: text.number(reminders.length) }),
      { weight: 'Bolder', size: 'Medium' },
    ),
    textBlock(text.t('reminder.intro'), { isSubtle: true, size: 'Small', spacing: 'None' }),
  ];
  for (const item of shown) {
    const state = states.get(item.subscriptionId.toLowerCase());
    // Counted when drawn: a card redrawn after a click days later shows the days left then.
    const daysLeft = daysOfServiceLeft(
      {
        kind: 'known',
        serviceEndsAt: new Date(item.serviceEndsAt),
        lastServiceDay: item.lastServiceDay,
        source: 'commitmentEndDate',
      },
      now,
    );
    const ids: SubscriptionChosenData = {
      customerId: item.customerId,
      e4SubscriptionId: item.subscriptionId,
    };
    const actionData: ReminderActionData = { ...ids, digestId: digest.id };
    const snoozed =
      state?.snooze && Date.parse(state.snooze.until) > now.getTime() ? state.snooze : undefined;
    body.push({
      type: 'Container',
      separator: true,
      spacing: 'Medium',
      items: [
        textBlock(item.customerName, { weight: 'Bolder' }),
        textBlock(item.friendlyName || item.offerName, { spacing: 'None' }),
        textBlock(
          [
            endDateText(text, item.lastServiceDay),
            daysLeftText(text, daysLeft),
            `${text.t('card.seats')}: ${text.number(item.seats)}`,
          ].join(' · '),
          { isSubtle: true, size: 'Small', spacing: 'None' },
        ),
        ...(state?.assignee
          ? [
              textBlock(text.t('reminder.owner', { name: personName(text, state.assignee.user) }), {
                size: 'Small',
                spacing: 'Small',
              }),
            ]
          : []),
        ...(snoozed
          ? [
              textBlock(
                text.t('reminder.snoozed', {
                  date: text.date(snoozed.until),
                  name: personName(text, snoozed.by),
                }),
                { size: 'Small', spacing: 'None', color: 'Warning' },
              ),
            ]
          : []),
        {
          type: 'ActionSet',
          actions: [
            executeAction(
              text.t('reminder.startMigration'),
              CardVerb.startMigrationFromReminder,
              { ...ids },
              'positive',
            ),
            executeAction(text.t('reminder.snooze'), CardVerb.snoozeReminder, { ...actionData }),
            executeAction(text.t('reminder.assign'), CardVerb.assignReminder, { ...actionData }),
          ],
        },
      ],
    });
  }
  const more = reminders.length - shown.length;
  if (more > 0) {
    body.push(
      textBlock(
        text.t('reminder.more', {
          count: text.number(more),
          days: text.number(Math.max(...reminders.map((reminder) => reminder.leadDays))),
        }),
        { separator: true, spacing: 'Medium', isSubtle: true },
      ),
    );
  }
  return adaptiveCard(body);
}
