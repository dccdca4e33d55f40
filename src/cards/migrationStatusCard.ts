import { finalStates, type MigrationRecord } from '../services/migration/migrationRecord.js';
import { adaptiveCard, textBlock, type AdaptiveCard, type CardElement } from './adaptiveCard.js';
import type { CardText } from './cardText.js';
import { instantText, stateText } from './migrationText.js';

/**
 * The "status" answer (DESIGN §6): one row per migration — customer, option, state, users moved, last
 * update — as stacked text rather than a table, which stays readable at ~430 px. The caller orders and
 * limits the list; the progress card has the details and the buttons.
 */
export interface MigrationStatusCardData {
  /** Newest first. */
  migrations: MigrationRecord[];
  /** ISO 8601: when the list was read. */
  now: string;
}

/** Builds the status card, or its empty state. */
export function buildMigrationStatusCard(data: MigrationStatusCardData, text: CardText): AdaptiveCard {
  const body: CardElement[] = [textBlock(text.t('status.title'), { weight: 'Bolder', size: 'Medium' })];
  if (data.migrations.length === 0) {
    body.push(textBlock(text.t('status.empty')));
  } else {
    body.push(...data.migrations.map((migration) => row(migration, text)));
  }
  body.push(
    textBlock(text.t('progress.updated', { date: instantText(text, data.now) }), {
      size: 'Small',
      isSubtle: true,
      separator: true,
      spacing: 'Medium',
    }),
  );
  return adaptiveCard(body);
}

/** "Moving users · 3 of 10 users moved"; users are counted when moving starts, so before that the state alone. */
function statusLine(migration: MigrationRecord, text: CardText): string {
  const state = stateText(text, migration.state);
  const { moved, total } = migration.users;
  if (total === 0 && !finalStates.includes(migration.state)) return state;
  return `${state} · ${text.t('progress.users', { moved: text.number(moved), total: text.number(total) })}`;
}

function row(migration: MigrationRecord, text: CardText): CardElement {
  return {
    type: 'Container',
    separator: true,
    spacing: 'Medium',
    items: [
      textBlock(migration.customer.companyName, { weight: 'Bolder' }),
      textBlock(text.t(`option.${migration.option}.name`), { size: 'Small', spacing: 'None' }),
      textBlock(statusLine(migration, text), { size: 'Small', spacing: 'None' }),
      textBlock(text.t('progress.updated', { date: instantText(text, migration.updatedAt) }), {
        size: 'Small',
        isSubtle: true,
        spacing: 'None',
      }),
    ],
  };
}
