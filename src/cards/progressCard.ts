import {
  migrationSteps,
  stepOf,
  type MigrationAction,
  type MigrationStep,
} from '../services/migration/migrationActions.js';
import {
  finalStates,
  type MigrationRecord,
  type MigrationState,
  type UserFailure,
} from '../services/migration/migrationRecord.js';
import type { MessageKey } from '../services/i18n/messages.js';
import {
  adaptiveCard,
  executeAction,
  textBlock,
  type AdaptiveCard,
  type CardElement,
} from './adaptiveCard.js';
import type { CardText } from './cardText.js';
import { CardVerb, type MigrationActionData } from './cardVerbs.js';
import { instantText, personName, reasonText, stateText } from './migrationText.js';

/**
 * The progress card (DESIGN §5–6): the approval card becomes this for everyone once approved. It shows the
 * journal — step, users moved, failures with what to fix, why it stopped — and a button per action the
 * caller found allowed (`availableActions`), which the server checks again on click.
 */
export interface ProgressCardData {
  migration: MigrationRecord;
  /** What the reader may press now, from `availableActions(migration, now)`. */
  actions: MigrationAction[];
  /** ISO 8601: when the card was drawn (shown, so an old card is seen to be old). */
  now: string;
}

/** Failures the card names before "…and N more"; the audit CSV has them all. */
export const namedFailuresOnProgress = 5;

/** Builds the progress card of one migration. */
export function buildProgressCard(data: ProgressCardData, text: CardText): AdaptiveCard {
  const { migration } = data;
  const body: CardElement[] = [
    textBlock(
      text.t('progress.title', {
        customer: migration.customer.companyName,
        option: text.t(`option.${migration.option}.name`),
      }),
      { weight: 'Bolder', size: 'Medium' },
    ),
    textBlock(
      text.t('progress.approvedBy', {
        name: personName(text, migration.approver),
        date: instantText(text, approvedAt(migration)),
      }),
      { isSubtle: true, size: 'Small', spacing: 'None' },
    ),
    textBlock(text.t('progress.status', { state: stateText(text, migration.state) }), {
      weight: 'Bolder',
      spacing: 'Medium',
      ...stateColor(migration.state),
    }),
    ...steps(migration, text),
    ...usersMoved(migration, text),
    ...pendingControl(migration, text),
    ...reason(migration, text),
    ...failures(migration, text),
    ...summary(migration, text),
    textBlock(text.t('progress.updated', { date: instantText(text, data.now) }), {
      size: 'Small',
      isSubtle: true,
      spacing: 'Medium',
    }),
  ];
  return adaptiveCard(body, actions(data, text));
}

/** The 'approved' event's time; the record's creation when the journal lacks it (they are the same step). */
function approvedAt(migration: MigrationRecord): string {
  return migration.events.find((event) => event.event === 'approved')?.at ?? migration.createdAt;
}

function stateColor(state: MigrationState): { color?: string } {
  if (state === 'failed') return { color: 'Attention' };
  if (state === 'paused') return { color: 'Warning' };
  if (state === 'completed') return { color: 'Good' };
  return {};
}

const stepKeys: Readonly<Record<MigrationStep, MessageKey>> = {
  purchasing: 'progress.step.purchasing',
  provisioning: 'progress.step.provisioning',
  moving_users: 'progress.step.moving_users',
  verifying: 'progress.step.verifying',
  suspending: 'progress.step.suspending',
  completed: 'progress.step.completed',
};

/** The marker of the step the migration is at, by state: where it stands still, or ▶ while it works. */
function currentMarker(state: MigrationState): string {
  if (state === 'paused') return '⏸';
  if (state === 'failed') return '✖';
  if (state === 'cancelled') return '⏹';
  return '▶';
}

/**
 * The saga's steps top to bottom with ✓ / ▶ / ○. A roll back undoes them, so while rolling back and after
 * it the card shows the roll back's own line instead of a list that would claim steps are done.
 */
function steps(migration: MigrationRecord, text: CardText): CardElement[] {
  if (migration.state === 'rolling_back' || migration.state === 'rolled_back') return [];
  const at = stepOf(migration);
  const completed = migration.state === 'completed';
  return [
    {
      type: 'Container',
      spacing: 'Small',
      items: migrationSteps.map((step, index) => {
        const number = index + 1;
        const current = number === at && !completed;
        const marker = number < at || completed ? '✓' : current ? currentMarker(migration.state) : '○';
        return textBlock(`${marker} ${text.t(stepKeys[step])}`, {
          spacing: 'None',
          ...(current ? { weight: 'Bolder' } : {}),
          ...(marker === '○' ? { isSubtle: true } : {}),
        });
      }),
    },
  ];
}

/**
 * A bar of users moved out of all users: Adaptive Cards has no progress element, so two columns whose
 * weights are the two counts, green for moved and grey for the rest. A count of 0 gets no column (a
 * zero weight renders unevenly), so 0/0 and 0/N are one grey column and N/N one green one.
 */
export function progressBar(moved: number, total: number): CardElement {
  const done = Math.min(Math.max(moved, 0), Math.max(total, 0));
  const rest = Math.max(total, 0) - done;
  const column = (width: number | string, style: 'good' | 'emphasis', first: boolean): CardElement => ({
    type: 'Column',
    width,
    style,
    minHeight: '8px',
    ...(first ? {} : { spacing: 'None' }),
  });
  const columns: CardElement[] = [];
  if (done > 0) columns.push(column(rest > 0 ? done : 'stretch', 'good', true));
  if (rest > 0 || done === 0) columns.push(column(done > 0 ? rest : 'stretch', 'emphasis', done === 0));
  return { type: 'ColumnSet', spacing: 'Medium', columns };
}

