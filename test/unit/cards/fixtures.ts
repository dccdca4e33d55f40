import type { CustomerChoiceCardData } from '../../../src/cards/customerChoiceCard.js';
import type { MigrationPlan, PlanUser } from '../../../src/services/migration/migrationPlan.js';
import type { ComparedOption, OptionComparison } from '../../../src/services/migration/optionComparison.js';
import { featuresOf, type OptionNumber } from '../../../src/services/migration/replacementOptions.js';
import type { ExpiringScan } from '../../../src/services/subscriptions/e4SubscriptionFinder.js';
import type { E4Subscription } from '../../../src/services/subscriptions/e4SubscriptionState.js';

/** Hand-written data shaped like the services' output, for building every card. */

export const contosoId = '4f1c2a6e-1b7d-4c8e-9a1f-3d2b5e6f7a80';
export const fabrikamId = '9b3e7d21-5c4a-4f6b-8e2d-1a0c9f8e7d65';
export const contosoE4Id = 'a1b2c3d4-0000-4e4e-8000-00000000e401';
export const contosoE4SecondId = 'a1b2c3d4-0000-4e4e-8000-00000000e402';
export const fabrikamE4Id = 'f0e1d2c3-0000-4e4e-8000-00000000e4f1';

function priced(option: OptionNumber, perUser: number, users: number | undefined): ComparedOption {
  return {
    option,
    isPurchasable: true,
    unsold: [],
    catalogItemIds: [`CFQ7TTC0LF8${option}:0001:CFQ7TTC0LF8${option}1`],
    usesSubstitute: false,
    price: {
      currency: 'EUR',
      lines: [
        {
          productId: `CFQ7TTC0LF8${option}`,
          skuId: '0001',
          catalogItemId: `CFQ7TTC0LF8${option}:0001:CFQ7TTC0LF8${option}1`,
          unitPrice: perUser,
        },
      ],
      unitPricePerBillingPeriod: perUser,
      monthlyPricePerUser: perUser,
      monthlyTotal: users === undefined ? undefined : Math.round(perUser * users * 100) / 100,
    },
    features: featuresOf(option),
  };
}

/** Contoso: every option sold and priced in EUR; option 3 recommended for parity. */
export const pricedComparison: OptionComparison = {
  customerId: contosoId,
  e4SubscriptionId: contosoE4Id,
  usersOnE4: 42,
  seats: 50,
  lastServiceDay: '2026-03-31',
  daysLeft: 38,
  options: [priced(1, 35.7, 42), priced(2, 27.2, 42), priced(3, 24.1, 42), priced(4, 20.6, 42)],
  recommendation: { option: 3, reason: 'parity' },
};

/** Fabrikam: no price list, unknown end and users, option 3's add-on not sold, option 1 via a substitute. */
export const unpricedComparison: OptionComparison = {
  customerId: fabrikamId,
  e4SubscriptionId: fabrikamE4Id,
  usersOnE4: undefined,
  seats: 12,
  lastServiceDay: undefined,
  daysLeft: undefined,
  options: [
    {
      option: 1,
      isPurchasable: true,
      unsold: [],
      catalogItemIds: ['CFQ7TTC0LFLZ:0002:CFQ7TTC0LFLZ2'],
      usesSubstitute: true,
      features: featuresOf(1),
    },
    {
      option: 2,
      isPurchasable: true,
      unsold: [],
      catalogItemIds: ['CFQ7TTC0LF8R:0001:CFQ7TTC0LF8R1', 'CFQ7TTC0J1FV:0001:CFQ7TTC0J1FV1'],
      usesSubstitute: false,
      features: featuresOf(2),
    },
    {
      option: 3,
      isPurchasable: false,
      unsold: [{ role: 'addOn', productId: 'MS-PLUS-CAL', skuId: '0001', reason: 'notSoldInMarket' }],
      catalogItemIds: ['CFQ7TTC0LF8R:0001:CFQ7TTC0LF8R1'],
      usesSubstitute: false,
      features: featuresOf(3),
    },
    {
      option: 4,
      isPurchasable: true,
      unsold: [],
      catalogItemIds: ['CFQ7TTC0LF8R:0001:CFQ7TTC0LF8R1'],
      usesSubstitute: false,
      features: featuresOf(4),
    },
  ],
  recommendation: { option: 2, reason: 'fallbackOrderKeepingE4Features' },
};

