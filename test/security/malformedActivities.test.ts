import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { DemoIds } from '../../sandbox/seeds/demoIds.js';
import { CardVerb } from '../../src/cards/index.js';
import { startBotHarness, type BotHarness } from '../helpers/botHarness.js';
import { recordingLogger, type RecordingLogger } from '../helpers/recordingLogger.js';
import { assertShows, catalogOf, chatAs, onlyCard } from '../dialogs/dialogKit.js';
import { ledgerSnapshot, storedReferenceOf } from './securityKit.js';

/** The suite's limit, small so "too large" needs no big buffers: 64 KB. */
const maxMessageBytes = 64 * 1024;
const t = catalogOf('en');

/**
 * Malformed and oversized requests to `/api/messages` (issue #6): each gets a 4xx with a short reason,
 * is logged (status and reason, never the body), changes nothing, and the server answers the next
 * request as usual. Before the bot's own checks several of these were 500s (a form post, no `type`, no
 * conversation), one sent a reply to botbuilder's default service URL on the internet (no `serviceUrl`),
 * and a gzip body was inflated without limit.
 */
describe('security: malformed and oversized activities', function () {
  this.timeout(120_000);
  let harness: BotHarness;
  let log: RecordingLogger;
  let messagesUrl: string;

  before(async () => {
    log = recordingLogger();
    harness = await startBotHarness({
      logger: log.logger,
      env: { MAX_MESSAGE_BYTES: String(maxMessageBytes) },
    });
    messagesUrl = `${harness.app.url}/api/messages`;
  });
  after(async () => harness?.close());

  /** A well-formed message activity from the demo Admin agent, for the cases to break. */
  function activity(conversationId = `a:${randomUUID()}`): Record<string, unknown> {
    return {
      type: 'message',
      id: randomUUID(),
      channelId: 'msteams',
      serviceUrl: harness.channel.url,
      timestamp: new Date().toISOString(),
      locale: 'en-US',
      text: 'help',
      from: { id: `29:${randomUUID()}`, name: 'Anna', aadObjectId: DemoIds.partnerUsers.adminAgent },
      recipient: { id: '28:e4-assistant', name: 'E4 Migration Assistant' },
      conversation: { id: conversationId, conversationType: 'personal', tenantId: DemoIds.partnerTenantId },
      channelData: { tenant: { id: DemoIds.partnerTenantId } },
    };
  }
  const json = (value: unknown) => JSON.stringify(value);
  const without = (field: string) => {
    const copy = activity();
    delete copy[field];
    return json(copy);
  };
  const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
  const jsonType = { 'content-type': 'application/json' };

  const cases: {
    name: string;
    body: () => string | Buffer;
    headers?: Record<string, string>;
    status: number;
    reason?: RegExp;
  }[] = [
    { name: 'unreadable JSON', body: () => '{"type": "message", ', status: 400 },
    {
      name: 'text/plain',
      body: () => json(activity()),
      headers: { 'content-type': 'text/plain' },
      status: 415,
    },
    {
      name: 'a form post',
      body: () => 'type=message&text=help',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      status: 415,
    },
    {
      name: 'multipart/form-data',
      body: () => '--b\r\nContent-Disposition: form-data; name="type"\r\n\r\nmessage\r\n--b--\r\n',
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
      status: 415,
    },
    { name: 'no content type', body: () => json(activity()), headers: { 'content-type': '' }, status: 415 },
    {
      // 16 MB of JSON whitespace in ~16 KB: under the limit compressed, far over it inflated.
      name: 'a gzip body (a compression bomb)',
      body: () =>
        gzipSync(
          Buffer.concat([
            Buffer.from(json(activity()).slice(0, -1)),
            Buffer.alloc(16 << 20, ' '),
            Buffer.from('}'),
          ]),
        ),
      headers: { ...jsonType, 'content-encoding': 'gzip' },
      status: 415,
    },
    { name: 'a JSON array', body: () => '[{"type":"message"}]', status: 400, reason: /not a JSON object/ },
    { name: 'a JSON string', body: () => '"message"', status: 400, reason: /not a JSON object/ },
    { name: 'JSON null', body: () => 'null', status: 400 },
    { name: 'no type', body: () => without('type'), status: 400, reason: /^type:/ },
    { name: 'a numeric type', body: () => json({ ...activity(), type: 5 }), status: 400, reason: /^type:/ },
    { name: 'no conversation', body: () => without('conversation'), status: 400, reason: /^conversation:/ },
    {
      name: 'a conversation without an id',
      body: () => json({ ...activity(), conversation: { tenantId: DemoIds.partnerTenantId } }),
      status: 400,
      reason: /^conversation\.id:/,
    },
    { name: 'no sender', body: () => without('from'), status: 400, reason: /^from:/ },
    { name: 'no recipient', body: () => without('recipient'), status: 400, reason: /^recipient:/ },
    { name: 'no serviceUrl', body: () => without('serviceUrl'), status: 400, reason: /^serviceUrl:/ },
    {
      name: 'a serviceUrl that is no web address',
      body: () => json({ ...activity(), serviceUrl: 'file:///etc/passwd' }),
      status: 400,
      reason: /^serviceUrl:/,
    },
    {
      name: 'an unreadable timestamp',
      body: () => json({ ...activity(), timestamp: 'yesterday-ish' }),
      status: 400,
      reason: /^timestamp:/,
    },
    {
      name: 'a 5,000-character conversation id',
      body: () => json(activity(`a:${'x'.repeat(5_000)}`)),
      status: 400,
      reason: /^conversation\.id:/,
    },
    {
      name: 'a card click without its action',
      body: () =>
        json({ ...activity(), type: 'invoke', name: 'adaptiveCard/action', value: { trigger: 'manual' } }),
      status: 400,
      reason: /^value\.action:/,
    },
    {
      name: 'a card click whose value is a string',
      body: () => json({ ...activity(), type: 'invoke', name: 'adaptiveCard/action', value: 'approve' }),
      status: 400,
      reason: /^value:/,
    },
    {
      name: 'data nested 10,000 levels deep',
      body: () => `${json(activity()).slice(0, -1)},"value":${nested(10_000)}}`,
      status: 400,
      reason: /nested deeper/,
    },
    {
      name: 'card data nested 40 levels deep',
      body: () =>
        `${json({ ...activity(), type: 'invoke', name: 'adaptiveCard/action' }).slice(0, -1)},` +
        `"value":{"action":{"type":"Action.Execute","verb":"approval.approve","data":${nested(40)}}}}`,
      status: 400,
      reason: /nested deeper/,
    },
    {
      name: 'a message over MAX_MESSAGE_BYTES',
      body: () => json({ ...activity(), text: 'a'.repeat(maxMessageBytes) }),
      status: 413,
    },
    {
      name: 'card data over MAX_MESSAGE_BYTES',
      body: () =>
        json({
          ...activity(),
          type: 'invoke',
          name: 'adaptiveCard/action',
          value: {
            action: {
              type: 'Action.Execute',
              verb: CardVerb.approve,
              data: { note: 'x'.repeat(maxMessageBytes) },
            },
          },
        }),
      status: 413,
    },
  ];

  for (const { name, body, headers = jsonType, status, reason } of cases) {
    it(`${name} → ${status}, logged, nothing changed, and the next request is served`, async () => {
      const ledger = ledgerSnapshot(harness);
      const logged = log.find('request refused').length;
      const sent = body();
      const response = await fetch(messagesUrl, { method: 'POST', headers, body: sent });
      const answer = await response.text();
      assert.equal(response.status, status, answer);
      const [entry] = log.find('request refused').slice(logged);
      assert.equal(entry?.['status'], status, 'the refusal was logged with its status');
      if (reason) assert.match(String(entry?.['reason']), reason);
      assert.ok(
        log.text().length < 100_000 && !log.text().includes('x'.repeat(100)),
        'the body is not logged',
      );
      assert.deepEqual(harness.channel.postedTo('a:any'), []);
      ledger.assertUnchanged();
      await assertStillServing();
    });
  }

  it('a long typed message under the limit gets "too long", logged, and nothing else', async () => {
    const ledger = ledgerSnapshot(harness);
    const chat = chatAs(harness, 'adminAgent');
    const replies = await chat.say(`migrate customer ${'Contoso '.repeat(5_000)}`);
    assert.deepEqual(
      replies.map((reply) => reply.text),
      [t('error.tooLong')],
    );
    assert.ok(log.find('typed message too long refused').length > 0);
    ledger.assertUnchanged();
  });

  it('large card data under the limit gets "can’t use this card", logged with the field only, and nothing else', async () => {
    const ledger = ledgerSnapshot(harness);
    const chat = chatAs(harness, 'adminAgent');
    const result = await chat.invoke(CardVerb.approve, {
      approvalId: 'x'.repeat(50_000),
      customerId: DemoIds.customers.contoso,
      planHash: 'ab'.repeat(32),
    });
    assert.equal(result.message, t('error.invalidCard'));
    const [entry] = log.find('card data refused', { verb: CardVerb.approve });
    assert.deepEqual(entry?.['issues'], ['approvalId']);
    assert.ok(!log.text().includes('x'.repeat(100)));
    ledger.assertUnchanged();
  });

  it('an invoke nobody handles gets 501, not a crash', async () => {
    const chat = chatAs(harness, 'adminAgent');
    const { status } = await chat.send({ type: 'invoke', name: 'composeExtension/query', value: {} });
    assert.equal(status, 501);
    await assertStillServing();
  });

  /** `help` from a new chat still gets the help card, and the health probe answers. */
  async function assertStillServing(): Promise<void> {
    const chat = chatAs(harness, 'adminAgent');
    assertShows(onlyCard(await chat.say('help')).card, t('help.title'));
    assert.ok(await storedReferenceOf(harness, chat.conversationId));
    assert.equal((await fetch(`${harness.app.url}/healthz`)).status, 200);
  }
});
