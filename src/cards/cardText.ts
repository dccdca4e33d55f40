import type { Language } from '../services/i18n/language.js';
import { translate, type MessageKey } from '../services/i18n/messages.js';

/**
 * Localisation for cards: messages from the catalogs, and dates, numbers and money formatted for the
 * reader's language, so every card shows "2026-03-31" as "31 mars 2026" to a Swedish reader.
 */
export interface CardText {
  language: Language;
  /** The BCP 47 locale dates and numbers are formatted in (sv-SE, nl-NL, en-US). */
  locale: string;
  /** A catalog message with `{placeholders}` filled. */
  t(key: MessageKey, values?: Readonly<Record<string, string | number>>): string;
  /** A calendar day (`YYYY-MM-DD`, read as UTC) as the locale writes it, e.g. "31 Mar 2026". */
  date(day: string): string;
  /** A whole or decimal number with the locale's separators. */
  number(value: number): string;
  /** An amount in a currency (ISO 4217), e.g. "€ 12,50" or "12,50 kr". */
  money(amount: number, currency: string): string;
}

/** The locale each language formats in. */
export const localeOfLanguage: Readonly<Record<Language, string>> = {
  en: 'en-US',
  sv: 'sv-SE',
  nl: 'nl-NL',
};

/** Builds the card text helper for a language; `locale` overrides the language's default locale. */
export function cardText(language: Language, locale: string = localeOfLanguage[language]): CardText {
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const numbers = new Intl.NumberFormat(locale);
  const currencies = new Map<string, Intl.NumberFormat>();
  return {
    language,
    locale,
    t: (key, values) => translate(language, key, values),
    date(day) {
      const parsed = new Date(`${day.slice(0, 10)}T00:00:00Z`);
      return Number.isNaN(parsed.getTime()) ? day : dates.format(parsed);
    },
    number: (value) => numbers.format(value),
    money(amount, currency) {
      let format = currencies.get(currency);
      if (!format) {
        format = new Intl.NumberFormat(locale, { style: 'currency', currency });
        currencies.set(currency, format);
      }
      return format.format(amount);
    },
  };
}

/** "42 days", "Last day today" or "Ended 3 days ago"; "End date unknown" when undefined. */
export function daysLeftText(text: CardText, daysLeft: number | undefined): string {
  if (daysLeft === undefined) return text.t('card.endDateUnknown');
  if (daysLeft === 1) return text.t('card.daysLeft.valueOne');
  if (daysLeft > 0) return text.t('card.daysLeft.value', { days: text.number(daysLeft) });
  if (daysLeft === 0) return text.t('card.daysLeft.lastDay');
  if (daysLeft === -1) return text.t('card.daysLeft.endedOne');
  return text.t('card.daysLeft.ended', { days: text.number(-daysLeft) });
}

/** The end date as the locale writes it, or "End date unknown". */
export function endDateText(text: CardText, lastServiceDay: string | undefined): string {
  return lastServiceDay ? text.date(lastServiceDay) : text.t('card.endDateUnknown');
}