const userNames = [
  'adele.vance',
  'alex.wilber',
  'diego.siciliani',
  'grady.archie',
  'isaiah.langer',
  'johanna.lorenz',
  'lee.gu',
];

const users: PlanUser[] = userNames.map((name, index) => ({
  id: `00000000-0000-4000-8000-00000000010${index}`,
  userPrincipalName: `${name}@contoso.onmicrosoft.com`,
  usageLocation: 'SE',
  excludedPlanIds: [],
}));

/** Contoso, option 3, priced, nothing in the way. */
export const executablePlan: MigrationPlan = {
  customer: { id: contosoId, companyName: 'Contoso Nordic AB', market: 'SE' },
  e4Subscription: {
    id: contosoE4Id,
    offerId: '5A8B3C7E-4D1F-4F5B-8E1C-1E4E4E4E4E4E',
    offerName: 'Office 365 Enterprise E4',
    status: 'active',
    seats: 50,
    licenseSkuId: '1392051d-0cb9-4b7a-88d5-621fee5e8711',
    endDate: {
      kind: 'known',
      serviceEndsAt: new Date('2026-04-01T00:00:00Z'),
      lastServiceDay: '2026-03-31',
      source: 'commitmentEndDate',
    },
    daysLeft: 38,
    addOns: [],
  },
  e4Units: { activeUnits: 50, consumedUnits: 7, warningUnits: 0, suspendedUnits: 0 },
  users,
  option: 3,
  targets: [
    {
      role: 'base',
      productId: 'CFQ7TTC0LF8R',
      skuId: '0001',
      licenseSkuId: '6fd2c87f-b296-42f0-b197-1e91e994b900',
      catalogItemId: 'CFQ7TTC0LF8R:0001:CFQ7TTC0LF8R1',
      isSubstitute: false,
    },
    {
      role: 'addOn',
      productId: 'CFQ7TTC0PLUS',
      skuId: '0001',
      licenseSkuId: 'd9a7ee32-2b47-4a4e-9d7a-9a2d5e6c0f11',
      catalogItemId: 'CFQ7TTC0PLUS:0001:CFQ7TTC0PLUS1',
      isSubstitute: false,
    },
  ],
  quantity: 7,
  termDuration: 'P1Y',
  billingCycle: 'monthly',
  price: {
    currency: 'SEK',
    lines: [
      {
        productId: 'CFQ7TTC0LF8R',
        skuId: '0001',
        catalogItemId: 'CFQ7TTC0LF8R:0001:CFQ7TTC0LF8R1',
        unitPrice: 230,
      },
      {
        productId: 'CFQ7TTC0PLUS',
        skuId: '0001',
        catalogItemId: 'CFQ7TTC0PLUS:0001:CFQ7TTC0PLUS1',
        unitPrice: 38.5,
      },
    ],
    unitPricePerBillingPeriod: 268.5,
    monthlyPricePerUser: 268.5,
    totalPerBillingPeriod: 1879.5,
  },
  blockers: [],
  plannedAt: '2026-02-21T09:30:00.000Z',
};

