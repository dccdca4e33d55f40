import assert from 'node:assert/strict';
import type { Activity, ConversationReference, TurnContext } from 'botbuilder';
import sinon from 'sinon';
import { ProactiveSender, type ProactiveSenderDeps } from '../../../src/bot/proactiveSender.js';
import { ConversationUnreachableError } from '../../../src/services/errors.js';
import { createSilentLogger } from '../../../src/services/logging/logger.js';
import type {
  ConversationReferenceStore,
  StoredConversationReference,
} from '../../../src/services/storage/conversationReferenceStore.js';

type Logic = (context: TurnContext) => Promise<void>;

/** What the fake connector saw, per attempt: the conversation and what was posted or replaced. */
interface Call {
  conversationId: string;
  kind: 'send' | 'update';
  activity: Partial<Activity>;
  at: number;
}

/**
 * Stands in for CloudAdapter: runs the logic with a context that records sendActivity/updateActivity,
 * or fails with the next scripted error (an object carrying `statusCode`, as botframework-connector's are).
 */
class FakeAdapter implements Pick<ProactiveSenderDeps['adapter'], 'continueConversationAsync'> {
  readonly calls: Call[] = [];
  readonly attempts: { conversationId: string; at: number }[] = [];
  readonly failures: Error[] = [];
  private nextId = 1;

  continueConversationAsync(
    _appId: string,
    reference: Partial<ConversationReference>,
    logic: Logic,
  ): Promise<void> {
    const conversationId = reference.conversation?.id ?? '';
    this.attempts.push({ conversationId, at: Date.now() });
    const failure = this.failures.shift();
    if (failure !== undefined) return Promise.reject(failure);
    const context = {
      sendActivity: (activity: Partial<Activity>) => {
        this.calls.push({ conversationId, kind: 'send', activity, at: Date.now() });
        return Promise.resolve({ id: `activity-${this.nextId++}` });
      },
      updateActivity: (activity: Partial<Activity>) => {
        this.calls.push({ conversationId, kind: 'update', activity, at: Date.now() });
        return Promise.resolve();
      },
    } as unknown as TurnContext;
    return logic(context);
  }
}

class FakeReferences implements Pick<ConversationReferenceStore, 'get'> {
  constructor(private readonly known: readonly string[]) {}

  get(conversationId: string): Promise<StoredConversationReference | undefined> {
    if (!this.known.includes(conversationId)) return Promise.resolve(undefined);
    return Promise.resolve({
      conversationId,
      conversationType: 'personal',
      reference: { serviceUrl: 'https://smba.example.test/', conversation: { id: conversationId } },
      savedAt: '2026-11-23T10:00:00.000Z',
    });
  }
}

function teamsError(statusCode: number, retryAfter?: string): Error {
  return Object.assign(new Error(`Teams answered ${statusCode}`), {
    statusCode,
    response: { headers: { get: (name: string) => (name === 'retry-after' ? retryAfter : undefined) } },
  });
}

const card = { type: 'AdaptiveCard', version: '1.5', body: [] };

