import type { OperationOptions, PartnerCenter } from '../partner-center/partnerCenter.js';
import type { CustomerUser, License } from '../partner-center/models.js';
import type { PlanUser } from './migrationPlan.js';

/** How the scan reads users. */
export interface E4UserScanOptions extends OperationOptions {
  /** Entra skuId of E4 (lower case compared). */
  e4LicenseSkuId: string;
  /** Service plan names of the base target: disabled E4 plans are carried over only where it has them. */
  targetServicePlanNames: readonly string[];
  /** License reads in flight at once. Default 8; the client paces itself against Partner Center's limits. */
  concurrency?: number;
  /** Users per page. Default 500. */
  pageSize?: number;
}

/**
 * Every user holding E4, found by walking the customer's users page by page and reading each one's
 * licenses, a bounded number at a time. Only one page of full user records is held at once; what is kept
 * per E4 user is the small `PlanUser`.
 * @throws PartnerCenterError as the client throws it (a 403 means a missing GDAP role).
 */
export async function scanE4Users(
  partnerCenter: Pick<PartnerCenter, 'listCustomerUsers' | 'listUserLicenses'>,
  customerId: string,
  options: E4UserScanOptions,
): Promise<PlanUser[]> {
  const { e4LicenseSkuId, targetServicePlanNames, concurrency = 8, pageSize = 500, ...operation } = options;
  const e4 = e4LicenseSkuId.toLowerCase();
  const targetPlans = new Set(targetServicePlanNames.map((name) => name.toUpperCase()));
  const found: PlanUser[] = [];
  const pages = partnerCenter.listCustomerUsers(customerId, { ...operation, size: pageSize }).byPage();
  for await (const page of pages) {
    const licensesPerUser = await mapWithConcurrency(page.items, concurrency, (user) =>
      partnerCenter.listUserLicenses(customerId, user.id, operation),
    );
    page.items.forEach((user, index) => {
      const e4License = licensesPerUser[index]?.find((license) => license.productSku.id.toLowerCase() === e4);
      if (e4License) found.push(toPlanUser(user, e4License, targetPlans));
    });
  }
  return found;
}

function toPlanUser(user: CustomerUser, e4License: License, targetPlans: ReadonlySet<string>): PlanUser {
  const excludedPlanIds = e4License.servicePlans
    .filter((plan) => plan.capabilityStatus === 'Disabled' && targetPlans.has(plan.serviceName.toUpperCase()))
    // Service plan ids are the same in every SKU that carries the plan (Microsoft's plan reference).
    .map((plan) => plan.id);
  const planUser: PlanUser = { id: user.id, userPrincipalName: user.userPrincipalName, excludedPlanIds };
  if (user.usageLocation) planUser.usageLocation = user.usageLocation;
  if (e4License.assignedByGroup) planUser.assignedByGroup = e4License.assignedByGroup;
  return planUser;
}

/** Maps items with at most `limit` calls in flight, keeping order. Rejects on the first failure. */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  map: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      try {
        results[index] = await map(items[index] as T);
      } catch (error) {
        next = items.length; // stop the other workers taking new items: the answer is already a failure
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
