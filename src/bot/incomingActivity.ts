import { z } from 'zod';

/**
 * The shape every request to `/api/messages` must have before the Bot Framework adapter sees it (issue #6
 * "malformed activities get a 4xx, not a crash"). botbuilder itself checks only that the body is an object
 * with a string `type`; a missing conversation, sender or `serviceUrl` then fails deep inside a turn (a
 * 500, or a reply sent to botbuilder's default service URL), and an unreadable timestamp becomes an
 * Invalid Date. Teams always sends all of these, so refusing their absence costs nothing.
 */

/** Longer than any id Teams sends (conversation ids with a message id are ~100 characters). */
const maxIdLength = 1_024;
/** Deeper than any activity Teams sends (channel data, entities and card data are a few levels deep). */
export const maxActivityDepth = 32;

const id = z.string().min(1).max(maxIdLength);
const account = z.looseObject({ id, aadObjectId: z.string().max(maxIdLength).optional() });
const instant = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'must be a date and time');

const activitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  id: id.optional(),
  channelId: z.string().min(1).max(64),
  serviceUrl: z.url({ protocol: /^https?$/ }).max(2_048),
  from: account,
  recipient: account,
  conversation: z.looseObject({ id, tenantId: z.string().max(maxIdLength).optional() }),
  replyToId: id.optional(),
  text: z.string().optional(),
  locale: z.string().max(64).optional(),
  name: z.string().max(256).optional(),
  timestamp: instant.optional(),
  localTimestamp: instant.optional(),
  expiration: instant.optional(),
});

/** An Action.Execute click: botbuilder reads `value.action.type` without checking `value.action` exists. */
const cardActionInvoke = z.looseObject({
  value: z.looseObject({ action: z.looseObject({ type: z.string() }) }),
});

/**
 * Why a parsed request body is not an activity the bot can serve, in a few words naming the field
 * (`conversation.id: …`); `undefined` when it is one. Never repeats the body's content.
 */
export function activityProblem(body: unknown): string | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    return 'the body is not a JSON object';
  if (depthExceeds(body, maxActivityDepth)) return `nested deeper than ${maxActivityDepth} levels`;
  const parsed = activitySchema.safeParse(body);
  if (!parsed.success) return issueText(parsed.error);
  if (parsed.data.type === 'invoke' && parsed.data.name === 'adaptiveCard/action') {
    const invoke = cardActionInvoke.safeParse(body);
    if (!invoke.success) return issueText(invoke.error);
  }
  return undefined;
}

function issueText(error: z.ZodError): string {
  const [issue] = error.issues;
  return `${issue?.path.join('.') || 'activity'}: ${issue?.message ?? 'invalid'}`;
}

/** Whether `value` nests objects or arrays deeper than `limit`; iterative, so any depth is safe to check. */
function depthExceeds(value: object, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [node, depth] = next;
    if (node === null || typeof node !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Object.values(node)) {
      if (child !== null && typeof child === 'object') pending.push([child, depth + 1]);
    }
  }
  return false;
}
