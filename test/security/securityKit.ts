import assert from 'node:assert/strict';
import { BlobServiceClient } from '@azure/storage-blob';
import type { LedgerEntry } from '../../sandbox/ledger.js';
import {
  BlobConversationReferenceStore,
  type StoredConversationReference,
} from '../../src/services/storage/conversationReferenceStore.js';
import { BlobJsonStore } from '../../src/services/storage/blobJsonStore.js';
import type { BotHarness } from '../helpers/botHarness.js';

/**
 * What the security suite checks after every refusal, on top of the dialog kit: the sandbox ledger exactly
 * as it was (no purchase, license or subscription change, and no refused or replayed call either, since a
 * refused request must not even reach Partner Center), and what the bot stored about a conversation.
 */

/** The ledger now; `assertUnchanged()` fails naming every entry added since. */
export function ledgerSnapshot(harness: BotHarness): { assertUnchanged(): void; added(): LedgerEntry[] } {
  const before = harness.partnerCenter.ledger().length;
  const added = () => harness.partnerCenter.ledger().slice(before);
  return {
    added,
    assertUnchanged: () =>
      assert.deepEqual(
        added().map((entry) => `${entry.kind} ${entry.method ?? ''} ${entry.path ?? ''}`),
        [],
        'the sandbox ledger changed',
      ),
  };
}

/** The conversation reference the bot saved for a conversation (undefined: it never served it). */
export function storedReferenceOf(
  harness: BotHarness,
  conversationId: string,
): Promise<StoredConversationReference | undefined> {
  const container = BlobServiceClient.fromConnectionString(
    harness.azurite.connectionString,
  ).getContainerClient('e4-assistant');
  return new BlobConversationReferenceStore(new BlobJsonStore<StoredConversationReference>(container)).get(
    conversationId,
  );
}

/** Names of the bot-state blobs (conversation and user state) that mention this conversation or user. */
export async function botStateBlobsMentioning(harness: BotHarness, ...ids: string[]): Promise<string[]> {
  const container = BlobServiceClient.fromConnectionString(
    harness.azurite.connectionString,
  ).getContainerClient('bot-state');
  if (!(await container.exists())) return [];
  const names: string[] = [];
  for await (const blob of container.listBlobsFlat()) {
    const name = decodeURIComponent(blob.name);
    if (ids.some((id) => name.includes(id))) names.push(name);
  }
  return names;
}
