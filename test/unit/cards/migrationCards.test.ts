import assert from 'node:assert/strict';
import type { CardElement } from '../../../src/cards/adaptiveCard.js';
import { buildApprovalCard, rejectReasonMaxLength } from '../../../src/cards/approvalCard.js';
import { buildApprovalOutcomeCard } from '../../../src/cards/approvalOutcomeCard.js';
import {
  buildAuditCard,
  eventsPerMigrationOnAudit,
  migrationsOnAudit,
} from '../../../src/cards/auditCard.js';
import { cardText } from '../../../src/cards/cardText.js';
import { CardVerb, rejectReasonInputId } from '../../../src/cards/cardVerbs.js';
import { buildMigrationStatusCard } from '../../../src/cards/migrationStatusCard.js';
import { buildProgressCard, progressBar } from '../../../src/cards/progressCard.js';
import type { MigrationAction } from '../../../src/services/migration/migrationActions.js';
import type { MigrationRecord } from '../../../src/services/migration/migrationRecord.js';
import { allText, cardProblems, executeActions } from './cardHarness.js';
import {
  approvalData,
  approvedRecord,
  approver,
  cardsDrawnAt,
  completedRecord,
  failuresRecord,
  longJournalRecord,
  movingRecord,
  requester,
  rolledBackRecord,
  signInRecord,
  unpricedApprovalData,
} from './migrationRecords.js';

const en = cardText('en');

function find(
  value: unknown,
  predicate: (node: Record<string, unknown>) => boolean,
): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node !== null && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (predicate(record)) found.push(record);
      Object.values(record).forEach(walk);
    }
  };
  walk(value);
  return found;
}

describe('buildApprovalCard', () => {
  const card = buildApprovalCard(approvalData, en);
  const expectedData = {
    approvalId: 'apr-4f1c2a6e-3',
    customerId: approvalData.customer.id,
    planHash: 'hash-3f9a',
  };

  it('Approve and the Reject inside the reason card carry exactly ApprovalActionData', () => {
    assert.deepEqual(
      executeActions(card).map((action) => [action.title, action.verb, action.data]),
      [
        ['Approve', CardVerb.approve, expectedData],
        ['Reject the migration', CardVerb.reject, expectedData],
      ],
    );
    const approve = card.actions?.[0];
    assert.equal(approve?.style, 'positive');
    const [reject] = find(card, (node) => node.verb === CardVerb.reject);
    assert.equal(reject?.style, 'destructive');
  });

  it('Reject is a ShowCard asking for a required reason of at most 500 characters', () => {
    const reject = card.actions?.[1] as CardElement;
    assert.equal(reject.type, 'Action.ShowCard');
    assert.equal(reject.title, 'Reject');
    const [input] = find(reject, (node) => node.type === 'Input.Text');
    assert.ok(input);
    assert.equal(input.id, rejectReasonInputId);
    assert.equal(input.isRequired, true);
    assert.equal(input.maxLength, rejectReasonMaxLength);
    assert.equal(rejectReasonMaxLength, 500);
    assert.equal(input.label, 'Why do you reject it?');
  });

  it('shows the exact plan, who asked and when, until when, and the four-eyes rule', () => {
    const text = allText(card);
    assert.match(text, /Approve the migration of Contoso Nordic AB\?/);
    assert.match(text, /Requested by Sara Lind on Feb 21, 2026, 09:30 UTC/);
    assert.match(text, /Valid until Feb 28, 2026, 09:30 UTC/);
    assert.match(text, /To buy\nOffice 365 E3 \+ Skype for Business Plus CAL/);
    assert.match(text, /Licenses to buy\n10\nUsers on E4\n7\nTerm\n1 year\nBilling\nMonthly/);
    assert.match(text, /Total per billing period\nSEK\s2,685\.00/);
    assert.match(text, /other than Sara Lind approves/);
  });

  it('without price, users or four-eyes: no total, "Unknown" users, no four-eyes note, the substitute named', () => {
    const text = allText(buildApprovalCard(unpricedApprovalData, en));
    assert.doesNotMatch(text, /Total per|Four-eyes/);
    assert.match(text, /Users on E4\nUnknown/);
    assert.match(text, /End date\nEnd date unknown/);
    assert.match(text, /Office 365 E5 \(or its Microsoft 365 equivalent\)/);
  });

  it('speaks Swedish and Dutch', () => {
    assert.match(allText(buildApprovalCard(approvalData, cardText('sv'))), /Godkänn\n[\s\S]*Avvisa/);
    assert.match(allText(buildApprovalCard(approvalData, cardText('nl'))), /Goedkeuren\n[\s\S]*Afwijzen/);
  });
});

