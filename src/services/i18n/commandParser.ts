import { parseLanguageName, type Language } from './language.js';

/**
 * Turns what a partner typed into a command, in English, Swedish or Dutch (DESIGN §6). Tolerant of
 * case, extra spaces, accents left out ("atersta" for "återställ") and a Teams @mention in front.
 * Reports the language when the words exist only in that language, so the bot can answer in it.
 */

export type Command =
  /** `customer` is empty when the person typed the verb alone: the bot asks which customer. */
  | { kind: 'migrateCustomer'; customer: string }
  | { kind: 'listExpiring'; withinDays?: number }
  | { kind: 'status' }
  | { kind: 'pause'; target: string }
  | { kind: 'cancel'; target?: string }
  | { kind: 'rollBack'; target: string }
  /** `customer` is empty when the person typed the verb alone: the bot says how to name one. */
  | { kind: 'audit'; customer: string }
  /** Erase a customer's migration records on their request; `customer` as for `audit`. */
  | { kind: 'eraseAudit'; customer: string }
  | { kind: 'setApprovalsChannel' }
  /**
   * Customers (names as typed) and lead times are optional: every customer and DESIGN §7's lead times.
   * `invalidLeadDays` holds what followed "days" when it wasn't a list of whole numbers.
   */
  | { kind: 'subscribeReminders'; customers?: string[]; leadDays?: number[]; invalidLeadDays?: string }
  | { kind: 'unsubscribeReminders' }
  | { kind: 'showReminders' }
  | { kind: 'checkNow' }
  | { kind: 'language'; language?: Language }
  /** Delete the person's saved Partner Center sign-in (their token partition). */
  | { kind: 'signOut' }
  | { kind: 'help' }
  | { kind: 'unknown'; text: string };

export interface ParsedCommand {
  command: Command;
  /** Set only when the phrase belongs to one language (not for shared words like "help" or "status"). */
  language?: Language;
}

/** Lower case, no diacritics, single spaces: the form phrases are matched in. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

type Build = (rest: string, original: string) => Command | undefined;

interface Phrase {
  /** Folded words that start the command. */
  words: string;
  language?: Language;
  build: Build;
}

const withArgument =
  (make: (argument: string) => Command): Build =>
  (_rest, original) =>
    original ? make(original) : undefined;
const alone =
  (command: Command): Build =>
  (rest) =>
    rest === '' ? command : undefined;
const optionalArgument =
  (make: (argument?: string) => Command): Build =>
  (_rest, original) =>
    make(original || undefined);

/**
 * "migrate" + a customer name. Without a name ("migrate customer", "migrera kund") the customer is empty
 * and the bot asks which one; "kund" alone is the verb's own word, never a customer called "kund".
 */
const migrate: Build = (rest, original) => ({
  kind: 'migrateCustomer',
  customer: rest === '' || ['customer', 'kund', 'klant'].includes(rest) ? '' : original,
});

/** "audit" + a customer name, or the verb alone (empty customer). */
const audit: Build = (_rest, original) => ({ kind: 'audit', customer: original });
const eraseAudit: Build = (_rest, original) => ({ kind: 'eraseAudit', customer: original });

function expiring(rest: string): Command | undefined {
  if (rest === '') return { kind: 'listExpiring' };
  const match = /^(?:within |inom |binnen )?(\d{1,4})(?: (?:days?|dagar|dag|dagen))?$/.exec(rest);
  return match ? { kind: 'listExpiring', withinDays: Number(match[1]) } : undefined;
}

/** Words that mean every customer, and the word that starts the lead times, in en/sv/nl. */
const everyCustomer = new Set(['all', 'all customers', 'alla', 'alla kunder', 'alle', 'alle klanten']);

/**
 * "subscribe reminders [customers] [days N, N…]": customers separated by commas (or "all"), then the
 * lead times after the word for days. The last "days" counts, so "Happy Days Ltd days 30" works.
 */
