/**
 * The shape of a sandbox seed: everything the local Partner Center and its token authority start from.
 * Seeds are built by functions (demoSeed.ts, largeSeedGenerator.ts) because dates are relative to "now",
 * and can also be posted as JSON to `POST /_sandbox/seed`.
 */

/** Partner roles as DESIGN.md §11 names them. */
export type PartnerRole = 'GlobalAdmin' | 'AdminAgent' | 'SalesAgent' | 'UserManagementAdmin';

export interface PartnerUserSeed {
  /** Entra object id of the partner user (`oid` claim). */
  oid: string;
  userPrincipalName: string;
  displayName: string;
  roles: PartnerRole[];
  /** Whether tokens issued for this user carry `amr: ["pwd","mfa"]`. */
  hasMfa: boolean;
}

export interface PartnerSeed {
  tenantId: string;
  name: string;
  /** Object id of the partner tenant's "Admin Agents" security group. */
  adminAgentsGroupId: string;
  /** Object id of the partner tenant's "Sales Agents" security group. */
  salesAgentsGroupId: string;
  users: PartnerUserSeed[];
}

export interface UserLicenseSeed {
  /** Entra skuId (productSku.id), e.g. E4 `1392051d-0cb9-4b7a-88d5-621fee5e8711`. */
  skuId: string;
  excludedPlans?: string[];
  /** Group object id when the license is assigned through a group (cannot be changed per user). */
  assignedByGroup?: string;
}

export interface CustomerUserSeed {
  id: string;
  userPrincipalName: string;
  displayName: string;
  firstName?: string;
  lastName?: string;
  /** Omitted on purpose for users without a usage location (a preflight blocker). */
  usageLocation?: string;
  licenses: UserLicenseSeed[];
}

export interface SubscriptionSeed {
  id: string;
  /** Legacy offer id (e.g. E4 `8909E28E-…`) or new-commerce `productId:skuId`. */
  offerId: string;
  offerName: string;
  friendlyName?: string;
  quantity: number;
  status: 'active' | 'pending' | 'suspended' | 'deleted' | 'expired' | 'disabled';
  autoRenewEnabled: boolean;
  contractType: 'legacy' | 'newCommerce';
  creationDate: string;
  effectiveStartDate?: string;
  /** ISO date. Legacy non-renewing subscriptions carry a far-future sentinel here (DESIGN §11). */
  commitmentEndDate: string;
  billingCycleEndDate?: string;
  billingCycle: 'monthly' | 'annual' | 'none';
  termDuration?: string;
  parentSubscriptionId?: string;
  /** When the subscription was suspended (for the 120-day de-provisioning rule). */
  suspendedAt?: string;
  orderId?: string;
  /**
   * Entra skuId its seats license. Optional: the sandbox derives it from the catalog for known offers;
   * give it for offers the catalog doesn't know.
   */
  skuId?: string;
  /** New-commerce only; default 7 days after `creationDate`. */
  cancellationAllowedUntilDate?: string;
  /** For `pending` subscriptions: when provisioning completes (default: at once). */
  provisionedAt?: string;
}

export interface CustomerSeed {
  id: string;
  companyName: string;
  domain: string;
  /** ISO 3166 alpha-2 market, e.g. "SE", "NL", "US", "BE". */
  country: string;
  /** e.g. "sv-SE", "nl-NL", "en-US". */
  culture: string;
  /** Microsoft Customer Agreement accepted. Purchases are refused (403 13605) without it. */
  hasAcceptedAgreement: boolean;
  /** When the agreement was accepted (ISO); default: the earliest subscription's creation date. */
  agreementDate?: string;
  subscriptions: SubscriptionSeed[];
  users: CustomerUserSeed[];
}

export interface SandboxSeed {
  partner: PartnerSeed;
  customers: CustomerSeed[];
}