describe('buildApprovalOutcomeCard', () => {
  const common = { customerName: 'Contoso Nordic AB', option: 3, quantity: 10, requester } as const;

  it('a rejection says who, when and why, and has no buttons', () => {
    const card = buildApprovalOutcomeCard(
      {
        ...common,
        outcome: 'rejected',
        decidedBy: approver,
        decidedAt: '2026-02-21T09:50:00.000Z',
        reason: 'Budget',
      },
      en,
    );
    assert.equal(card.actions, undefined);
    assert.deepEqual(executeActions(card), []);
    assert.match(
      allText(card),
      /rejected\nJan de Vries rejected it on Feb 21, 2026, 09:50 UTC\.\nReason: Budget/,
    );
  });

  it('an expiry names no decider and no reason', () => {
    const text = allText(
      buildApprovalOutcomeCard({ ...common, outcome: 'expired', decidedAt: '2026-02-28T09:30:00.000Z' }, en),
    );
    assert.match(text, /expired\nNo one decided before Feb 28, 2026, 09:30 UTC\./);
    assert.doesNotMatch(text, /Reason/);
    assert.match(text, /Sara Lind can plan again/);
  });
});

describe('buildProgressCard', () => {
  function progress(migration: MigrationRecord, actions: MigrationAction[] = []) {
    return buildProgressCard({ migration, actions, now: cardsDrawnAt }, en);
  }

  it('shows only the given actions, then Refresh while not final, all with MigrationActionData', () => {
    const card = progress(movingRecord, ['pause', 'rollBack']);
    const actions = executeActions(card);
    assert.deepEqual(
      actions.map((action) => [action.title, action.verb]),
      [
        ['Pause', CardVerb.pauseMigration],
        ['Roll back', CardVerb.rollBackMigration],
        ['Refresh', CardVerb.refreshMigration],
      ],
    );
    for (const action of actions) {
      assert.deepEqual(action.data, { migrationId: movingRecord.id, customerId: movingRecord.customer.id });
    }
    assert.equal(card.actions?.[1]?.style, 'destructive');
  });

  it('maps every action to its verb; cancel and roll back are destructive', () => {
    const card = progress(signInRecord, ['pause', 'resume', 'retry', 'cancel', 'rollBack']);
    assert.deepEqual(
      card.actions?.map((action) => [action.verb, action.style ?? null]),
      [
        [CardVerb.pauseMigration, null],
        [CardVerb.resumeMigration, 'positive'],
        [CardVerb.retryMigration, 'positive'],
        [CardVerb.cancelMigration, 'destructive'],
        [CardVerb.rollBackMigration, 'destructive'],
        [CardVerb.refreshMigration, null],
      ],
    );
  });

  it('has no button at all when final and nothing is allowed', () => {
    assert.equal(progress(rolledBackRecord).actions, undefined);
    assert.deepEqual(
      executeActions(progress(completedRecord, ['rollBack'])).map((action) => action.verb),
      [CardVerb.rollBackMigration],
    );
  });

  it('says who approved and when, and marks the steps', () => {
    const text = allText(progress(movingRecord, ['pause']));
    assert.match(
      text,
      /Migrating Contoso Nordic AB to Option 3: Office 365 E3 \+ Skype for Business Plus CAL/,
    );
    assert.match(text, /Approved by Jan de Vries on Feb 21, 2026, 09:40 UTC/);
    assert.match(text, /✓ Purchase\n✓ Provisioning\n▶ Move users\n○ Verify\n○ Suspend E4\n○ Completed/);
    assert.match(allText(progress(failuresRecord)), /✓ Provisioning\n⏸ Move users\n○ Verify/);
    assert.match(allText(progress({ ...movingRecord, state: 'failed' })), /✓ Provisioning\n✖ Move users/);
  });

  it('lists the first five failures with what to fix, and how many more', () => {
    const text = allText(progress(failuresRecord, ['retry']));
    assert.match(text, /Some users couldn’t be moved\. Fix what is listed, then press Retry\./);
    assert.match(text, /7 users couldn’t be moved:/);
    assert.match(text, /user1@contoso\.onmicrosoft\.com: set a usage location/);
    assert.match(text, /user2@contoso\.onmicrosoft\.com: the license comes from a group/);
    assert.match(text, /user3@contoso\.onmicrosoft\.com: not enough licenses/);
    assert.match(text, /user4@contoso\.onmicrosoft\.com: conflicting service plans/);
    assert.match(text, /user5@contoso\.onmicrosoft\.com: The user was deleted\./);
    assert.doesNotMatch(text, /user6@/);
    assert.match(text, /…and 2 more/);
  });

  it('shows only the latest round’s failures', () => {
    const failures = failuresRecord.users.failures.map((failure, index) => ({
      ...failure,
      round: index < 6 ? 1 : 2,
    }));
    const text = allText(
      progress({ ...failuresRecord, users: { ...failuresRecord.users, round: 2, failures } }),
    );
    assert.match(text, /1 user couldn’t be moved:\n• user7@/);
  });

  it('asks for the acting user’s sign-in by name', () => {
    assert.match(
      allText(progress(signInRecord)),
      /Jan de Vries’s sign-in is needed: Jan de Vries or another Admin agent or Global admin, sign in and press Resume\.\nDetails: mfa_required/,
    );
  });

  for (const [moved, total, widths] of [
    [0, 0, [['stretch', 'emphasis']]],
    [
      3,
      10,
      [
        [3, 'good'],
        [7, 'emphasis'],
      ],
    ],
    [10, 10, [['stretch', 'good']]],
  ] as const) {
    it(`draws the bar at ${moved}/${total} as columns a 1.5 parser accepts`, () => {
      const bar = progressBar(moved, total);
      const columns = bar.columns as CardElement[];
      assert.deepEqual(
        columns.map((column) => [column.width, column.style]),
        widths,
      );
      for (const column of columns) assert.equal(column.minHeight, '8px');
      assert.deepEqual(cardProblems({ type: 'AdaptiveCard', version: '1.5', body: [bar] }), []);
    });
  }

  it('says users are counted later at 0/0, and the count otherwise', () => {
    assert.match(allText(progress(approvedRecord)), /The users are counted when moving starts\./);
    assert.match(allText(progress(movingRecord)), /3 of 10 users moved/);
    assert.match(allText(progress(completedRecord)), /10 of 10 users moved/);
  });

  it('sums up a completed and a rolled-back migration', () => {
    assert.match(
      allText(progress(completedRecord)),
      /10 users moved; E4 suspended on Feb 21, 2026\. Partner Center removes it after 120 days at no cost\./,
    );
    const rolledBack = allText(progress(rolledBackRecord));
    assert.match(rolledBack, /4 users are back on E4/);
    assert.doesNotMatch(rolledBack, /✓|users moved/);
  });

  it('says who asked for a pending pause', () => {
    const control = { action: 'pause', by: approver, at: cardsDrawnAt } as const;
    assert.match(
      allText(progress({ ...movingRecord, control })),
      /Jan de Vries asked to pause: it happens at the next step\./,
    );
  });
});

