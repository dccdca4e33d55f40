import type { PartnerUserRef } from '../auth/models.js';
import type { BlobJsonStore } from '../storage/blobJsonStore.js';

/** The team channel approval cards go to (DESIGN §11), set by an Admin agent in that channel. */
export interface ApprovalsChannel {
  conversationId: string;
  /** The channel's name as Teams gave it, to tell requesters where their request went. */
  name?: string;
  setBy: PartnerUserRef;
  setAt: string;
}

const key = 'settings/approvals-channel.json';

/** One setting per partner (the bot serves one partner tenant); last writer wins, as for any setting. */
export class ApprovalsChannelStore {
  constructor(private readonly documents: BlobJsonStore<ApprovalsChannel>) {}

  async get(): Promise<ApprovalsChannel | undefined> {
    return (await this.documents.read(key))?.value;
  }

  async set(channel: ApprovalsChannel): Promise<void> {
    await this.documents.write(key, channel, { unconditional: true });
  }

  async clear(): Promise<void> {
    await this.documents.remove(key);
  }
}