describe('ProactiveSender', () => {
  let adapter: FakeAdapter;

  function sender(options: Partial<ProactiveSenderDeps> = {}): ProactiveSender {
    return new ProactiveSender({
      adapter,
      botAppId: '',
      references: new FakeReferences(['a:1', 'b:2']),
      logger: createSilentLogger(),
      retries: 3,
      minBackoffInMs: 1,
      ...options,
    });
  }

  beforeEach(() => {
    adapter = new FakeAdapter();
  });
  afterEach(() => sinon.restore());

  it('posts the card to the stored conversation and returns the new message id', async () => {
    const id = await sender().send('a:1', card);
    assert.equal(id, 'activity-1');
    assert.equal(adapter.calls.length, 1);
    const [call] = adapter.calls;
    assert.equal(call?.conversationId, 'a:1');
    assert.equal(call?.kind, 'send');
    assert.deepEqual(call?.activity.attachments?.[0]?.content, card);
    assert.equal(call?.activity.attachments?.[0]?.contentType, 'application/vnd.microsoft.card.adaptive');
  });

  it('replaces a posted message by its id', async () => {
    await sender().update('b:2', 'activity-9', card);
    const [call] = adapter.calls;
    assert.equal(call?.kind, 'update');
    assert.equal(call?.activity.id, 'activity-9');
    assert.deepEqual(call?.activity.attachments?.[0]?.content, card);
  });

  it('refuses a conversation it holds no reference for, without calling Teams', async () => {
    await assert.rejects(sender().send('never-seen', card), (error: unknown) => {
      assert.ok(error instanceof ConversationUnreachableError);
      assert.equal(error.conversationId, 'never-seen');
      return true;
    });
    assert.equal(adapter.attempts.length, 0);
  });

  for (const status of [403, 404]) {
    it(`stops at once when Teams answers ${status}: the bot is out of that conversation`, async () => {
      adapter.failures.push(teamsError(status));
      await assert.rejects(sender().send('a:1', card), (error: unknown) => {
        assert.ok(error instanceof ConversationUnreachableError);
        assert.equal(error.status, status);
        assert.equal((error.cause as { statusCode?: number }).statusCode, status);
        return true;
      });
      assert.equal(adapter.attempts.length, 1);
    });
  }

  it('does not retry a 500: only the statuses Teams documents as transient are retried', async () => {
    adapter.failures.push(teamsError(500));
    await assert.rejects(sender().send('a:1', card), /Teams answered 500/);
    assert.equal(adapter.attempts.length, 1);
  });

  it('does not retry an error without a status (a bug in the card, not a busy Teams)', async () => {
    adapter.failures.push(new TypeError('card is not serialisable'));
    await assert.rejects(sender().send('a:1', card), TypeError);
    assert.equal(adapter.attempts.length, 1);
  });

  it('gives up after the configured retries when Teams keeps answering 429', async () => {
    adapter.failures.push(...[1, 2, 3, 4, 5].map(() => teamsError(429)));
    await assert.rejects(sender({ retries: 2 }).send('a:1', card), /Teams answered 429/);
    assert.equal(adapter.attempts.length, 3);
  });

  it('retries a 429 after the Retry-After it names, then succeeds', async () => {
    const clock = sinon.useFakeTimers({ now: 0 });
    adapter.failures.push(teamsError(429, '2'));
    const sent = sender().send('a:1', card);
    await clock.tickAsync(1_999);
    assert.equal(adapter.attempts.length, 1, 'no second attempt before Retry-After has passed');
    await clock.tickAsync(100);
    assert.equal(await sent, 'activity-1');
    assert.equal(adapter.attempts.length, 2);
    assert.ok((adapter.attempts[1]?.at ?? 0) >= 2_000);
  });

  it('reads a Retry-After given as an HTTP date', async () => {
    const clock = sinon.useFakeTimers({ now: 0 });
    adapter.failures.push(teamsError(429, new Date(3_000).toUTCString()));
    const sent = sender().send('a:1', card);
    await clock.tickAsync(2_999);
    assert.equal(adapter.attempts.length, 1);
    await clock.tickAsync(100);
    assert.equal(await sent, 'activity-1');
  });

  it('retries 412, 502 and 504 too', async () => {
    adapter.failures.push(teamsError(412), teamsError(502), teamsError(504));
    assert.equal(await sender().send('a:1', card), 'activity-1');
    assert.equal(adapter.attempts.length, 4);
  });

  it('paces each conversation: the third send within the window waits; another conversation does not', async () => {
    const clock = sinon.useFakeTimers({ now: 10_000 });
    const paced = sender({ limits: [{ points: 2, seconds: 1 }] });
    const done: string[] = [];
    const track = (name: string, promise: Promise<unknown>) => promise.then(() => done.push(name));

    const all = Promise.all([
      track('a1', paced.send('a:1', card)),
      track('a2', paced.send('a:1', card)),
      track('a3', paced.send('a:1', card)),
      track('b1', paced.send('b:2', card)),
    ]);
    await clock.tickAsync(0);
    assert.deepEqual([...done].sort(), ['a1', 'a2', 'b1']);

    await clock.tickAsync(990);
    assert.equal(done.includes('a3'), false, 'the third send waits for the window to free');

    await clock.tickAsync(50);
    await all;
    assert.deepEqual(done, ['a1', 'a2', 'b1', 'a3']);
    const third = adapter.calls.filter((call) => call.conversationId === 'a:1')[2];
    assert.ok((third?.at ?? 0) - 10_000 >= 1_000, `third send at +${(third?.at ?? 0) - 10_000} ms`);
  });

  it('counts only sends against the longer windows, not the waiting for a shorter one', async () => {
    const clock = sinon.useFakeTimers({ now: 10_000 });
    const paced = sender({
      limits: [
        { points: 2, seconds: 1 },
        { points: 3, seconds: 10 },
      ],
    });
    const sends = [1, 2, 3].map(() => paced.send('a:1', card));
    await clock.tickAsync(0);
    assert.equal(adapter.calls.length, 2);
    // Two sent in the 10 s window, which allows three: the third goes once the 1 s window frees.
    await clock.tickAsync(1_100);
    assert.equal(adapter.calls.length, 3);
    await Promise.all(sends);
    await clock.tickAsync(0);
    // Now the 10 s window is full: a fourth waits for it.
    const fourth = paced.send('a:1', card);
    await clock.tickAsync(5_000);
    assert.equal(adapter.calls.length, 3);
    await clock.tickAsync(5_000);
    await fourth;
    assert.equal(adapter.calls.length, 4);
  });
});
