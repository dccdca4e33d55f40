import { LicenseSkuId } from '../licensing/licenseSkus.js';
import { DemoIds, demoCustomerId, demoUserId } from './demoIds.js';
import { person } from './demoPeople.js';
import type { CustomerSeed, CustomerUserSeed, UserLicenseSeed } from './seedTypes.js';

/** Shared pieces of the demo customers. */

/** An Office 365 E4 license, assigned directly. */
export const e4License: UserLicenseSeed = { skuId: LicenseSkuId.office365E4 };

/** What a demo customer is, before its subscriptions and users. */
export interface CustomerBase {
  no: number;
  companyName: string;
  domain: string;
  country: string;
  culture: string;
  usageLocation: string;
  hasAcceptedAgreement?: boolean;
}

/** `count` users of a customer, each holding `licenses(index)` (index is 0-based). */
export function demoUsers(
  base: CustomerBase,
  count: number,
  licenses: (index: number) => UserLicenseSeed[],
): CustomerUserSeed[] {
  return Array.from({ length: count }, (_, index) =>
    person({
      id: demoUserId(base.no, index + 1),
      index,
      culture: base.culture,
      domain: base.domain,
      usageLocation: base.usageLocation,
      licenses: licenses(index),
    }),
  );
}

/** A demo customer from its base facts. */
export function demoCustomer(
  base: CustomerBase,
  rest: Pick<CustomerSeed, 'subscriptions' | 'users'>,
): CustomerSeed {
  return {
    id: base.no === 0 ? DemoIds.customers.northwind : demoCustomerId(base.no),
    companyName: base.companyName,
    domain: base.domain,
    country: base.country,
    culture: base.culture,
    hasAcceptedAgreement: base.hasAcceptedAgreement ?? true,
    ...rest,
  };
}
