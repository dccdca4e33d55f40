import type { MessageKey } from '../services/i18n/messages.js';
import type { MigrationEvent, MigrationRecord } from '../services/migration/migrationRecord.js';
import { adaptiveCard, textBlock, type AdaptiveCard, type CardElement } from './adaptiveCard.js';
import type { CardText } from './cardText.js';
import { instantText, stateText } from './migrationText.js';

/**
 * A customer's audit trail (DESIGN §5 "Audit"): per migration its events with time, what happened, who
 * and the Partner Center request ids. A card is no place for thousands of lines, so each migration shows
 * its first events and the CSV has them all.
 */
export interface AuditCardData {
  customerName: string;
  migrations: MigrationRecord[];
  /** A short-lived download link to the CSV export; no button without it. */
  csvUrl?: string;
  /** How many minutes the link works, said under the events when there is a link. */
  csvLinkMinutes?: number;
}

/** Events shown per migration before "…and N more (in the CSV)". */
export const eventsPerMigrationOnAudit = 30;

/**
 * Migrations shown, newest first: with 30 events each this keeps the card well under Teams' ~28 KB
 * message limit; older ones are in the CSV.
 */
export const migrationsOnAudit = 5;

/** Characters of a request id shown: enough to find it in the CSV or Partner Center's logs. */
export const shortRequestIdLength = 8;

const eventKeys: Readonly<Record<string, MessageKey>> = {
  approved: 'audit.event.approved',
  purchasing: 'audit.event.purchasing',
  provisioning: 'audit.event.provisioning',
  moving_users: 'audit.event.moving_users',
  verifying: 'audit.event.verifying',
  suspending: 'audit.event.suspending',
  completed: 'audit.event.completed',
  paused: 'audit.event.paused',
  cancelled: 'audit.event.cancelled',
  failed: 'audit.event.failed',
  rolling_back: 'audit.event.rolling_back',
  rolled_back: 'audit.event.rolled_back',
  pauseRequested: 'audit.event.pauseRequested',
  cancelRequested: 'audit.event.cancelRequested',
  rollBackRequested: 'audit.event.rollBackRequested',
  resumed: 'audit.event.resumed',
  retried: 'audit.event.retried',
  purchaseIntent: 'audit.event.purchaseIntent',
  purchased: 'audit.event.purchased',
  usersMoved: 'audit.event.usersMoved',
  userFailures: 'audit.event.userFailures',
  e4Suspended: 'audit.event.e4Suspended',
  e4Reactivated: 'audit.event.e4Reactivated',
};

/** The event in the reader's language; one the catalog doesn't know is shown as the journal wrote it. */
export function eventText(text: CardText, event: string): string {
  const key = Object.hasOwn(eventKeys, event) ? eventKeys[event] : undefined;
  return key ? text.t(key) : event;
}

/** Builds the audit card, or its empty state. */
export function buildAuditCard(data: AuditCardData, text: CardText): AdaptiveCard {
  const body: CardElement[] = [
    textBlock(text.t('audit.title', { customer: data.customerName }), { weight: 'Bolder', size: 'Medium' }),
  ];
  if (data.migrations.length === 0) {
    body.push(textBlock(text.t('audit.empty', { customer: data.customerName })));
  } else {
    const shown = data.migrations.slice(0, migrationsOnAudit);
    body.push(...shown.map((migration) => migrationSection(migration, text)));
    const older = data.migrations.length - shown.length;
    if (older > 0) {
      body.push(
        textBlock(text.t('audit.more', { count: text.number(older) }), { isSubtle: true, spacing: 'Medium' }),
      );
    }
  }
  if (data.csvUrl && data.csvLinkMinutes !== undefined) {
    body.push(
      textBlock(text.t('audit.linkExpires', { minutes: text.number(data.csvLinkMinutes) }), {
        size: 'Small',
        isSubtle: true,
        spacing: 'Medium',
      }),
    );
  }
  const actions: CardElement[] = data.csvUrl
    ? [{ type: 'Action.OpenUrl', title: text.t('audit.download'), url: data.csvUrl }]
    : [];
  return adaptiveCard(body, actions);
}

function migrationSection(migration: MigrationRecord, text: CardText): CardElement {
  const shown = migration.events.slice(0, eventsPerMigrationOnAudit);
  const rest = migration.events.length - shown.length;
  const items: CardElement[] = [
    textBlock(text.t(`option.${migration.option}.name`), { weight: 'Bolder' }),
    textBlock(
      text.t('audit.migration', { reference: migration.id, state: stateText(text, migration.state) }),
      {
        size: 'Small',
        isSubtle: true,
        spacing: 'None',
      },
    ),
    ...shown.map((event) => eventLine(event, text)),
  ];
  if (rest > 0) {
    items.push(
      textBlock(text.t('audit.more', { count: text.number(rest) }), {
        size: 'Small',
        isSubtle: true,
        spacing: 'Small',
      }),
    );
  }
  return { type: 'Container', separator: true, spacing: 'Medium', items };
}

/** "21 Feb 2026, 09:41 UTC · Bought · Jan de Vries · request ids 9e0f1a2b" on one wrapping line. */
function eventLine(event: MigrationEvent, text: CardText): CardElement {
  const parts = [instantText(text, event.at), eventText(text, event.event)];
  const actor = event.actor?.name?.trim();
  if (actor) parts.push(actor);
  if (event.requestIds && event.requestIds.length > 0) {
    const ids = event.requestIds.map((id) => id.slice(0, shortRequestIdLength)).join(', ');
    parts.push(text.t('audit.requestIds', { ids }));
  }
  if (event.detail) parts.push(event.detail);
  return textBlock(parts.join(' · '), { size: 'Small', spacing: 'Small' });
}