describe('buildMigrationStatusCard', () => {
  it('lists customer, option, state, users and last update per migration', () => {
    const text = allText(
      buildMigrationStatusCard({ migrations: [movingRecord, approvedRecord], now: cardsDrawnAt }, en),
    );
    assert.match(
      text,
      /Contoso Nordic AB\nOption 3: Office 365 E3 \+ Skype for Business Plus CAL\nMoving users · 3 of 10 users moved\nUpdated Feb 21, 2026, 09:45 UTC/,
    );
    assert.match(text, /Fabrikam BV\nOption 1: Office 365 E5\nApproved\nUpdated/);
  });

  it('has an empty state', () => {
    const card = buildMigrationStatusCard({ migrations: [], now: cardsDrawnAt }, en);
    assert.match(allText(card), /^Migrations\nNo migrations yet\./);
  });
});

describe('buildAuditCard', () => {
  it('shows at most 30 events per migration, then how many more are in the CSV', () => {
    const card = buildAuditCard({ customerName: 'Contoso Nordic AB', migrations: [longJournalRecord] }, en);
    const text = allText(card);
    assert.equal(eventsPerMigrationOnAudit, 30);
    assert.equal(longJournalRecord.events.length, 42);
    assert.equal((text.match(/ UTC · /g) ?? []).length, 30);
    assert.match(text, /…and 12 more \(in the CSV\)/);
  });

  it('names events, actors and short request ids; unknown events stay as written', () => {
    const text = allText(
      buildAuditCard(
        {
          customerName: 'Contoso Nordic AB',
          migrations: [
            {
              ...longJournalRecord,
              events: longJournalRecord.events.slice(2, 3).concat(longJournalRecord.events.slice(37, 38)),
            },
          ],
        },
        en,
      ),
    );
    assert.match(text, /Feb 21, 2026, 09:41 UTC · Bought · Jan de Vries · request ids 9e0f1a2b\n/);
    assert.match(text, /customStepFromANewerEngine · kept as written/);
    assert.match(text, /Migration mig-4f1c2a6e-3 · Completed/);
  });

  it('shows the newest five migrations, then how many older ones are in the CSV, staying under Teams’ message size', () => {
    const migrations = Array.from({ length: 8 }, (_, index) => ({
      ...longJournalRecord,
      id: `mig-${index}`,
    }));
    const card = buildAuditCard({ customerName: 'Contoso Nordic AB', migrations }, en);
    const text = allText(card);
    assert.equal(migrationsOnAudit, 5);
    assert.deepEqual(text.match(/Migration mig-\d/g), [
      'Migration mig-0',
      'Migration mig-1',
      'Migration mig-2',
      'Migration mig-3',
      'Migration mig-4',
    ]);
    assert.match(text, /…and 3 more \(in the CSV\)$/);
    assert.ok(JSON.stringify(card).length < 28_000, `card is ${JSON.stringify(card).length} bytes`);
  });

  it('offers the CSV only with a link', () => {
    const url = 'https://e4assistant.example/audit/contoso.csv?sig=abc';
    const withLink = buildAuditCard(
      { customerName: 'Contoso Nordic AB', migrations: [rolledBackRecord], csvUrl: url },
      en,
    );
    assert.deepEqual(withLink.actions, [{ type: 'Action.OpenUrl', title: 'Download CSV', url }]);
    const without = buildAuditCard({ customerName: 'Contoso Nordic AB', migrations: [rolledBackRecord] }, en);
    assert.equal(without.actions, undefined);
  });

  it('has an empty state', () => {
    const card = buildAuditCard({ customerName: 'Northwind', migrations: [] }, cardText('sv'));
    assert.equal(
      allText(card),
      'Granskningslogg för Northwind\nIngen migrering är registrerad för Northwind.',
    );
  });
});
