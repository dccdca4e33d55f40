import { createHash } from 'node:crypto';
import type { BlobJsonStore } from './blobJsonStore.js';

/**
 * Where the bot can reach a conversation later (approval cards, progress, reminders). The reference
 * itself is the bot framework's object, kept opaque here so the domain stays free of botbuilder.
 */
export interface StoredConversationReference {
  conversationId: string;
  /** `personal`, `groupChat` or `channel`. */
  conversationType: string;
  tenantId?: string;
  /** The Bot Framework conversation reference, as the bot layer gave it. */
  reference: Record<string, unknown>;
  savedAt: string;
}

export interface ConversationReferenceStore {
  save(reference: StoredConversationReference): Promise<void>;
  get(conversationId: string): Promise<StoredConversationReference | undefined>;
  remove(conversationId: string): Promise<void>;
}

/** Conversation references as blobs, one per conversation (any instance can send to any of them). */
export class BlobConversationReferenceStore implements ConversationReferenceStore {
  constructor(private readonly documents: BlobJsonStore<StoredConversationReference>) {}

  async save(reference: StoredConversationReference): Promise<void> {
    // Last writer wins: a reference only ever gets fresher, and every writer has a current one.
    await this.documents.write(keyOf(reference.conversationId), reference, { unconditional: true });
  }

  async get(conversationId: string): Promise<StoredConversationReference | undefined> {
    return (await this.documents.read(keyOf(conversationId)))?.value;
  }

  async remove(conversationId: string): Promise<void> {
    await this.documents.remove(keyOf(conversationId));
  }
}

/** Teams conversation ids contain `:`, `;` and `@`; a hash makes a safe, fixed-length blob name. */
function keyOf(conversationId: string): string {
  return `conversations/${createHash('sha256').update(conversationId).digest('hex')}.json`;
}
