import assert from 'node:assert/strict';
import {
  availableActions,
  e4ReactivationDays,
  stepOf,
  type MigrationAction,
} from '../../../../src/services/migration/migrationActions.js';
import type {
  MigrationReasonCode,
  MigrationRecord,
  MigrationState,
} from '../../../../src/services/migration/migrationRecord.js';
import { approver, bought, completedEvents, migrationRecord } from '../../cards/migrationRecords.js';

const now = new Date('2026-03-01T12:00:00.000Z');
const dayMs = 24 * 60 * 60 * 1000;

function actions(overrides: Partial<MigrationRecord>, at = now): MigrationAction[] {
  return availableActions(migrationRecord(overrides), at);
}

function paused(code: MigrationReasonCode, purchase = bought): Partial<MigrationRecord> {
  return { state: 'paused', resumeAt: 'moving_users', reason: { code }, purchase };
}

describe('availableActions', () => {
  it('approved, nothing bought: pause or cancel', () => {
    assert.deepEqual(actions({ state: 'approved' }), ['pause', 'cancel']);
  });

  it('purchasing before the intent is recorded: pause or cancel', () => {
    assert.deepEqual(actions({ state: 'purchasing' }), ['pause', 'cancel']);
  });

  it('purchasing once the intent is recorded: pause or roll back, never cancel', () => {
    assert.deepEqual(actions({ state: 'purchasing', purchase: { ...bought, orderIds: [] } }), [
      'pause',
      'rollBack',
    ]);
  });

  for (const state of ['provisioning', 'moving_users', 'verifying'] as const) {
    it(`${state}: pause or roll back`, () => {
      assert.deepEqual(actions({ state, purchase: bought }), ['pause', 'rollBack']);
    });
  }

  it('suspending: roll back only (the last step is not paused)', () => {
    assert.deepEqual(actions({ state: 'suspending', purchase: bought }), ['rollBack']);
  });

  it('no pause while a control is pending, and no second request of the same control', () => {
    const control = { by: approver, at: '2026-03-01T11:59:00.000Z' };
    assert.deepEqual(
      actions({ state: 'moving_users', purchase: bought, control: { ...control, action: 'pause' } }),
      ['rollBack'],
    );
    assert.deepEqual(
      actions({ state: 'moving_users', purchase: bought, control: { ...control, action: 'rollBack' } }),
      [],
    );
    assert.deepEqual(actions({ state: 'approved', control: { ...control, action: 'cancel' } }), []);
    // A pending pause doesn't stop a cancel, which ends the migration anyway.
    assert.deepEqual(actions({ state: 'approved', control: { ...control, action: 'pause' } }), ['cancel']);
  });

  for (const code of ['needsSignIn', 'pausedByPerson', 'partnerCenterError', 'quantityExceeded'] as const) {
    it(`paused for ${code}: resume (and roll back once bought)`, () => {
      assert.deepEqual(actions(paused(code)), ['resume', 'rollBack']);
    });
  }

  for (const code of ['userFailures', 'e4StillHeld'] as const) {
    it(`paused for ${code}: retry or roll back`, () => {
      assert.deepEqual(actions(paused(code)), ['retry', 'rollBack']);
    });
  }

  it('paused before buying: resume or cancel', () => {
    assert.deepEqual(actions(paused('needsSignIn', { attempt: 0, orderIds: [], subscriptions: [] })), [
      'resume',
      'cancel',
    ]);
  });

  it('paused for a reason no click fixes (plan changed): cancel only', () => {
    assert.deepEqual(actions(paused('planChanged', { attempt: 0, orderIds: [], subscriptions: [] })), [
      'cancel',
    ]);
  });

  it('completed: roll back while E4 is suspended less than 120 days', () => {
    const suspendedAt = (days: number) => ({ at: new Date(now.getTime() - days * dayMs).toISOString() });
    const completed = { state: 'completed', purchase: bought } as const;
    assert.deepEqual(actions({ ...completed, e4Suspended: suspendedAt(0) }), ['rollBack']);
    assert.deepEqual(actions({ ...completed, e4Suspended: suspendedAt(e4ReactivationDays - 1) }), [
      'rollBack',
    ]);
    assert.deepEqual(actions({ ...completed, e4Suspended: suspendedAt(e4ReactivationDays) }), []);
    assert.deepEqual(actions({ ...completed, e4Suspended: suspendedAt(400) }), []);
    assert.deepEqual(actions({ ...completed, e4Suspended: { at: 'not a date' } }), []);
  });

  it('failed after buying: roll back; failed before buying: nothing', () => {
    assert.deepEqual(actions({ state: 'failed', reason: { code: 'provisioningFailed' }, purchase: bought }), [
      'rollBack',
    ]);
    assert.deepEqual(actions({ state: 'failed', reason: { code: 'purchaseRefused' } }), []);
  });

  it('failed roll back: again while E4 can carry the users, never once it is de-provisioned', () => {
    assert.deepEqual(actions({ state: 'failed', reason: { code: 'rollbackIncomplete' }, purchase: bought }), [
      'rollBack',
    ]);
    assert.deepEqual(actions({ state: 'failed', reason: { code: 'rollbackTooLate' }, purchase: bought }), []);
  });

  for (const state of ['cancelled', 'rolling_back', 'rolled_back'] as const) {
    it(`${state}: nothing`, () => {
      assert.deepEqual(actions({ state, purchase: bought }), []);
    });
  }

  it('covers every state', () => {
    const states: MigrationState[] = [
      'approved',
      'purchasing',
      'provisioning',
      'moving_users',
      'verifying',
      'suspending',
      'completed',
      'paused',
      'cancelled',
      'failed',
      'rolling_back',
      'rolled_back',
    ];
    for (const state of states) {
      for (const action of actions({ state, purchase: bought, e4Suspended: { at: now.toISOString() } })) {
        assert.notEqual(action, 'cancel', `${state} offers cancel after buying`);
      }
    }
  });
});

describe('stepOf', () => {
  const cases: [MigrationState, number][] = [
    ['approved', 0],
    ['purchasing', 1],
    ['provisioning', 2],
    ['moving_users', 3],
    ['verifying', 4],
    ['suspending', 5],
    ['completed', 6],
  ];
  for (const [state, step] of cases) {
    it(`${state} is step ${step}`, () => {
      assert.equal(stepOf(migrationRecord({ state })), step);
    });
  }

  it('paused is at the step it resumes at', () => {
    assert.equal(stepOf(migrationRecord({ state: 'paused', resumeAt: 'verifying' })), 4);
    assert.equal(stepOf(migrationRecord({ state: 'paused', resumeAt: 'approved' })), 0);
  });

  it('failed, cancelled and rolled back are at the last step their journal entered', () => {
    const upToMoving = completedEvents.slice(0, 5);
    assert.equal(stepOf(migrationRecord({ state: 'failed', events: upToMoving })), 3);
    assert.equal(stepOf(migrationRecord({ state: 'rolled_back', events: upToMoving })), 3);
    assert.equal(stepOf(migrationRecord({ state: 'cancelled' })), 0);
    assert.equal(stepOf(migrationRecord({ state: 'paused' })), 0);
  });
});
