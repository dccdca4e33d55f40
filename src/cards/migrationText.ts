import type { PartnerUserRef } from '../services/auth/models.js';
import type { MigrationRecord, MigrationState } from '../services/migration/migrationRecord.js';
import type { MessageKey } from '../services/i18n/messages.js';
import type { CardText } from './cardText.js';

/**
 * Texts the approval, progress, status and audit cards share: instants, people, states and reasons, so
 * the same journal reads the same on every card.
 */

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * An instant (ISO 8601) as "21 Feb 2026, 09:40 UTC". Cards are seen by people in several time zones and
 * Teams doesn't tell the bot the reader's, so the time says its zone rather than guess one.
 */
export function instantText(text: CardText, iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  let format = timeFormats.get(text.locale);
  if (!format) {
    format = new Intl.DateTimeFormat(text.locale, {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: 'UTC',
    });
    timeFormats.set(text.locale, format);
  }
  return text.t('card.dateTime', { date: text.date(at.toISOString()), time: format.format(at) });
}

/** A person's display name; the journal may hold only their ids. */
export function personName(text: CardText, person: Pick<PartnerUserRef, 'name'> | undefined): string {
  return person?.name?.trim() || text.t('card.someone');
}

/** The state as the reader's language names it. */
export function stateText(text: CardText, state: MigrationState): string {
  return text.t(`migration.state.${state}`);
}

/** Who pressed Pause last: the journal's latest pause request or pause with an actor. */
function pausedBy(record: MigrationRecord): PartnerUserRef | undefined {
  const event = [...record.events]
    .reverse()
    .find(
      (candidate) =>
        (candidate.event === 'pauseRequested' || candidate.event === 'paused') && candidate.actor,
    );
  return event?.actor ?? record.control?.by;
}

/** Why the migration is paused or failed, with what to do; undefined when it has no reason. */
export function reasonText(text: CardText, record: MigrationRecord): string | undefined {
  const reason = record.reason;
  if (!reason) return undefined;
  switch (reason.code) {
    case 'needsSignIn':
      return text.t('migration.reason.needsSignIn', { name: personName(text, record.actingUser) });
    case 'pausedByPerson':
      return text.t('migration.reason.pausedByPerson', { name: personName(text, pausedBy(record)) });
    default:
      return text.t(`migration.reason.${reason.code}`);
  }
}

const termKeys: Readonly<Record<string, MessageKey>> = { P1M: 'term.P1M', P1Y: 'term.P1Y', P3Y: 'term.P3Y' };

/** "1 year" for `P1Y`; an ISO duration the catalog doesn't name is shown as it is. */
export function termText(text: CardText, term: string): string {
  const key = termKeys[term];
  return key ? text.t(key) : term;
}
