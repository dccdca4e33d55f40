/**
 * Stable ids of the demo seed, so tests, benchmarks and docs can name things. Readable by design:
 * `c…01` is customer 1, `5b…-0001-…-0002` its second subscription, `e0…-0001-…-0007` its seventh user.
 */

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** Customer number n's id. */
export const demoCustomerId = (n: number) => `c0000000-0000-4000-8000-${pad(n, 12)}`;
/** Subscription s of customer n. */
export const demoSubscriptionId = (n: number, s: number) => `5b000000-${pad(n, 4)}-4000-8000-${pad(s, 12)}`;
/** User u (1-based) of customer n. */
export const demoUserId = (n: number, u: number) => `e0000000-${pad(n, 4)}-4000-8000-${pad(u, 12)}`;
/** Order o of customer n. */
export const demoOrderId = (n: number, o: number) => `0d000000-${pad(n, 4)}-4000-8000-${pad(o, 12)}`;

/** Customer numbers in the demo seed (also the order `GET /v1/customers` returns them in). */
export const DemoCustomerNo = {
  contoso: 1,
  fabrikam: 2,
  fabrikamNordic: 3,
  alandsStrom: 4,
  backstromBygg: 5,
  vanDerBerg: 6,
  hoogeveenZorg: 7,
  brouwerijDeKlok: 8,
  tailspinToys: 9,
} as const;

const N = DemoCustomerNo;

/** The demo seed's notable ids. */
export const DemoIds = {
  partnerTenantId: 'a0a0a0a0-0000-4000-8000-000000000000',
  adminAgentsGroupId: 'a9000000-0000-4000-8000-0000000000a1',
  salesAgentsGroupId: 'a9000000-0000-4000-8000-0000000000a2',
  /** The bot's app registration in the sandbox token authority (`npm run sandbox`). */
  botClientId: 'b0700000-0000-4000-8000-000000000001',
  /** Its client secret in the sandbox authority: a demo value, not a secret. */
  botClientSecret: 'sandbox-local-secret',
  partnerUsers: {
    globalAdmin: 'a0000000-0000-4000-8000-000000000001',
    adminAgent: 'a0000000-0000-4000-8000-000000000002',
    adminAgent2: 'a0000000-0000-4000-8000-000000000003',
    salesAgent: 'a0000000-0000-4000-8000-000000000004',
    userManagementAdmin: 'a0000000-0000-4000-8000-000000000005',
    noRole: 'a0000000-0000-4000-8000-000000000006',
    adminAgentWithoutMfa: 'a0000000-0000-4000-8000-000000000007',
  },
  customers: {
    /** en-US. E4 (legacy end-date shape) ends in 21 days; 40 users, 45 seats. */
    contoso: demoCustomerId(N.contoso),
    /** en-US. E4 ends in 75 days; 3 users without usage location, 1 with a group-assigned license. */
    fabrikam: demoCustomerId(N.fabrikam),
    /** sv-SE. Name easy to confuse with Fabrikam. E4 ends in 45 days. */
    fabrikamNordic: demoCustomerId(N.fabrikamNordic),
    /** sv-SE. Already migrated: Office 365 E3 + Plus CAL active, E4 suspended 20 days ago. */
    alandsStrom: demoCustomerId(N.alandsStrom),
    /** sv-SE. E4 expired 10 days ago; users still hold it (grace period). */
    backstromBygg: demoCustomerId(N.backstromBygg),
    /** nl-NL. Two E4 subscriptions (40 and 100 days). */
    vanDerBerg: demoCustomerId(N.vanDerBerg),
    /** nl-NL. Microsoft Customer Agreement not accepted: can't buy. */
    hoogeveenZorg: demoCustomerId(N.hoogeveenZorg),
    /** nl-BE (market BE). Option 3's add-on (Skype for Business Plus CAL) is not sold there. */
    brouwerijDeKlok: demoCustomerId(N.brouwerijDeKlok),
    /** en-US. No E4 at all (Microsoft 365 E3): scanners must skip it. */
    tailspinToys: demoCustomerId(N.tailspinToys),
    /** en-US. 5,000 users on E4, for benchmarks. */
    northwind: 'c5000000-0000-4000-8000-000000005000',
  },
  subscriptions: {
    contosoE4: demoSubscriptionId(N.contoso, 1),
    fabrikamE4: demoSubscriptionId(N.fabrikam, 1),
    fabrikamNordicE4: demoSubscriptionId(N.fabrikamNordic, 1),
    alandsStromE4: demoSubscriptionId(N.alandsStrom, 1),
    alandsStromE3: demoSubscriptionId(N.alandsStrom, 2),
    alandsStromPlusCal: demoSubscriptionId(N.alandsStrom, 3),
    backstromByggE4: demoSubscriptionId(N.backstromBygg, 1),
    vanDerBergE4First: demoSubscriptionId(N.vanDerBerg, 1),
    vanDerBergE4Second: demoSubscriptionId(N.vanDerBerg, 2),
    hoogeveenZorgE4: demoSubscriptionId(N.hoogeveenZorg, 1),
    brouwerijDeKlokE4: demoSubscriptionId(N.brouwerijDeKlok, 1),
    tailspinToysM365E3: demoSubscriptionId(N.tailspinToys, 1),
    northwindE4: '5b000000-5000-4000-8000-000000000001',
  },
  users: {
    /** Contoso's first user: E4 with Yammer disabled (an excluded plan to carry over). */
    contosoWithExcludedPlan: demoUserId(N.contoso, 1),
    contosoPlain: demoUserId(N.contoso, 10),
    fabrikamGroupLicensed: demoUserId(N.fabrikam, 9),
    fabrikamNoUsageLocation: [
      demoUserId(N.fabrikam, 10),
      demoUserId(N.fabrikam, 11),
      demoUserId(N.fabrikam, 12),
    ],
    fabrikamPlain: demoUserId(N.fabrikam, 1),
    northwindFirst: 'e0000000-5000-4000-8000-000000000001',
  },
  groups: {
    /** Fabrikam's "E4 users" group that assigns a license to one user. */
    fabrikamE4Licensing: 'f0000000-0002-4000-8000-000000000001',
  },
} as const;
