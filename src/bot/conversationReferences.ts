import { TurnContext, type Activity } from 'botbuilder';
import { personalChatOf } from '../services/notifications/conversationMessenger.js';
import type { ConversationReferenceStore } from '../services/storage/conversationReferenceStore.js';
import { teamsChannelOf } from './teamsChannel.js';

/**
 * Keeps a reference to every conversation the bot is in, so it can post there later (DESIGN §7, issue
 * #5's approvals). Written when first seen by this process or when the service URL moves, not on every
 * turn: one blob write per conversation, not per message. A post in a team channel also gives the
 * channel's own reference (the conversation id without the post's `;messageid=`), which is how a bot
 * starts a new post there (reminders).
 */
export class ConversationReferenceRecorder {
  private readonly seen = new Map<string, string>();

  constructor(
    private readonly store: ConversationReferenceStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async remember(activity: Activity): Promise<void> {
    const conversationId = activity.conversation?.id;
    if (!conversationId || !activity.serviceUrl) return;
    if (this.seen.get(conversationId) === activity.serviceUrl) return;
    const reference = TurnContext.getConversationReference(activity);
    const conversationType = activity.conversation.conversationType ?? 'personal';
    const stored = {
      conversationId,
      conversationType,
      ...(activity.conversation.tenantId ? { tenantId: activity.conversation.tenantId } : {}),
      reference: JSON.parse(JSON.stringify(reference)) as Record<string, unknown>,
      savedAt: this.now().toISOString(),
    };
    await this.store.save(stored);
    // A person's personal chat is also kept under their object id, so the engine can message them
    // directly ("your request was approved") wherever they asked from.
    const oid = activity.from?.aadObjectId;
    if (conversationType === 'personal' && oid) {
      await this.store.save({ ...stored, conversationId: personalChatOf(oid) });
    }
    this.seen.set(conversationId, activity.serviceUrl);
    const channelId = teamsChannelOf(activity);
    if (channelId && channelId !== conversationId && this.seen.get(channelId) !== activity.serviceUrl) {
      const { activityId: _post, ...channelReference } = stored.reference;
      await this.store.save({
        ...stored,
        conversationId: channelId,
        reference: {
          ...channelReference,
          conversation: { ...(stored.reference.conversation as object), id: channelId },
        },
      });
      this.seen.set(channelId, activity.serviceUrl);
    }
  }

  /** The bot was removed from the conversation: forget it. */
  async forget(conversationId: string): Promise<void> {
    this.seen.delete(conversationId);
    await this.store.remove(conversationId);
  }
}