const subscribe: Build = (_rest, original) => {
  const lastDays = [...original.matchAll(/\b(?:days?|dagar|dag|dagen)\b/gi)].pop();
  const at = lastDays?.index;
  const customerText = (at === undefined ? original : original.slice(0, at)).trim();
  const daysText =
    at === undefined
      ? undefined
      : original
          .slice(at + (lastDays?.[0].length ?? 0))
          .replace(/^\s*:/, '')
          .trim();
  const customers = customerText
    .split(/[,;]/)
    .map((name) => name.trim())
    .filter(Boolean);
  const command: Command = { kind: 'subscribeReminders' };
  if (customers.length > 0 && !(customers.length === 1 && everyCustomer.has(foldText(customers[0] ?? '')))) {
    command.customers = customers;
  }
  if (daysText !== undefined) {
    const tokens = daysText.split(/[\s,;]+|\b(?:and|och|en)\b/i).filter(Boolean);
    const numbers = tokens.map(Number);
    if (tokens.length === 0 || numbers.some((value) => !Number.isInteger(value))) {
      command.invalidLeadDays = daysText || (lastDays?.[0] ?? original);
    } else {
      command.leadDays = numbers;
    }
  }
  return command;
};

const phrases: Phrase[] = [
  {
    words: 'migrate customer',
    language: 'en',
    build: migrate,
  },
  {
    words: 'migrera kund',
    language: 'sv',
    build: migrate,
  },
  {
    words: 'migreer klant',
    language: 'nl',
    build: migrate,
  },
  {
    words: 'migrate',
    language: 'en',
    build: migrate,
  },
  {
    words: 'migrera',
    language: 'sv',
    build: migrate,
  },
  {
    words: 'migreer',
    language: 'nl',
    build: migrate,
  },
  { words: 'expiring', language: 'en', build: expiring },
  { words: 'utgaende', language: 'sv', build: expiring },
  { words: 'loper ut', language: 'sv', build: expiring },
  { words: 'verlopend', language: 'nl', build: expiring },
  { words: 'verloopt', language: 'nl', build: expiring },
  { words: 'status', build: alone({ kind: 'status' }) },
  { words: 'pause', language: 'en', build: withArgument((target) => ({ kind: 'pause', target })) },
  { words: 'pausa', language: 'sv', build: withArgument((target) => ({ kind: 'pause', target })) },
  { words: 'pauzeer', language: 'nl', build: withArgument((target) => ({ kind: 'pause', target })) },
  {
    words: 'cancel',
    language: 'en',
    build: optionalArgument((target) => (target ? { kind: 'cancel', target } : { kind: 'cancel' })),
  },
  {
    words: 'avbryt',
    language: 'sv',
    build: optionalArgument((target) => (target ? { kind: 'cancel', target } : { kind: 'cancel' })),
  },
  {
    words: 'annuleer',
    language: 'nl',
    build: optionalArgument((target) => (target ? { kind: 'cancel', target } : { kind: 'cancel' })),
  },
  { words: 'roll back', language: 'en', build: withArgument((target) => ({ kind: 'rollBack', target })) },
  { words: 'rollback', language: 'en', build: withArgument((target) => ({ kind: 'rollBack', target })) },
  { words: 'aterstall', language: 'sv', build: withArgument((target) => ({ kind: 'rollBack', target })) },
  { words: 'terugdraaien', language: 'nl', build: withArgument((target) => ({ kind: 'rollBack', target })) },
  // "audit" is the word in all three catalogs' help, so it switches no language; the others do.
  { words: 'audit', build: audit },
  { words: 'granska', language: 'sv', build: audit },
  { words: 'granskningslogg', language: 'sv', build: audit },
  { words: 'granskningsloggen', language: 'sv', build: audit },
  { words: 'auditlogboek', language: 'nl', build: audit },
  { words: 'erase audit', language: 'en', build: eraseAudit },
  { words: 'radera granskningslogg', language: 'sv', build: eraseAudit },
  { words: 'radera granskningsloggen', language: 'sv', build: eraseAudit },
  { words: 'radera audit', language: 'sv', build: eraseAudit },
  { words: 'verwijder auditlogboek', language: 'nl', build: eraseAudit },
  { words: 'verwijder audit', language: 'nl', build: eraseAudit },
  { words: 'wis auditlogboek', language: 'nl', build: eraseAudit },
  { words: 'wis audit', language: 'nl', build: eraseAudit },
  { words: 'set approvals channel', language: 'en', build: alone({ kind: 'setApprovalsChannel' }) },
  { words: 'ange godkannandekanal', language: 'sv', build: alone({ kind: 'setApprovalsChannel' }) },
  { words: 'stel goedkeuringskanaal in', language: 'nl', build: alone({ kind: 'setApprovalsChannel' }) },
  { words: 'subscribe reminders', language: 'en', build: subscribe },
  { words: 'prenumerera pa paminnelser', language: 'sv', build: subscribe },
  { words: 'prenumerera paminnelser', language: 'sv', build: subscribe },
  { words: 'abonneer herinneringen', language: 'nl', build: subscribe },
  { words: 'abonneer op herinneringen', language: 'nl', build: subscribe },
  { words: 'unsubscribe reminders', language: 'en', build: alone({ kind: 'unsubscribeReminders' }) },
  { words: 'unsubscribe', language: 'en', build: alone({ kind: 'unsubscribeReminders' }) },
  { words: 'avsluta paminnelser', language: 'sv', build: alone({ kind: 'unsubscribeReminders' }) },
  { words: 'afmelden herinneringen', language: 'nl', build: alone({ kind: 'unsubscribeReminders' }) },
  { words: 'reminders', language: 'en', build: alone({ kind: 'showReminders' }) },
  { words: 'paminnelser', language: 'sv', build: alone({ kind: 'showReminders' }) },
  { words: 'herinneringen', language: 'nl', build: alone({ kind: 'showReminders' }) },
  { words: 'check now', language: 'en', build: alone({ kind: 'checkNow' }) },
  { words: 'kontrollera nu', language: 'sv', build: alone({ kind: 'checkNow' }) },
  { words: 'nu controleren', language: 'nl', build: alone({ kind: 'checkNow' }) },
  {
    words: 'language',
    language: 'en',
    build: (rest) => ({ kind: 'language', language: parseLanguageName(rest) }),
  },
  {
    words: 'sprak',
    language: 'sv',
    build: (rest) => ({ kind: 'language', language: parseLanguageName(rest) }),
  },
  {
    words: 'taal',
    language: 'nl',
    build: (rest) => ({ kind: 'language', language: parseLanguageName(rest) }),
  },
  { words: 'sign out', language: 'en', build: alone({ kind: 'signOut' }) },
  { words: 'signout', language: 'en', build: alone({ kind: 'signOut' }) },
  { words: 'log out', language: 'en', build: alone({ kind: 'signOut' }) },
  { words: 'logout', language: 'en', build: alone({ kind: 'signOut' }) },
  { words: 'logga ut', language: 'sv', build: alone({ kind: 'signOut' }) },
  // "afmelden herinneringen" (a longer phrase, matched first) still unsubscribes reminders.
  { words: 'afmelden', language: 'nl', build: alone({ kind: 'signOut' }) },
  { words: 'uitloggen', language: 'nl', build: alone({ kind: 'signOut' }) },
  { words: 'help', build: alone({ kind: 'help' }) },
  { words: 'hjalp', language: 'sv', build: alone({ kind: 'help' }) },
  { words: 'hulp', language: 'nl', build: alone({ kind: 'help' }) },
  { words: '?', build: alone({ kind: 'help' }) },
];
// Longest phrase first, so "migrate customer x" is not read as "migrate" with customer "customer x".
phrases.sort((a, b) => b.words.length - a.words.length);

/** Removes a leading Teams mention (`<at>E4 Assistant</at>`) and surrounding punctuation. */
function stripMention(text: string): string {
  return text.replace(/<at>.*?<\/at>/gi, ' ').replace(/^[\s@:,]+|[\s.!]+$/g, '');
}

/** Parses one message. Unknown text comes back as `unknown`, never as a guess. */
export function parseCommand(text: string): ParsedCommand {
  const original = stripMention(text).replace(/\s+/g, ' ').trim();
  const folded = foldText(original);
  for (const phrase of phrases) {
    if (folded !== phrase.words && !folded.startsWith(`${phrase.words} `)) continue;
    const rest = folded.slice(phrase.words.length).trim();
    // The argument keeps the person's own spelling (accents, case): it names a customer.
    const argument = original.split(' ').slice(phrase.words.split(' ').length).join(' ').trim();
    const command = phrase.build(rest, argument);
    if (command) return phrase.language ? { command, language: phrase.language } : { command };
  }
  return { command: { kind: 'unknown', text: original } };
}