function usersMoved(migration: MigrationRecord, text: CardText): CardElement[] {
  const { moved, total, restored } = migration.users;
  // A roll back fills the bar with the users back on E4; the summary line says the numbers.
  if (migration.state === 'rolling_back' || migration.state === 'rolled_back')
    return [progressBar(restored, moved)];
  // Users are counted when moving starts; until then "0 of 0" would read as "nobody to move".
  const counted = total > 0 || finalStates.includes(migration.state);
  return [
    progressBar(moved, total),
    textBlock(
      counted
        ? text.t('progress.users', { moved: text.number(moved), total: text.number(total) })
        : text.t('progress.usersNotCounted'),
      { size: 'Small', spacing: 'Small' },
    ),
  ];
}

const pendingKeys: Readonly<Record<NonNullable<MigrationRecord['control']>['action'], MessageKey>> = {
  pause: 'progress.pending.pause',
  cancel: 'progress.pending.cancel',
  rollBack: 'progress.pending.rollBack',
};

function pendingControl(migration: MigrationRecord, text: CardText): CardElement[] {
  const control = migration.control;
  if (!control) return [];
  return [
    textBlock(text.t(pendingKeys[control.action], { name: personName(text, control.by) }), {
      color: 'Warning',
    }),
  ];
}

function reason(migration: MigrationRecord, text: CardText): CardElement[] {
  if (migration.state !== 'paused' && migration.state !== 'failed') return [];
  const why = reasonText(text, migration);
  if (!why) return [];
  const lines = [textBlock(why, { spacing: 'Medium' })];
  const detail = migration.reason?.detail?.trim();
  if (detail) lines.push(textBlock(text.t('progress.detail', { detail }), { size: 'Small', isSubtle: true }));
  return lines;
}

const fixKeys: Readonly<Record<string, MessageKey>> = {
  '60010': 'progress.fix.60010',
  '60011': 'progress.fix.60011',
  '60012': 'progress.fix.60012',
  '60013': 'progress.fix.60013',
};

/** What to do about one failure: the catalog's fix for codes we know, Partner Center's words otherwise. */
function fixText(text: CardText, failure: UserFailure): string {
  const key = fixKeys[failure.code];
  return key ? text.t(key) : failure.description;
}

/** The latest round's failures: earlier rounds' were retried, and the audit keeps them. */
function currentFailures(migration: MigrationRecord): UserFailure[] {
  const failures = migration.users.failures;
  const round = Math.max(...failures.map((failure) => failure.round));
  return failures.filter((failure) => failure.round === round);
}

function failures(migration: MigrationRecord, text: CardText): CardElement[] {
  if (migration.users.failures.length === 0) return [];
  const current = currentFailures(migration);
  const named = current.slice(0, namedFailuresOnProgress);
  const items = [
    textBlock(
      current.length === 1
        ? text.t('progress.failuresOne')
        : text.t('progress.failures', { count: text.number(current.length) }),
      { weight: 'Bolder', color: 'Attention' },
    ),
    ...named.map((failure) =>
      textBlock(`• ${failure.userPrincipalName}: ${fixText(text, failure)}`, {
        size: 'Small',
        spacing: 'None',
      }),
    ),
  ];
  const rest = current.length - named.length;
  if (rest > 0) {
    items.push(
      textBlock(text.t('plan.usersMore', { count: text.number(rest) }), {
        size: 'Small',
        isSubtle: true,
        spacing: 'None',
      }),
    );
  }
  return [{ type: 'Container', style: 'attention', spacing: 'Medium', items }];
}

function summary(migration: MigrationRecord, text: CardText): CardElement[] {
  const { users } = migration;
  switch (migration.state) {
    case 'completed':
      return [
        textBlock(
          text.t('progress.completed', {
            count: text.number(users.moved),
            date: text.date(migration.e4Suspended?.at ?? migration.updatedAt),
          }),
          { spacing: 'Medium' },
        ),
      ];
    case 'rolling_back':
      return [
        textBlock(
          text.t('progress.rollingBack', {
            restored: text.number(users.restored),
            total: text.number(users.moved),
          }),
          { spacing: 'Medium' },
        ),
      ];
    case 'rolled_back':
      return [
        textBlock(text.t('progress.rolledBack', { count: text.number(users.restored) }), {
          spacing: 'Medium',
        }),
      ];
    case 'cancelled':
      return [textBlock(text.t('progress.cancelled'), { spacing: 'Medium' })];
    default:
      return [];
  }
}

const actionButtons: Readonly<
  Record<MigrationAction, { key: MessageKey; verb: CardVerb; style?: 'positive' | 'destructive' }>
> = {
  pause: { key: 'progress.button.pause', verb: CardVerb.pauseMigration },
  resume: { key: 'progress.button.resume', verb: CardVerb.resumeMigration, style: 'positive' },
  retry: { key: 'progress.button.retry', verb: CardVerb.retryMigration, style: 'positive' },
  cancel: { key: 'progress.button.cancel', verb: CardVerb.cancelMigration, style: 'destructive' },
  rollBack: { key: 'progress.button.rollBack', verb: CardVerb.rollBackMigration, style: 'destructive' },
};

function actions(data: ProgressCardData, text: CardText): CardElement[] {
  const { migration } = data;
  const actionData: MigrationActionData = { migrationId: migration.id, customerId: migration.customer.id };
  const buttons = data.actions.map((action) => {
    const button = actionButtons[action];
    return executeAction(text.t(button.key), button.verb, { ...actionData }, button.style);
  });
  if (!finalStates.includes(migration.state)) {
    buttons.push(
      executeAction(text.t('progress.button.refresh'), CardVerb.refreshMigration, { ...actionData }),
    );
  }
  return buttons;
}
