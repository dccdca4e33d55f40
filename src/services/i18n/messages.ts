import type { Language } from './language.js';
import { en, type Catalog, type MessageKey } from './messages/en.js';
import { nl } from './messages/nl.js';
import { sv } from './messages/sv.js';

/** Every catalog, by language. */
export const catalogs: Readonly<Record<Language, Catalog>> = { en, sv, nl };

export type { MessageKey };

/**
 * A message in `language`, with `{name}` placeholders filled. A placeholder without a value stays visible
 * (`{name}`) rather than vanishing, so a missing value shows in tests and screenshots.
 */
export function translate(
  language: Language,
  key: MessageKey,
  values: Readonly<Record<string, string | number>> = {},
): string {
  return catalogs[language][key].replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    name in values ? String(values[name]) : placeholder,
  );
}

/** The `{placeholders}` a message uses, for checking catalogs against each other. */
export function placeholdersOf(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();
}
