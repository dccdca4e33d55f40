import type { Activity } from 'botbuilder';
import type { PartnerUserRef } from '../services/auth/models.js';

/**
 * The partner user behind an activity: Entra object id and tenant as Teams sends them. Undefined when
 * the activity carries no object id (not a signed-in Teams user), which the bot treats as unknown.
 */
export function partnerUserOf(activity: Activity): PartnerUserRef | undefined {
  const oid = activity.from?.aadObjectId;
  const [tenantId] = tenantIdsOf(activity);
  if (!oid || !tenantId) return undefined;
  return { oid, tenantId, ...(activity.from.name ? { name: activity.from.name } : {}) };
}

/**
 * Every tenant an activity names: the conversation's `tenantId` and the channel data's `tenant.id`
 * (Teams sends both; the conversation's first). Empty when it names none.
 */
export function tenantIdsOf(activity: Activity): string[] {
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const named = [activity.conversation?.tenantId, channelData?.tenant?.id]
    .filter((id): id is string => typeof id === 'string')
    .map((id) => id.trim())
    .filter(Boolean);
  return [...new Set(named)];
}
