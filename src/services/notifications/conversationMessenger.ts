/**
 * Posting and updating cards in a Teams conversation outside a turn: approval cards, progress,
 * reminders, and a plan that finished after its invoke was answered. The bot layer implements it
 * (`src/bot/proactiveSender.ts`); services depend only on this port, so they stay free of botbuilder.
 */
export interface ConversationMessenger {
  /**
   * Posts a card to a conversation the bot has seen before. Returns the new message's id.
   * @throws ConversationUnreachableError when Teams says the bot can no longer post there (403/404).
   */
  send(conversationId: string, card: object): Promise<string | undefined>;

  /** Replaces a message the bot posted (everyone sees the new card). */
  update(conversationId: string, activityId: string, card: object): Promise<void>;
}

/**
 * The conversation id under which a person's personal chat with the bot is kept (the bot records it when
 * the person writes there), so the engine can message them directly wherever they asked from.
 */
export function personalChatOf(oid: string): string {
  return `user:${oid.toLowerCase()}`;
}
