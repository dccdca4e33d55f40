import assert from 'node:assert/strict';
import { activityProblem, maxActivityDepth } from '../../../src/bot/incomingActivity.js';

const tenant = { id: '72f988bf-86f1-41af-91ab-2d7cd011db47' };
const common = {
  id: '1485983408511',
  timestamp: '2024-02-20T19:44:53.7401337Z',
  localTimestamp: '2024-02-20T11:44:53.7401337-08:00',
  serviceUrl: 'https://smba.trafficmanager.net/emea/',
  channelId: 'msteams',
  from: {
    id: '29:1XJKJMvc5GBtc2JwZq0oj8tHZmzrQgFmB39ATiQWA85gQtHieVkKilBZ9XHoq9j7Zaqt7CZ-NJWi7me2kHTL3Bw',
    name: 'Megan Bowen',
    aadObjectId: '5811d1c4-8fd8-4a21-9d73-7e0d1e7c8a8f',
  },
  recipient: { id: '28:c9e8c047-2a74-40a2-b28a-b162d5f5327c', name: 'E4 Migration Assistant' },
  locale: 'sv-SE',
  entities: [
    { type: 'clientInfo', locale: 'sv-SE', country: 'SE', platform: 'Web', timezone: 'Europe/Stockholm' },
  ],
};

/** Activities as Teams sends them (shapes from the Teams bot documentation), each of which must pass. */
const teamsActivities: Record<string, unknown> = {
  'a channel message with a mention': {
    ...common,
    type: 'message',
    text: '<at>E4 Migration Assistant</at> migrate customer Contoso',
    textFormat: 'plain',
    attachments: [{ contentType: 'text/html', content: '<div><div><at id="0">E4</at> migrate</div></div>' }],
    entities: [
      ...common.entities,
      { type: 'mention', mentioned: common.recipient, text: '<at>E4 Migration Assistant</at>' },
    ],
    conversation: {
      isGroup: true,
      conversationType: 'channel',
      id: '19:0ea6c8b6b3e54a4fbb5c1d3d16ef1e04@thread.tacv2;messageid=1485983408511',
      tenantId: tenant.id,
    },
    channelData: {
      teamsChannelId: '19:0ea6c8b6b3e54a4fbb5c1d3d16ef1e04@thread.tacv2',
      teamsTeamId: '19:0ea6c8b6b3e54a4fbb5c1d3d16ef1e04@thread.tacv2',
      channel: { id: '19:0ea6c8b6b3e54a4fbb5c1d3d16ef1e04@thread.tacv2' },
      team: { id: '19:0ea6c8b6b3e54a4fbb5c1d3d16ef1e04@thread.tacv2' },
      tenant,
    },
  },
  'an Action.Execute click': {
    ...common,
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: '1685983408512',
    value: {
      action: {
        type: 'Action.Execute',
        verb: 'approval.approve',
        data: { approvalId: 'x', customerId: 'y' },
      },
      trigger: 'manual',
    },
    conversation: { conversationType: 'personal', id: 'a:1wc8qT4nZ0mJdPxS', tenantId: tenant.id },
    channelData: { tenant, source: { name: 'message' }, legacy: { replyToId: '1:1abc' } },
  },
  'the app installed in a team': {
    ...common,
    type: 'installationUpdate',
    action: 'add',
    conversation: {
      isGroup: true,
      conversationType: 'channel',
      id: '19:abc@thread.tacv2',
      tenantId: tenant.id,
    },
    channelData: {
      settings: { selectedChannel: { id: '19:abc@thread.tacv2' } },
      team: { id: '19:abc@thread.tacv2' },
      tenant,
    },
  },
  'members added': {
    ...common,
    type: 'conversationUpdate',
    membersAdded: [{ id: '28:c9e8c047-2a74-40a2-b28a-b162d5f5327c' }],
    conversation: { conversationType: 'personal', id: 'a:1wc8qT4nZ0mJdPxS', tenantId: tenant.id },
    channelData: { tenant, eventType: 'teamMemberAdded' },
  },
  'a token exchange': {
    ...common,
    type: 'invoke',
    name: 'signin/tokenExchange',
    value: { id: 'a0d8d4b4-6c1f-4b4f-8a41-1b7a0f0d0c55', connectionName: '', token: 'eyJ0eXAi' },
    conversation: { conversationType: 'personal', id: 'a:1wc8qT4nZ0mJdPxS', tenantId: tenant.id },
    channelData: { tenant },
  },
};

describe('activityProblem (what /api/messages accepts)', () => {
  for (const [name, activity] of Object.entries(teamsActivities)) {
    it(`accepts ${name}`, () => {
      assert.equal(activityProblem(activity), undefined);
    });
  }

  it(`accepts nesting up to ${maxActivityDepth} levels and refuses one more`, () => {
    const nestedTo = (depth: number): unknown => (depth === 0 ? 1 : { a: nestedTo(depth - 1) });
    const base = teamsActivities['members added'] as Record<string, unknown>;
    // The activity itself is level 1, so `value` may nest one level less.
    assert.equal(activityProblem({ ...base, value: nestedTo(maxActivityDepth - 1) }), undefined);
    assert.match(activityProblem({ ...base, value: nestedTo(maxActivityDepth) }) ?? '', /nested deeper/);
  });

  it('names the field, not its content', () => {
    const base = teamsActivities['members added'] as Record<string, unknown>;
    const problem = activityProblem({ ...base, serviceUrl: 'javascript:alert(document.cookie)' });
    assert.match(problem ?? '', /^serviceUrl: /);
    assert.doesNotMatch(problem ?? '', /alert/);
  });
});
