import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { ConversationReferenceRecorder } from '../../../src/bot/conversationReferences.js';
import type {
  ConversationReferenceStore,
  StoredConversationReference,
} from '../../../src/services/storage/conversationReferenceStore.js';

/** Keeps references in memory and counts writes, the cost the recorder exists to keep low. */
class InMemoryConversationReferenceStore implements ConversationReferenceStore {
  readonly saved: StoredConversationReference[] = [];
  readonly removed: string[] = [];
  private readonly byId = new Map<string, StoredConversationReference>();

  save(reference: StoredConversationReference): Promise<void> {
    this.saved.push(reference);
    this.byId.set(reference.conversationId, reference);
    return Promise.resolve();
  }

  get(conversationId: string): Promise<StoredConversationReference | undefined> {
    return Promise.resolve(this.byId.get(conversationId));
  }

  remove(conversationId: string): Promise<void> {
    this.removed.push(conversationId);
    this.byId.delete(conversationId);
    return Promise.resolve();
  }
}

function activity(conversationId: string, serviceUrl = 'https://smba.trafficmanager.net/emea/'): Activity {
  return {
    type: 'message',
    id: 'm-1',
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:user', name: 'Adele' },
    recipient: { id: '28:bot', name: 'E4 Migration Assistant' },
    conversation: {
      id: conversationId,
      conversationType: 'channel',
      tenantId: 't-1',
      isGroup: true,
      name: 'Approvals',
    },
  } as Activity;
}

describe('ConversationReferenceRecorder', () => {
  const now = () => new Date('2026-11-23T10:00:00.000Z');

  it('saves a conversation once per process, not on every message', async () => {
    const store = new InMemoryConversationReferenceStore();
    const recorder = new ConversationReferenceRecorder(store, now);
    await recorder.remember(activity('19:a@thread.tacv2'));
    await recorder.remember(activity('19:a@thread.tacv2'));
    await recorder.remember(activity('19:a@thread.tacv2'));
    assert.equal(store.saved.length, 1);
    const [saved] = store.saved;
    assert.equal(saved?.conversationId, '19:a@thread.tacv2');
    assert.equal(saved?.conversationType, 'channel');
    assert.equal(saved?.tenantId, 't-1');
    assert.equal(saved?.savedAt, '2026-11-23T10:00:00.000Z');
    assert.equal(saved?.reference.serviceUrl, 'https://smba.trafficmanager.net/emea/');
    assert.deepEqual((saved?.reference.conversation as { id?: string }).id, '19:a@thread.tacv2');
  });

  it('saves each conversation it sees', async () => {
    const store = new InMemoryConversationReferenceStore();
    const recorder = new ConversationReferenceRecorder(store, now);
    await recorder.remember(activity('a'));
    await recorder.remember(activity('b'));
    assert.deepEqual(
      store.saved.map((reference) => reference.conversationId),
      ['a', 'b'],
    );
  });

  it('saves again when Teams moves the conversation to another service URL', async () => {
    const store = new InMemoryConversationReferenceStore();
    const recorder = new ConversationReferenceRecorder(store, now);
    await recorder.remember(activity('a', 'https://smba.trafficmanager.net/emea/'));
    await recorder.remember(activity('a', 'https://smba.trafficmanager.net/amer/'));
    await recorder.remember(activity('a', 'https://smba.trafficmanager.net/amer/'));
    assert.deepEqual(
      store.saved.map((reference) => reference.reference.serviceUrl),
      ['https://smba.trafficmanager.net/emea/', 'https://smba.trafficmanager.net/amer/'],
    );
  });

  it('a post in a team channel also gives the channel’s own reference, once, for new posts there', async () => {
    const store = new InMemoryConversationReferenceStore();
    const recorder = new ConversationReferenceRecorder(store, now);
    const inPost = (post: string, channelData?: object): Activity => ({
      ...activity(`19:a@thread.tacv2;messageid=${post}`),
      ...(channelData ? { channelData } : {}),
    });
    await recorder.remember(
      inPost('1', { channel: { id: '19:a@thread.tacv2' }, team: { id: '19:t@thread.tacv2' } }),
    );
    await recorder.remember(inPost('2'));
    assert.deepEqual(
      store.saved.map((reference) => reference.conversationId),
      ['19:a@thread.tacv2;messageid=1', '19:a@thread.tacv2', '19:a@thread.tacv2;messageid=2'],
    );
    const channel = await store.get('19:a@thread.tacv2');
    assert.equal(channel?.conversationType, 'channel');
    assert.equal((channel?.reference.conversation as { id?: string }).id, '19:a@thread.tacv2');
    assert.equal(channel?.reference.activityId, undefined, 'a new post, not a reply to the command');
    assert.equal(channel?.reference.serviceUrl, 'https://smba.trafficmanager.net/emea/');
  });

  it('ignores an activity without a conversation id or service URL', async () => {
    const store = new InMemoryConversationReferenceStore();
    const recorder = new ConversationReferenceRecorder(store, now);
    await recorder.remember({ ...activity('a'), serviceUrl: '' });
    await recorder.remember({ ...activity(''), conversation: { ...activity('').conversation, id: '' } });
    assert.equal(store.saved.length, 0);
  });

  it('forgets a conversation the bot was removed from, and saves it afresh if it comes back', async () => {
    const store = new InMemoryConversationReferenceStore();
    const recorder = new ConversationReferenceRecorder(store, now);
    await recorder.remember(activity('a'));
    await recorder.forget('a');
    assert.deepEqual(store.removed, ['a']);
    assert.equal(await store.get('a'), undefined);
    await recorder.remember(activity('a'));
    assert.equal(store.saved.length, 2);
    assert.ok(await store.get('a'));
  });
});
