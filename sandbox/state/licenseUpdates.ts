import type { LicenseUpdate } from '../../src/services/partner-center/models.js';
import { callFields, type CallContext } from '../callContext.js';
import type { Ledger } from '../ledger.js';
import { licenseSku, type LicenseSkuDefinition } from '../licensing/licenseSkus.js';
import {
  invalidInput,
  ok,
  parsed,
  pcError,
  PcErrorCode,
  unreadable,
  type Parsed,
  type PcResult,
} from '../pcErrors.js';
import { lowerKeys, stringArray } from '../wireInput.js';
import type { CustomerState } from './customerState.js';
import type { UserLicenseRecord, UserRecord } from './records.js';
import { skuUnitsOf } from './skuUnits.js';

/**
 * `POST …/users/{id}/licenseupdates`: every rule is checked first, then the whole change is applied, so
 * a refused update changes nothing (all-or-nothing, as Graph's assignLicense is per user).
 */

/** A license update as the sandbox reads it. */
export interface LicenseUpdateInput {
  assign: { skuId: string; excludedPlans: string[] }[];
  remove: string[];
}

/** Reads a LicenseUpdate body (any key casing); a 400 when it can't be read. */
export function parseLicenseUpdate(body: unknown): Parsed<LicenseUpdateInput> {
  const fields = lowerKeys(body);
  if (!fields) return unreadable('The request body must be a LicenseUpdate object.');
  const assignRaw = fields.licensestoassign ?? [];
  const removeRaw = fields.licensestoremove ?? [];
  if (!Array.isArray(assignRaw)) return unreadable('licensesToAssign must be an array.');
  const remove = stringArray(removeRaw);
  if (!remove) return unreadable('licensesToRemove must be an array of SKU ids.');
  const assign: LicenseUpdateInput['assign'] = [];
  for (const item of assignRaw) {
    const entry = lowerKeys(item);
    const excluded = entry?.excludedplans ?? [];
    const excludedPlans = excluded === null ? [] : stringArray(excluded);
    if (!entry || typeof entry.skuid !== 'string' || !excludedPlans) {
      return unreadable(
        'Each licensesToAssign item needs a skuId and optional excludedPlans (array of plan ids).',
      );
    }
    assign.push({
      skuId: entry.skuid.toLowerCase(),
      excludedPlans: excludedPlans.map((id) => id.toLowerCase()),
    });
  }
  if (assign.length === 0 && remove.length === 0) {
    return unreadable('A license update must assign or remove at least one license.');
  }
  return parsed({ assign, remove: remove.map((id) => id.toLowerCase()) });
}

const notCompanyLicense = (skuId: string) =>
  invalidInput(`License ${skuId} does not correspond to a valid company license.`);

/** Checks every rule; returns the refusal, or undefined when the update may be applied. */
function refusal(customer: CustomerState, user: UserRecord, input: LicenseUpdateInput): PcResult | undefined {
  const skuIds = [...input.assign.map((item) => item.skuId), ...input.remove];
  const definitions = new Map<string, LicenseSkuDefinition>();
  for (const skuId of skuIds) {
    const definition = licenseSku(skuId);
    if (!definition) return notCompanyLicense(skuId);
    definitions.set(skuId, definition);
  }
  if (new Set([...definitions.values()].map((d) => d.licenseGroupId)).size > 1) {
    return pcError(
      400,
      PcErrorCode.mixedLicenseGroups,
      'All licenses in one request must belong to the same license group (group1 or group2); send one request per group.',
    );
  }
  if (new Set(skuIds).size !== skuIds.length) {
    return invalidInput('A SKU may appear only once across licensesToAssign and licensesToRemove.');
  }
  const units = skuUnitsOf(customer);
  for (const { skuId } of input.assign) {
    if (!units.get(skuId)?.hasLiveSubscription) return notCompanyLicense(skuId);
  }
  if (input.assign.length > 0 && !user.usageLocation) {
    return pcError(
      400,
      PcErrorCode.invalidUsageLocation,
      'License assignment cannot be done for user with invalid usage location.',
    );
  }
  const held = new Map(user.licenses.map((license) => [license.skuId, license]));
  for (const skuId of skuIds) {
    const group = held.get(skuId)?.assignedByGroup;
    if (group) {
      return pcError(
        400,
        PcErrorCode.groupAssignedLicense,
        `License ${skuId} is assigned to user ${user.userPrincipalName} through group ${group} and can't be ` +
          "changed for the user directly. Change the group's licenses or the user's group membership.",
      );
    }
  }
  for (const skuId of input.remove) {
    if (!held.has(skuId))
      return invalidInput(`User ${user.userPrincipalName} does not hold license ${skuId}.`);
  }
  for (const { skuId, excludedPlans } of input.assign) {
    const planIds = new Set(definitions.get(skuId)?.servicePlans.map((plan) => plan.id));
    const unknown = excludedPlans.find((id) => !planIds.has(id));
    if (unknown) return invalidInput(`Service plan ${unknown} is not part of license ${skuId}.`);
  }
  return conflictRefusal(user, input, held) ?? unitsRefusal(customer, input, held, units);
}