/** Fabrikam, option 3: blocked (users without usage location, missing GDAP role, add-on unsold). */
export const blockedPlan: MigrationPlan = {
  ...executablePlan,
  customer: { id: fabrikamId, companyName: 'Fabrikam BV', market: 'NL' },
  e4Subscription: {
    ...executablePlan.e4Subscription,
    id: fabrikamE4Id,
    seats: 12,
    endDate: { kind: 'unknown' },
    daysLeft: undefined,
  },
  e4Units: undefined,
  users: undefined,
  targets: executablePlan.targets.slice(0, 1),
  quantity: 12,
  price: undefined,
  blockers: [
    {
      code: 'usageLocationMissing',
      severity: 'blocking',
      users: [
        { id: 'u-1', userPrincipalName: 'megan.bowen@fabrikam.nl' },
        { id: 'u-2', userPrincipalName: 'nestor.wilke@fabrikam.nl' },
      ],
    },
    {
      code: 'missingGdapRole',
      severity: 'blocking',
      requiredRoles: ['License Administrator', 'User Administrator'],
      requestId: 'req-7f3a',
    },
    {
      code: 'notSoldInMarket',
      severity: 'blocking',
      market: 'NL',
      products: [{ role: 'addOn', productId: 'CFQ7TTC0PLUS', skuId: '0001', reason: 'notSoldInMarket' }],
    },
    { code: 'endDateUnknown', severity: 'info' },
  ],
};

function e4Subscription(
  customerId: string,
  subscriptionId: string,
  lastServiceDay: string | undefined,
  daysLeft: number | undefined,
  seats: number,
): E4Subscription {
  return {
    customerId,
    subscriptionId,
    offerId: '5A8B3C7E-4D1F-4F5B-8E1C-1E4E4E4E4E4E',
    offerName: 'Office 365 Enterprise E4',
    friendlyName: seats > 20 ? 'E4 Stockholm' : 'E4 Göteborg',
    status: 'active',
    autoRenewEnabled: false,
    seats,
    contractType: 'legacy',
    end: lastServiceDay
      ? {
          kind: 'known',
          serviceEndsAt: new Date(`${lastServiceDay}T00:00:00Z`),
          lastServiceDay,
          source: 'commitmentEndDate',
        }
      : { kind: 'unknown' },
    ...(daysLeft === undefined ? {} : { daysLeft }),
    state: lastServiceDay ? 'expiringSoon' : 'endDateUnknown',
  };
}

/** Contoso's two E4 subscriptions. */
export const contosoSubscriptions: E4Subscription[] = [
  e4Subscription(contosoId, contosoE4Id, '2026-03-31', 38, 50),
  e4Subscription(contosoId, contosoE4SecondId, undefined, undefined, 8),
];

/** A scan with three subscriptions (given out of order) and one customer that couldn't be read. */
export const expiringScan: ExpiringScan = {
  subscriptions: [
    { ...e4Subscription(fabrikamId, fabrikamE4Id, '2026-05-15', 83, 12), customerName: 'Fabrikam BV' },
    { ...e4Subscription(contosoId, contosoE4Id, '2026-03-31', 38, 50), customerName: 'Contoso Nordic AB' },
    {
      ...e4Subscription(contosoId, contosoE4SecondId, '2026-02-21', 0, 8),
      customerName: 'Contoso Nordic AB',
    },
  ],
  customersScanned: 128,
  unreadCustomers: [{ customerId: 'c-x', customerName: 'Northwind', reason: 'PartnerCenterError: 403' }],
};

/** An empty scan. */
export const emptyScan: ExpiringScan = { subscriptions: [], customersScanned: 128, unreadCustomers: [] };

/** Two candidates for "contoso". */
export const severalMatches: CustomerChoiceCardData['match'] = {
  kind: 'choices',
  candidates: [
    {
      id: contosoId,
      companyName: 'Contoso Nordic AB',
      domain: 'contosonordic.onmicrosoft.com',
      country: 'SE',
    },
    {
      id: '1d2e3f40-aaaa-4bbb-8ccc-000000000003',
      companyName: 'Contoso Ltd',
      domain: 'contoso.onmicrosoft.com',
    },
  ],
};

/** No match, one close name. */
export const closestMatch: CustomerChoiceCardData['match'] = {
  kind: 'none',
  closest: { id: fabrikamId, companyName: 'Fabrikam BV', domain: 'fabrikam.nl', country: 'NL' },
};
