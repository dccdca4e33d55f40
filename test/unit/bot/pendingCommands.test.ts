import assert from 'node:assert/strict';
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';

import {
  MAX_PENDING_PER_CONVERSATION,
  PendingCommands,
  type PendingCommandsState,
} from '../../../src/bot/pendingCommands.js';

/** Conversation state of one conversation, as the accessor sees it. */
function memoryProperty(): StatePropertyAccessor<PendingCommandsState | undefined> & {
  value?: PendingCommandsState;
} {
  const property = {
    value: undefined as PendingCommandsState | undefined,
    get: () => Promise.resolve(property.value),
    set: (_context: TurnContext, value: PendingCommandsState | undefined) => {
      property.value = value;
      return Promise.resolve();
    },
    delete: () => {
      property.value = undefined;
      return Promise.resolve();
    },
  };
  return property;
}

const context = {} as TurnContext;
const command = (oid: string, text = 'expiring') => ({ text, from: { id: `29:${oid}`, aadObjectId: oid } });

describe('PendingCommands', () => {
  let now = new Date('2026-03-01T10:00:00Z');
  const clock = () => now;

  beforeEach(() => {
    now = new Date('2026-03-01T10:00:00Z');
  });

  it('keeps one command per person and hands it out once', async () => {
    const pending = new PendingCommands(memoryProperty(), clock);
    await pending.remember(context, command('anna', 'status'));
    await pending.remember(context, command('anna', 'migrate customer Contoso'));
    await pending.remember(context, command('bo'));
    assert.equal((await pending.take(context, 'anna'))?.text, 'migrate customer Contoso');
    assert.equal(await pending.take(context, 'anna'), undefined);
    assert.equal((await pending.take(context, 'bo'))?.at, now.toISOString());
  });

  it('forgets a command after fifteen minutes', async () => {
    const pending = new PendingCommands(memoryProperty(), clock);
    await pending.remember(context, command('anna'));
    now = new Date('2026-03-01T10:15:01Z');
    assert.equal(await pending.take(context, 'anna'), undefined);
  });

  it('keeps at most twenty people per conversation, the newest', async () => {
    const property = memoryProperty();
    const pending = new PendingCommands(property, clock);
    for (let index = 0; index < MAX_PENDING_PER_CONVERSATION + 5; index++) {
      now = new Date(Date.parse('2026-03-01T10:00:00Z') + index * 1000);
      await pending.remember(context, command(`p${index}`));
    }
    assert.equal(Object.keys(property.value ?? {}).length, MAX_PENDING_PER_CONVERSATION);
    assert.equal(await pending.take(context, 'p0'), undefined);
    assert.ok(await pending.take(context, `p${MAX_PENDING_PER_CONVERSATION + 4}`));
  });
});
