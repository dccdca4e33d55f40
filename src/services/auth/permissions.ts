import type { PartnerRole } from './models.js';

/** What a partner user can ask the bot to do; the policy below decides who may. */
export const PartnerAction = {
  readCustomers: 'readCustomers',
  plan: 'plan',
  requestApproval: 'requestApproval',
  approve: 'approve',
  resume: 'resume',
  rollBack: 'rollBack',
  /** Erase a customer's migration records on their request (DESIGN §5 "Audit"). */
  eraseAudit: 'eraseAudit',
  setApprovalsChannel: 'setApprovalsChannel',
  changeReminders: 'changeReminders',
  help: 'help',
} as const;

export type PartnerAction = (typeof PartnerAction)[keyof typeof PartnerAction];

const READERS: readonly PartnerRole[] = ['SalesAgent', 'AdminAgent', 'GlobalAdmin'];
/** Executing a migration changes licenses, which a Sales agent cannot do in Partner Center. */
const EXECUTORS: readonly PartnerRole[] = ['AdminAgent', 'GlobalAdmin'];

/**
 * DESIGN §11 as one table. `'anyone'` includes users without a partner role; User management admins
 * appear nowhere else, so they get help only.
 */
const POLICY: Readonly<Record<PartnerAction, readonly PartnerRole[] | 'anyone'>> = {
  readCustomers: READERS,
  plan: READERS,
  requestApproval: READERS,
  approve: EXECUTORS,
  resume: EXECUTORS,
  rollBack: EXECUTORS,
  // Erasing destroys the record of who bought and moved what: those who may do the buying decide.
  eraseAudit: EXECUTORS,
  setApprovalsChannel: EXECUTORS,
  changeReminders: EXECUTORS,
  help: 'anyone',
};

/** Whether a user holding `roles` may perform `action`. Pure; the server checks it on every action. */
export function isPermitted(roles: readonly PartnerRole[], action: PartnerAction): boolean {
  const allowed = POLICY[action];
  return allowed === 'anyone' || roles.some((role) => allowed.includes(role));
}

/** The roles that may perform `action` (empty for `'anyone'` actions), to tell people whom to ask. */
export function rolesPermittedTo(action: PartnerAction): readonly PartnerRole[] {
  const allowed = POLICY[action];
  return allowed === 'anyone' ? [] : allowed;
}
