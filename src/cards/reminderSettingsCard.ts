import type { ReminderSubscription } from '../services/reminders/reminderSubscription.js';
import { adaptiveCard, factSet, textBlock, type AdaptiveCard } from './adaptiveCard.js';
import type { CardText } from './cardText.js';
import { instantText, personName } from './migrationText.js';

/** A channel's reminder settings: after "subscribe reminders" (`subscribed`) or for "reminders". */
export interface ReminderSettingsCardData {
  /** Undefined when the channel is not subscribed. */
  subscription: ReminderSubscription | undefined;
  heading: 'subscribed' | 'current';
}

const languageKeys = {
  en: 'reminders.language.en',
  sv: 'reminders.language.sv',
  nl: 'reminders.language.nl',
} as const;

/** Builds the settings card: customers, lead times, language, who subscribed when, and how to change it. */
export function buildReminderSettingsCard(data: ReminderSettingsCardData, text: CardText): AdaptiveCard {
  const { subscription } = data;
  const title = textBlock(
    text.t(data.heading === 'subscribed' ? 'reminders.subscribed.title' : 'reminders.settings.title'),
    { weight: 'Bolder', size: 'Medium' },
  );
  if (!subscription) return adaptiveCard([title, textBlock(text.t('reminders.none.text'))]);
  const { customers, leadDays } = subscription;
  return adaptiveCard([
    title,
    factSet([
      [
        text.t('reminders.customers'),
        customers.kind === 'all'
          ? text.t('reminders.customers.all')
          : customers.customers.map((customer) => customer.name).join(', '),
      ],
      [
        text.t('reminders.leadDays'),
        text.t('reminders.leadDays.value', { days: leadDays.map((days) => text.number(days)).join(', ') }),
      ],
      [text.t('reminders.language'), text.t(languageKeys[subscription.language])],
      [
        text.t('reminders.subscribedBy'),
        text.t('reminders.subscribedBy.value', {
          name: personName(text, subscription.subscribedBy),
          date: instantText(text, subscription.subscribedAt),
        }),
      ],
    ]),
    textBlock(text.t('reminders.howToChange'), { isSubtle: true, size: 'Small' }),
  ]);
}
