import type { AdaptiveCard } from '../../../src/cards/adaptiveCard.js';
import { buildApprovalCard } from '../../../src/cards/approvalCard.js';
import { buildApprovalOutcomeCard } from '../../../src/cards/approvalOutcomeCard.js';
import { buildAuditCard } from '../../../src/cards/auditCard.js';
import { buildAuditErasureCard } from '../../../src/cards/auditErasureCard.js';
import type { CardText } from '../../../src/cards/cardText.js';
import { buildComparisonCard } from '../../../src/cards/comparisonCard.js';
import { buildCustomerChoiceCard } from '../../../src/cards/customerChoiceCard.js';
import { buildExpiringListCard } from '../../../src/cards/expiringListCard.js';
import { buildHelpCard } from '../../../src/cards/helpCard.js';
import { buildMessageCard } from '../../../src/cards/messageCard.js';
import { buildMigrationConfirmCard } from '../../../src/cards/migrationConfirmCard.js';
import { buildMigrationStatusCard } from '../../../src/cards/migrationStatusCard.js';
import { buildPlanCard } from '../../../src/cards/planCard.js';
import { buildProgressCard } from '../../../src/cards/progressCard.js';
import { buildSignInToResumeCard } from '../../../src/cards/signInToResumeCard.js';
import { buildSubscriptionChoiceCard } from '../../../src/cards/subscriptionChoiceCard.js';
import { buildWelcomeCard } from '../../../src/cards/welcomeCard.js';
import { buildReminderCard } from '../../../src/cards/reminderCard.js';
import { buildReminderSettingsCard } from '../../../src/cards/reminderSettingsCard.js';
import { digestReminder, largeDigest, singleReminder, subscribedChannel } from './reminderFixtures.js';
import {
  blockedPlan,
  closestMatch,
  contosoSubscriptions,
  emptyScan,
  executablePlan,
  expiringScan,
  pricedComparison,
  severalMatches,
  unpricedComparison,
} from './fixtures.js';
import {
  approvalData,
  approvedRecord,
  approver,
  cardsDrawnAt,
  completedRecord,
  failedRecord,
  failuresRecord,
  longJournalRecord,
  movingRecord,
  requester,
  rolledBackRecord,
  signInRecord,
  unpricedApprovalData,
} from './migrationRecords.js';

