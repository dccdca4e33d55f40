import { LicenseSkuId } from '../licensing/licenseSkus.js';
import { ServicePlans } from '../licensing/servicePlans.js';
import { demoCustomer, demoUsers, e4License } from './demoCustomerKit.js';
import { DemoCustomerNo as N, DemoIds } from './demoIds.js';
import { nordicAndBeneluxCustomers } from './demoNordicBenelux.js';
import { demoPartner } from './demoPartner.js';
import { person } from './demoPeople.js';
import { e4Subscription, newCommerceSubscription } from './seedBuilders.js';
import type { CustomerSeed, SandboxSeed, UserLicenseSeed } from './seedTypes.js';

export { DemoIds } from './demoIds.js';
export { demoPartner } from './demoPartner.js';

/**
 * The demo world (DESIGN §9), relative to `now`: one customer per situation the bot must handle. See
 * sandbox/README.md for what each customer demonstrates. Ids are stable (DemoIds); dates move with now.
 */

function contoso(now: Date): CustomerSeed {
  const base = {
    no: N.contoso,
    companyName: 'Contoso Ltd',
    domain: 'contoso.onmicrosoft.com',
    country: 'US',
    culture: 'en-US',
    usageLocation: 'US',
  };
  // The first five have Yammer turned off: a migration must keep that plan off on the new license.
  const noYammer: UserLicenseSeed = { ...e4License, excludedPlans: [ServicePlans.YAMMER_ENTERPRISE.id] };
  return demoCustomer(base, {
    subscriptions: [
      e4Subscription({
        id: DemoIds.subscriptions.contosoE4,
        quantity: 45,
        now,
        endsInDays: 21,
        endDateShape: 'farFuture',
      }),
    ],
    users: demoUsers(base, 40, (index) => [index < 5 ? noYammer : e4License]),
  });
}

function fabrikam(now: Date): CustomerSeed {
  const base = {
    no: N.fabrikam,
    companyName: 'Fabrikam',
    domain: 'fabrikam.onmicrosoft.com',
    country: 'US',
    culture: 'en-US',
    usageLocation: 'US',
  };
  const people = demoUsers(base, 12, (index) =>
    index === 8 ? [{ ...e4License, assignedByGroup: DemoIds.groups.fabrikamE4Licensing }] : [e4License],
  );
  // Users 10–12 never got a usage location (synced from on-premises without one).
  for (const user of people.slice(9)) delete user.usageLocation;
  return demoCustomer(base, {
    subscriptions: [
      e4Subscription({
        id: DemoIds.subscriptions.fabrikamE4,
        quantity: 15,
        now,
        endsInDays: 75,
        endDateShape: 'plain',
      }),
    ],
    users: people,
  });
}

function tailspinAndNorthwind(now: Date): CustomerSeed[] {
  const tailspin = {
    no: N.tailspinToys,
    companyName: 'Tailspin Toys',
    domain: 'tailspintoys.onmicrosoft.com',
    country: 'US',
    culture: 'en-US',
    usageLocation: 'US',
  };
  const northwind = {
    no: 0,
    companyName: 'Northwind Traders',
    domain: 'northwindtraders.onmicrosoft.com',
    country: 'US',
    culture: 'en-US',
    usageLocation: 'US',
  };
  const northwindUsers = Array.from({ length: 5000 }, (_, index) =>
    person({
      id: `e0000000-5000-4000-8000-${String(index + 1).padStart(12, '0')}`,
      index,
      culture: 'en-US',
      domain: northwind.domain,
      usageLocation: 'US',
      licenses: [e4License],
    }),
  );
  return [
    demoCustomer(tailspin, {
      subscriptions: [
        newCommerceSubscription({
          id: DemoIds.subscriptions.tailspinToysM365E3,
          key: 'microsoft365E3',
          quantity: 10,
          now,
          createdDaysAgo: 200,
        }),
      ],
      users: demoUsers(tailspin, 10, () => [{ skuId: LicenseSkuId.microsoft365E3 }]),
    }),
    demoCustomer(northwind, {
      subscriptions: [
        e4Subscription({
          id: DemoIds.subscriptions.northwindE4,
          quantity: 5200,
          now,
          endsInDays: 150,
          endDateShape: 'plain',
        }),
      ],
      users: northwindUsers,
    }),
  ];
}

/** The demo seed, with dates relative to `now`. */
export function buildDemoSeed(now: Date): SandboxSeed {
  return {
    partner: demoPartner(),
    customers: [contoso(now), fabrikam(now), ...nordicAndBeneluxCustomers(now), ...tailspinAndNorthwind(now)],
  };
}
