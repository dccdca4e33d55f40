import type { Activity } from 'botbuilder';

/**
 * The team channel a channel activity comes from, whatever thread it is in. Teams gives every post in a
 * channel its own conversation id (`19:…@thread.tacv2;messageid=…`), so a setting made in one post must
 * be found from the next one: the channel is `channelData.channel.id` as Teams sends it, or else the
 * conversation id without its `;messageid=` thread part. Undefined outside team channels.
 */
export function teamsChannelOf(activity: Activity): string | undefined {
  if (activity.conversation?.conversationType !== 'channel') return undefined;
  const channelData = activity.channelData as { channel?: { id?: unknown } } | undefined;
  const fromChannelData = channelData?.channel?.id;
  if (typeof fromChannelData === 'string' && fromChannelData !== '') return fromChannelData;
  const [channel] = activity.conversation.id.split(';');
  return channel || undefined;
}
