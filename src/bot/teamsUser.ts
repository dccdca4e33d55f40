import type { Activity } from 'botbuilder';
import type { PartnerUserRef } from '../services/auth/models.js';

/**
 * The partner user behind an activity: Entra object id and tenant as Teams sends them. Undefined when
 * the activity carries no object id (not a signed-in Teams user), which the bot treats as unknown.
 */
export function partnerUserOf(activity: Activity): PartnerUserRef | undefined {
  const oid = activity.from?.aadObjectId;
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const tenantId =
    activity.conversation?.tenantId ??
    (typeof channelData?.tenant?.id === 'string' ? channelData.tenant.id : undefined);
  if (!oid || !tenantId) return undefined;
  return { oid, tenantId, ...(activity.from.name ? { name: activity.from.name } : {}) };
}