function enabledConflicts(license: UserLicenseRecord): Map<string, string> {
  const excluded = new Set(license.excludedPlans);
  const groups = new Map<string, string>();
  for (const plan of licenseSku(license.skuId)?.servicePlans ?? []) {
    if (plan.conflictGroup && !excluded.has(plan.id)) groups.set(plan.conflictGroup, plan.serviceName);
  }
  return groups;
}

function licensesAfter(user: UserRecord, input: LicenseUpdateInput): UserLicenseRecord[] {
  const removed = new Set([...input.remove, ...input.assign.map((item) => item.skuId)]);
  const kept = user.licenses.filter((license) => !removed.has(license.skuId));
  return [...kept, ...input.assign.map((item) => ({ skuId: item.skuId, excludedPlans: item.excludedPlans }))];
}

/** Two licenses whose enabled plans share a conflict group (two mailboxes, two SharePoint plans). */
function conflictRefusal(
  user: UserRecord,
  input: LicenseUpdateInput,
  held: Map<string, UserLicenseRecord>,
): PcResult | undefined {
  const after = licensesAfter(user, input);
  for (const { skuId } of input.assign) {
    const assigned = after.find((license) => license.skuId === skuId);
    if (!assigned) continue;
    const mine = enabledConflicts(assigned);
    for (const other of after) {
      if (other.skuId === skuId) continue;
      const clashing = [...enabledConflicts(other).entries()]
        .filter(([group]) => mine.has(group))
        .map(([, name]) => name);
      if (clashing.length === 0) continue;
      const keeps = held.has(other.skuId) ? ` Remove ${other.skuId} in the same request.` : '';
      return pcError(
        400,
        PcErrorCode.conflictingServicePlans,
        `License ${skuId} (${licenseSku(skuId)?.name}) can't be assigned to user ${user.userPrincipalName}: its ` +
          `service plans conflict with ${clashing.join(', ')} of license ${other.skuId} ` +
          `(${licenseSku(other.skuId)?.name}).${keeps}`,
      );
    }
  }
  return undefined;
}

function unitsRefusal(
  customer: CustomerState,
  input: LicenseUpdateInput,
  held: Map<string, UserLicenseRecord>,
  units: ReturnType<typeof skuUnitsOf>,
): PcResult | undefined {
  for (const { skuId } of input.assign) {
    if (held.has(skuId)) continue;
    // Only seats of active subscriptions can be assigned: not pending, suspended or expired ones.
    if (customer.assignedUnits(skuId) + 1 > (units.get(skuId)?.activeUnits ?? 0)) {
      return pcError(
        400,
        PcErrorCode.outOfLicenses,
        'Your organization has run out of licenses. Buy more licenses, and then try again.',
        [
          `LicenseQuotaExceededException : Subscription with Account ${customer.id} and SKU ${skuId} ` +
            'does not have any available licenses left.',
        ],
      );
    }
  }
  return undefined;
}

/** Applies a license update for one user, or refuses it without changing anything. */
export function applyLicenseUpdate(
  customer: CustomerState,
  user: UserRecord,
  input: LicenseUpdateInput,
  call: CallContext,
  ledger: Ledger,
): PcResult {
  const refused = refusal(customer, user, input);
  if (refused) return refused;
  const before = user.licenses.map((license) => license.skuId);
  const after = licensesAfter(user, input);
  for (const skuId of input.remove) customer.noteLicenseChange(skuId, -1, call.nowMs);
  for (const { skuId } of input.assign) {
    if (!before.includes(skuId)) customer.noteLicenseChange(skuId, +1, call.nowMs);
  }
  user.licenses = after;
  ledger.record({
    ...callFields(call, customer.id),
    kind: 'licenseChange',
    userId: user.id,
    assigned: input.assign.map((item) => item.skuId),
    removed: input.remove,
    before,
    after: after.map((license) => license.skuId),
  });
  const response: LicenseUpdate = {
    licensesToAssign: input.assign.map((item) => ({
      skuId: item.skuId,
      excludedPlans: item.excludedPlans.length > 0 ? item.excludedPlans : null,
    })),
    licenseWarnings: [],
    attributes: { objectType: 'LicenseUpdate' },
  };
  if (input.remove.length > 0) response.licensesToRemove = input.remove;
  return ok(response, 201);
}
