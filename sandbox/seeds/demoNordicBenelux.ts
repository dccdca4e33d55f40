import { LicenseSkuId } from '../licensing/licenseSkus.js';
import { demoCustomer, demoUsers, e4License } from './demoCustomerKit.js';
import { DemoCustomerNo as N, DemoIds, demoOrderId } from './demoIds.js';
import { e4Subscription, newCommerceSubscription } from './seedBuilders.js';
import type { CustomerSeed } from './seedTypes.js';

/** The sv-SE, nl-NL and nl-BE customers of the demo seed. */
export function nordicAndBeneluxCustomers(now: Date): CustomerSeed[] {
  const nordic = {
    no: N.fabrikamNordic,
    companyName: 'Fabrikam Nordic AB',
    domain: 'fabrikamnordic.onmicrosoft.com',
    country: 'SE',
    culture: 'sv-SE',
    usageLocation: 'SE',
  };
  const alands = {
    no: N.alandsStrom,
    companyName: 'Ålands Ström AB',
    domain: 'alandsstrom.onmicrosoft.com',
    country: 'SE',
    culture: 'sv-SE',
    usageLocation: 'SE',
  };
  const backstrom = {
    no: N.backstromBygg,
    companyName: 'Bäckström Bygg AB',
    domain: 'backstrombygg.onmicrosoft.com',
    country: 'SE',
    culture: 'sv-SE',
    usageLocation: 'SE',
  };
  const vanDerBerg = {
    no: N.vanDerBerg,
    companyName: 'Van der Berg Logistiek B.V.',
    domain: 'vdberglogistiek.onmicrosoft.com',
    country: 'NL',
    culture: 'nl-NL',
    usageLocation: 'NL',
  };
  const hoogeveen = {
    no: N.hoogeveenZorg,
    companyName: 'Hoogeveen Zorg B.V.',
    domain: 'hoogeveenzorg.onmicrosoft.com',
    country: 'NL',
    culture: 'nl-NL',
    usageLocation: 'NL',
    hasAcceptedAgreement: false,
  };
  const deKlok = {
    no: N.brouwerijDeKlok,
    companyName: 'Brouwerij De Klok BV',
    domain: 'brouwerijdeklok.onmicrosoft.com',
    country: 'BE',
    culture: 'nl-BE',
    usageLocation: 'BE',
  };
  const s = DemoIds.subscriptions;
  const migratedOrder = demoOrderId(N.alandsStrom, 1);
  return [
    demoCustomer(nordic, {
      subscriptions: [
        e4Subscription({ id: s.fabrikamNordicE4, quantity: 12, now, endsInDays: 45, endDateShape: 'plain' }),
      ],
      users: demoUsers(nordic, 8, () => [e4License]),
    }),
    demoCustomer(alands, {
      subscriptions: [
        e4Subscription({
          id: s.alandsStromE4,
          quantity: 12,
          now,
          endsInDays: 200,
          endDateShape: 'farFuture',
          status: 'suspended',
          suspendedDaysAgo: 20,
        }),
        newCommerceSubscription({
          id: s.alandsStromE3,
          key: 'office365E3',
          quantity: 12,
          now,
          createdDaysAgo: 30,
          orderId: migratedOrder,
        }),
        newCommerceSubscription({
          id: s.alandsStromPlusCal,
          key: 'skypePlusCal',
          quantity: 12,
          now,
          createdDaysAgo: 30,
          orderId: migratedOrder,
          parentSubscriptionId: s.alandsStromE3,
        }),
      ],
      users: demoUsers(alands, 10, () => [
        { skuId: LicenseSkuId.office365E3 },
        { skuId: LicenseSkuId.skypePlusCal },
      ]),
    }),
    demoCustomer(backstrom, {
      subscriptions: [
        e4Subscription({
          id: s.backstromByggE4,
          quantity: 8,
          now,
          endsInDays: -10,
          endDateShape: 'plain',
          status: 'expired',
        }),
      ],
      users: demoUsers(backstrom, 6, () => [e4License]),
    }),
    demoCustomer(vanDerBerg, {
      subscriptions: [
        e4Subscription({
          id: s.vanDerBergE4First,
          quantity: 25,
          now,
          endsInDays: 40,
          endDateShape: 'farFuture',
          friendlyName: 'E4 Kantoor',
        }),
        e4Subscription({
          id: s.vanDerBergE4Second,
          quantity: 15,
          now,
          endsInDays: 100,
          endDateShape: 'plain',
          friendlyName: 'E4 Magazijn',
        }),
      ],
      users: demoUsers(vanDerBerg, 30, () => [e4License]),
    }),
    demoCustomer(hoogeveen, {
      subscriptions: [
        e4Subscription({ id: s.hoogeveenZorgE4, quantity: 10, now, endsInDays: 55, endDateShape: 'plain' }),
      ],
      users: demoUsers(hoogeveen, 7, () => [e4License]),
    }),
    demoCustomer(deKlok, {
      subscriptions: [
        e4Subscription({
          id: s.brouwerijDeKlokE4,
          quantity: 10,
          now,
          endsInDays: 60,
          endDateShape: 'farFuture',
        }),
      ],
      users: demoUsers(deKlok, 8, () => [e4License]),
    }),
  ];
}