/** Every card in every variant worth a snapshot, by name. */
export function everyCard(text: CardText): [string, AdaptiveCard][] {
  return [
    ['welcome', buildWelcomeCard({}, text)],
    ['help', buildHelpCard({ allowed: true, requiredRoles: [] }, text)],
    [
      'help-restricted',
      buildHelpCard({ allowed: false, requiredRoles: ['GlobalAdmin', 'AdminAgent', 'SalesAgent'] }, text),
    ],
    ['customer-choices', buildCustomerChoiceCard({ query: 'contoso', match: severalMatches }, text)],
    ['customer-closest', buildCustomerChoiceCard({ query: 'fabrikm', match: closestMatch }, text)],
    ['customer-none', buildCustomerChoiceCard({ query: 'zzz', match: { kind: 'none' } }, text)],
    [
      'subscription-choice',
      buildSubscriptionChoiceCard(
        { customerName: 'Contoso Nordic AB', subscriptions: contosoSubscriptions },
        text,
      ),
    ],
    [
      'comparison-priced',
      buildComparisonCard({ customerName: 'Contoso Nordic AB', comparison: pricedComparison }, text),
    ],
    [
      'comparison-unpriced',
      buildComparisonCard({ customerName: 'Fabrikam BV', comparison: unpricedComparison }, text),
    ],
    ['plan-executable', buildPlanCard({ plan: executablePlan }, text)],
    ['plan-blocked', buildPlanCard({ plan: blockedPlan }, text)],
    ['expiring-list', buildExpiringListCard({ scan: expiringScan, withinDays: 90 }, text)],
    ['expiring-empty', buildExpiringListCard({ scan: emptyScan, withinDays: 30 }, text)],
    [
      'message-error',
      buildMessageCard({
        title: text.t('no'),
        text: text.t('error.partnerCenterBusy', { seconds: 30 }),
        tone: 'error',
      }),
    ],
    ['approval', buildApprovalCard(approvalData, text)],
    ['approval-unpriced', buildApprovalCard(unpricedApprovalData, text)],
    [
      'approval-rejected',
      buildApprovalOutcomeCard(
        {
          outcome: 'rejected',
          customerName: 'Contoso Nordic AB',
          option: 3,
          quantity: 10,
          decidedBy: approver,
          decidedAt: '2026-02-21T09:50:00.000Z',
          reason: 'Wait for the customer’s budget approval in April.',
          requester,
        },
        text,
      ),
    ],
    [
      'approval-expired',
      buildApprovalOutcomeCard(
        {
          outcome: 'expired',
          customerName: 'Fabrikam BV',
          option: 1,
          quantity: 12,
          decidedAt: '2026-02-28T09:30:00.000Z',
          requester,
        },
        text,
      ),
    ],
    ['confirm-cancel', buildMigrationConfirmCard({ migration: approvedRecord, action: 'cancel' }, text)],
    ['confirm-rollBack', buildMigrationConfirmCard({ migration: movingRecord, action: 'rollBack' }, text)],
    [
      'confirm-rollBack-suspended',
      buildMigrationConfirmCard({ migration: completedRecord, action: 'rollBack' }, text),
    ],
    ['sign-in-to-resume', buildSignInToResumeCard({ migration: signInRecord }, text)],
    [
      'progress-approved',
      buildProgressCard({ migration: approvedRecord, actions: ['pause', 'cancel'], now: cardsDrawnAt }, text),
    ],
    [
      'progress-moving',
      buildProgressCard({ migration: movingRecord, actions: ['pause', 'rollBack'], now: cardsDrawnAt }, text),
    ],
    [
      'progress-pause-pending',
      buildProgressCard(
        {
          migration: {
            ...movingRecord,
            control: { action: 'pause', by: approver, at: '2026-02-21T09:45:10.000Z' },
          },
          actions: ['rollBack'],
          now: cardsDrawnAt,
        },
        text,
      ),
    ],
    [
      'progress-failures',
      buildProgressCard(
        { migration: failuresRecord, actions: ['retry', 'rollBack'], now: cardsDrawnAt },
        text,
      ),
    ],
    [
      'progress-sign-in',
      buildProgressCard({ migration: signInRecord, actions: ['resume', 'cancel'], now: cardsDrawnAt }, text),
    ],
    [
      'progress-failed',
      buildProgressCard({ migration: failedRecord, actions: ['rollBack'], now: cardsDrawnAt }, text),
    ],
    [
      'progress-completed',
      buildProgressCard({ migration: completedRecord, actions: ['rollBack'], now: cardsDrawnAt }, text),
    ],
    [
      'progress-rolled-back',
      buildProgressCard({ migration: rolledBackRecord, actions: [], now: cardsDrawnAt }, text),
    ],
    [
      'status',
      buildMigrationStatusCard(
        { migrations: [approvedRecord, movingRecord, failuresRecord, completedRecord], now: cardsDrawnAt },
        text,
      ),
    ],
    ['status-empty', buildMigrationStatusCard({ migrations: [], now: cardsDrawnAt }, text)],
    [
      'audit',
      buildAuditCard(
        {
          customerName: 'Contoso Nordic AB',
          migrations: [longJournalRecord, rolledBackRecord],
          csvUrl: 'https://e4assistant.example/audit/contoso.csv?sig=abc',
          csvLinkMinutes: 15,
        },
        text,
      ),
    ],
    ['audit-empty', buildAuditCard({ customerName: 'Northwind', migrations: [] }, text)],
    [
      'audit-erasure',
      buildAuditErasureCard(
        {
          customerId: '5d1b5c3e-0000-4000-8000-00000000c001',
          customerName: 'Contoso Nordic AB',
          migrations: 2,
        },
        text,
      ),
    ],
    ['reminder-single', buildReminderCard(singleReminder, text)],
    ['reminder-digest', buildReminderCard(digestReminder, text)],
    ['reminder-large', buildReminderCard(largeDigest, text)],
    [
      'reminder-settings',
      buildReminderSettingsCard({ subscription: subscribedChannel, heading: 'subscribed' }, text),
    ],
    [
      'reminder-settings-none',
      buildReminderSettingsCard({ subscription: undefined, heading: 'current' }, text),
    ],
  ];
}
