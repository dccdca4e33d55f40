import assert from 'node:assert/strict';
import { cardActionSchemas } from '../../../src/bot/cardActions.js';
import { CardVerb, cardVerbs } from '../../../src/cards/index.js';

const customerId = '5d1b5c3e-0000-4000-8000-00000000c001';
const e4SubscriptionId = '7a3f0e2b-0000-4000-8000-00000000e401';
const planHash = 'ab'.repeat(32);
const plan = { customerId, e4SubscriptionId, option: 2, planHash, plannedQuantity: 45 };
const approval = { approvalId: `${customerId}.0123456789abcdef`, customerId, planHash };
const migration = { migrationId: `${customerId}.0123456789abcdef.1`, customerId };

/** One valid `data` per verb, as the cards send it. */
const valid = {
  [CardVerb.chooseCustomer]: { customerId },
  [CardVerb.chooseSubscription]: { customerId, e4SubscriptionId },
  [CardVerb.migrateExpiring]: { customerId, e4SubscriptionId },
  [CardVerb.chooseOption]: { customerId, e4SubscriptionId, option: 3 },
  [CardVerb.requestApproval]: { ...plan, quantity: '45' },
  [CardVerb.cancelPlan]: plan,
  [CardVerb.approve]: approval,
  [CardVerb.reject]: { ...approval, rejectReason: 'Wrong quantity' },
  [CardVerb.pauseMigration]: migration,
  [CardVerb.resumeMigration]: migration,
  [CardVerb.retryMigration]: migration,
  [CardVerb.cancelMigration]: migration,
  [CardVerb.rollBackMigration]: migration,
  [CardVerb.refreshMigration]: migration,
  [CardVerb.chooseAuditCustomer]: { customerId },
  [CardVerb.chooseAuditErasureCustomer]: { customerId },
  [CardVerb.eraseAudit]: { customerId },
  [CardVerb.startMigrationFromReminder]: { customerId, e4SubscriptionId },
  [CardVerb.snoozeReminder]: { customerId, e4SubscriptionId, digestId: '2026-11-23T08:00:00.000Z' },
  [CardVerb.assignReminder]: { customerId, e4SubscriptionId, digestId: 'now-2026-11-23T10:41:07.123Z' },
} as const;

describe('cardActionSchemas', () => {
  it('has a schema for every card verb', () => {
    assert.deepEqual(Object.keys(cardActionSchemas).sort(), [...cardVerbs].sort());
  });

  for (const verb of cardVerbs) {
    it(`accepts the data a ${verb} card sends`, () => {
      assert.equal(cardActionSchemas[verb].safeParse(valid[verb]).success, true);
    });
  }

  it('reads the Input.Number quantity, which arrives as text, as a number', () => {
    const parsed = cardActionSchemas[CardVerb.requestApproval].parse(valid[CardVerb.requestApproval]);
    assert.equal(parsed.quantity, 45);
    assert.equal(parsed.plannedQuantity, 45);
    assert.equal(parsed.option, 2);
  });

  it('accepts an option sent as text, and upper-case ids', () => {
    const parsed = cardActionSchemas[CardVerb.chooseOption].parse({
      customerId: customerId.toUpperCase(),
      e4SubscriptionId,
      option: '4',
    });
    assert.equal(parsed.option, 4);
  });

  const refused: [string, CardVerb, unknown][] = [
    ['a customer id that is not a GUID', CardVerb.chooseCustomer, { customerId: 'contoso' }],
    ['a customer id with a path in it', CardVerb.chooseCustomer, { customerId: `${customerId}/../x` }],
    ['a missing customer id', CardVerb.chooseCustomer, {}],
    [
      'a reminder digest id with a path in it',
      CardVerb.snoozeReminder,
      { customerId, e4SubscriptionId, digestId: '../2026-11-23T08:00:00.000Z' },
    ],
    ['a missing reminder digest id', CardVerb.assignReminder, { customerId, e4SubscriptionId }],
    ['no data at all', CardVerb.chooseCustomer, undefined],
    ['an erasure of a customer that is not a GUID', CardVerb.eraseAudit, { customerId: 'contoso' }],
    ['an erasure without a customer', CardVerb.eraseAudit, {}],
    ['an erasure of every customer', CardVerb.eraseAudit, { customerId: '*' }],
    ['a missing subscription id', CardVerb.chooseSubscription, { customerId }],
    ['a subscription id that is not a GUID', CardVerb.migrateExpiring, { customerId, e4SubscriptionId: '1' }],
    ['option 0', CardVerb.chooseOption, { customerId, e4SubscriptionId, option: 0 }],
    ['option 5', CardVerb.chooseOption, { customerId, e4SubscriptionId, option: 5 }],
    ['option 1.5', CardVerb.chooseOption, { customerId, e4SubscriptionId, option: 1.5 }],
    [
      'an option that is not a number',
      CardVerb.chooseOption,
      { customerId, e4SubscriptionId, option: 'two' },
    ],
    ['a missing option', CardVerb.chooseOption, { customerId, e4SubscriptionId }],
    ['a plan hash that is not hex', CardVerb.cancelPlan, { ...plan, planHash: 'zz'.repeat(32) }],
    ['a short plan hash', CardVerb.cancelPlan, { ...plan, planHash: 'ab'.repeat(16) }],
    ['a missing plan hash', CardVerb.cancelPlan, { ...plan, planHash: undefined }],
    ['a negative quantity', CardVerb.requestApproval, { ...plan, quantity: '-3' }],
    ['a fractional quantity', CardVerb.requestApproval, { ...plan, quantity: '2.5' }],
    ['a zero quantity', CardVerb.requestApproval, { ...plan, quantity: '0' }],
    ['a quantity that is not a number', CardVerb.requestApproval, { ...plan, quantity: 'many' }],
    ['an empty quantity input', CardVerb.requestApproval, { ...plan, quantity: '' }],
    ['a missing quantity', CardVerb.requestApproval, plan],
    ['an absurd quantity', CardVerb.requestApproval, { ...plan, quantity: '1000001' }],
    ['a negative planned quantity', CardVerb.cancelPlan, { ...plan, plannedQuantity: -1 }],
    ['a missing planned quantity', CardVerb.cancelPlan, { ...plan, plannedQuantity: undefined }],
  ];
  for (const [what, verb, data] of refused) {
    it(`refuses ${what} (${verb})`, () => {
      assert.equal(cardActionSchemas[verb].safeParse(data).success, false);
    });
  }
});
