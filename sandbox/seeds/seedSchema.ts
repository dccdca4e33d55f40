import { z } from 'zod';

import type { SandboxSeed } from './seedTypes.js';

/** Validates a seed posted to `POST /_sandbox/seed` as `{ kind: 'custom', seed }` (see seedTypes.ts). */

const isoDate = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not an ISO date');

const partnerUser = z.object({
  oid: z.string().min(1),
  userPrincipalName: z.string().min(1),
  displayName: z.string(),
  roles: z.array(z.enum(['GlobalAdmin', 'AdminAgent', 'SalesAgent', 'UserManagementAdmin'])),
  hasMfa: z.boolean(),
});

const subscription = z.object({
  id: z.string().min(1),
  offerId: z.string().min(1),
  offerName: z.string(),
  friendlyName: z.string().optional(),
  quantity: z.number().int().min(0),
  status: z.enum(['active', 'pending', 'suspended', 'deleted', 'expired', 'disabled']),
  autoRenewEnabled: z.boolean(),
  contractType: z.enum(['legacy', 'newCommerce']),
  creationDate: isoDate,
  effectiveStartDate: isoDate.optional(),
  commitmentEndDate: isoDate,
  billingCycleEndDate: isoDate.optional(),
  billingCycle: z.enum(['monthly', 'annual', 'none']),
  termDuration: z.string().optional(),
  parentSubscriptionId: z.string().optional(),
  suspendedAt: isoDate.optional(),
  orderId: z.string().optional(),
  skuId: z.string().optional(),
  cancellationAllowedUntilDate: isoDate.optional(),
  provisionedAt: isoDate.optional(),
});

const user = z.object({
  id: z.string().min(1),
  userPrincipalName: z.string().min(1),
  displayName: z.string(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  usageLocation: z.string().optional(),
  licenses: z.array(
    z.object({
      skuId: z.string().min(1),
      excludedPlans: z.array(z.string()).optional(),
      assignedByGroup: z.string().optional(),
    }),
  ),
});

/** The seed schema. */
export const sandboxSeedSchema = z.object({
  partner: z.object({
    tenantId: z.string().min(1),
    name: z.string(),
    adminAgentsGroupId: z.string(),
    salesAgentsGroupId: z.string(),
    users: z.array(partnerUser),
  }),
  customers: z.array(
    z.object({
      id: z.string().min(1),
      companyName: z.string(),
      domain: z.string(),
      country: z.string().length(2),
      culture: z.string(),
      hasAcceptedAgreement: z.boolean(),
      agreementDate: isoDate.optional(),
      subscriptions: z.array(subscription),
      users: z.array(user),
    }),
  ),
}) satisfies z.ZodType<SandboxSeed>;
