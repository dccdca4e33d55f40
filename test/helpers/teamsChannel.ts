import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for Teams' Bot Connector on loopback, as the Agents Playground is one: it sends activities
 * to the bot's real `/api/messages` endpoint and records what the bot posts and updates through the
 * connector REST API. Dialog tests drive the whole bot (restify, CloudAdapter, state on Azurite) this way.
 */

export interface CardElement {
  type: string;
  [key: string]: unknown;
}
export interface Card {
  type: 'AdaptiveCard';
  body: CardElement[];
  actions?: CardElement[];
  [key: string]: unknown;
}

export interface PostedActivity {
  id: string;
  type: string;
  text?: string;
  attachments?: { contentType: string; content: Card }[];
  replyToId?: string;
  conversation: { id: string };
  [key: string]: unknown;
}

export interface TeamsUser {
  aadObjectId: string;
  name: string;
  /** Teams MRI; derived from the object id when absent. */
  id?: string;
}

export interface InvokeResult {
  status: number;
  body: { statusCode: number; type: string; value: unknown } | undefined;
  /** The replacement card, when the bot answered with one. */
  card: Card | undefined;
  /** The transient message, when the bot answered with one. */
  message: string | undefined;
}

export interface ChatOptions {
  kind?: 'personal' | 'groupChat' | 'channel';
  user: TeamsUser;
  locale?: string;
  tenantId: string;
  /** An existing conversation (default: a new one). */
  conversationId?: string;
  /** In a channel: one post (thread) of it, as Teams sends it; see `TeamsChat.inPost`. */
  post?: string;
}

const botName = 'E4 Migration Assistant';

export class TeamsChat {
  readonly conversationId: string;
  /** Where this chat's activities come from: the conversation, or in a post, `<channel>;messageid=<post>`. */
  readonly threadId: string;
  user: TeamsUser;
  locale: string;

  constructor(
    private readonly channel: TeamsChannel,
    private readonly options: ChatOptions,
  ) {
    const kind = options.kind ?? 'personal';
    this.conversationId =
      options.conversationId ??
      (kind === 'channel'
        ? `19:${randomUUID()}@thread.tacv2`
        : kind === 'groupChat'
          ? `19:${randomUUID()}@thread.v2`
          : `a:${randomUUID()}`);
    this.threadId = options.post ? `${this.conversationId};messageid=${options.post}` : this.conversationId;
    this.user = options.user;
    this.locale = options.locale ?? 'en-US';
  }

  /**
   * The same channel as real Teams sends it from one post (a new post, or replies to the bot's post with
   * that id): the conversation id is the post's (`…;messageid=<post>`), `channelData.channel` names the
   * channel, and typed messages @mention the bot (`<at>E4 Migration Assistant</at> …`, a mention entity).
   */
  inPost(post: string): TeamsChat {
    return new TeamsChat(this.channel, {
      ...this.options,
      user: this.user,
      locale: this.locale,
      conversationId: this.conversationId,
      post,
    });
  }

  /** The Bot Connector this chat's activities name as `serviceUrl` (a channel token must carry it). */
  get serviceUrl(): string {
    return this.channel.url;
  }

  /** Sends a message; resolves with what the bot posted during the turn. */
  async say(text: string): Promise<PostedActivity[]> {
    const { replies } = await this.send({ type: 'message', text });
    return replies;
  }

  /** Sends the app's installation (the welcome). */
  async install(): Promise<PostedActivity[]> {
    const { replies } = await this.send({ type: 'installationUpdate', action: 'add' });
    return replies;
  }

  /**
   * Clicks an Action.Execute on a card the bot posted (found by title or verb), merging the card's inputs
   * as Teams does; `inputs` override their values. Sends the invoke with `replyToId` = the card's message.
   */
  async click(
    source: { card: Card; activityId: string },
    titleOrVerb: string,
    inputs: Record<string, string> = {},
  ): Promise<InvokeResult> {
    const action = findAction(source.card, titleOrVerb);
    if (!action) throw new Error(`no action "${titleOrVerb}" on the card`);
    const values = { ...inputValues(source.card), ...inputs };
    return this.invoke(String(action.verb), { ...(action.data as object), ...values }, source.activityId);
  }

  /** Sends an `adaptiveCard/action` invoke with any data (tampering tests). */
  async invoke(verb: string, data: unknown, replyToId?: string): Promise<InvokeResult> {
    const { status, body } = await this.send({
      type: 'invoke',
      name: 'adaptiveCard/action',
      ...(replyToId ? { replyToId } : {}),
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    });
    const response = body as InvokeResult['body'];
    return {
      status,
      body: response,
      card:
        response?.type === 'application/vnd.microsoft.card.adaptive' ? (response.value as Card) : undefined,
      message:
        response?.type === 'application/vnd.microsoft.activity.message' ? String(response.value) : undefined,
    };
  }

  /** Every activity the bot posted to this conversation (or post) so far (not updates). */
  posted(): PostedActivity[] {
    return this.channel.postedTo(this.threadId);
  }

  /** Updates (`PUT …/activities/{id}`) the bot made in this conversation (or post). */
  updates(): PostedActivity[] {
    return this.channel.updatesIn(this.threadId);
  }

  /**
   * Sends an activity built from this chat's defaults and `partial` (its fields win; `undefined` removes
   * one); `headers` are added to the request (e.g. `authorization` with a channel token).
   */
  async send(
    partial: Record<string, unknown>,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: unknown; replies: PostedActivity[] }> {
    const kind = this.options.kind ?? 'personal';
    const post = this.options.post;
    const before = this.channel.postedTo(this.threadId).length;
    const recipient = { id: '28:e4-assistant', name: botName };
    const mention =
      post && partial.type === 'message' && typeof partial.text === 'string'
        ? {
            text: `<at>${botName}</at> ${partial.text}`,
            entities: [{ type: 'mention', mentioned: recipient, text: `<at>${botName}</at>` }],
          }
        : {};
    const activity = {
      id: randomUUID(),
      channelId: 'msteams',
      serviceUrl: this.channel.url,
      timestamp: new Date().toISOString(),
      locale: this.locale,
      from: {
        id: this.user.id ?? `29:${this.user.aadObjectId}`,
        name: this.user.name,
        aadObjectId: this.user.aadObjectId,
      },
      recipient,
      conversation: {
        id: this.threadId,
        conversationType: kind,
        tenantId: this.options.tenantId,
        ...(kind === 'personal' ? {} : { isGroup: true }),
      },
      channelData: {
        tenant: { id: this.options.tenantId },
        ...(kind === 'channel' ? { team: { id: 'team-1' } } : {}),
        ...(post ? { channel: { id: this.conversationId } } : {}),
      },
      ...partial,
      ...mention,
    };
    const response = await fetch(`${this.channel.botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(activity),
    });
    const text = await response.text();
    const body: unknown = text ? parseOrText(text) : undefined;
    return {
      status: response.status,
      body,
      replies: this.channel.postedTo(this.threadId).slice(before),
    };
  }
}

export class TeamsChannel {
  private readonly posted: PostedActivity[] = [];
  private readonly updated: PostedActivity[] = [];
  private readonly waiters: (() => void)[] = [];
  /** Conversations whose posts are answered with this status (403: the bot was removed). */
  readonly refusals = new Map<string, number>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
    readonly botUrl: string,
  ) {}

  static async start(botUrl: string): Promise<TeamsChannel> {
    const box: { channel?: TeamsChannel } = {};
    const server = createServer((req, res) => {
      void readJson(req).then((body) => {
        const refusal = box.channel?.refusalFor(req.url ?? '');
        if (refusal) {
          res.writeHead(refusal, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { code: 'Refused', message: 'refused by the test' } }));
          return;
        }
        const result = box.channel?.record(req.method ?? '', req.url ?? '', body);
        res.writeHead(result ? 200 : 404, { 'content-type': 'application/json' });
        res.end(JSON.stringify(result ?? { error: 'not found' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    box.channel = new TeamsChannel(server, `http://127.0.0.1:${port}/`, botUrl);
    return box.channel;
  }

  chat(options: ChatOptions): TeamsChat {
    return new TeamsChat(this, options);
  }

  postedTo(conversationId: string): PostedActivity[] {
    return this.posted.filter((activity) => activity.conversation.id === conversationId);
  }

  updatesIn(conversationId: string): PostedActivity[] {
    return this.updated.filter((activity) => activity.conversation.id === conversationId);
  }

  /** Resolves when the bot has made at least `count` updates in the conversation. */
  async waitForUpdates(
    conversationId: string,
    count: number,
    timeoutInMs = 20_000,
  ): Promise<PostedActivity[]> {
    const deadline = Date.now() + timeoutInMs;
    while (this.updatesIn(conversationId).length < count) {
      if (Date.now() > deadline) throw new Error(`no update in ${conversationId} within ${timeoutInMs} ms`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
    return this.updatesIn(conversationId);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  refusalFor(url: string): number | undefined {
    const match = /^\/v3\/conversations\/([^/]+)\/activities/.exec(url);
    return match?.[1] ? this.refusals.get(decodeURIComponent(match[1])) : undefined;
  }

  private record(method: string, url: string, body: unknown): { id: string } | undefined {
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(url);
    if (!match?.[1]) return undefined;
    const conversationId = decodeURIComponent(match[1]);
    const activity = { ...(body as object), conversation: { id: conversationId } } as PostedActivity;
    if (method === 'PUT' && match[2]) {
      activity.id = decodeURIComponent(match[2]);
      this.updated.push(activity);
    } else {
      activity.id = randomUUID();
      this.posted.push(activity);
    }
    for (const wake of this.waiters.splice(0)) wake();
    return { id: activity.id };
  }
}

/** Cards in activities, each with the id of the message that carries it (for clicks and updates). */
export function cardsOf(activities: PostedActivity[]): { card: Card; activityId: string }[] {
  return activities.flatMap((activity) =>
    (activity.attachments ?? [])
      .filter((attachment) => attachment.contentType === 'application/vnd.microsoft.card.adaptive')
      .map((attachment) => ({ card: attachment.content, activityId: activity.id })),
  );
}

/** Every string a card shows (TextBlock text, facts, table cells, action titles), for assertions. */
export function cardTexts(card: Card | undefined): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    for (const key of ['text', 'title', 'value', 'label'] as const) {
      if (typeof element[key] === 'string' && element.type !== 'Input.Number') out.push(element[key]);
    }
    for (const value of Object.values(element)) if (typeof value === 'object') walk(value);
  };
  walk(card);
  return out;
}

function findAction(card: Card, titleOrVerb: string): CardElement | undefined {
  let found: CardElement | undefined;
  const walk = (node: unknown): void => {
    if (found || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const element = node as CardElement;
    if (
      element.type === 'Action.Execute' &&
      (element.title === titleOrVerb || element.verb === titleOrVerb)
    ) {
      found = element;
      return;
    }
    for (const value of Object.values(element)) walk(value);
  };
  walk(card);
  return found;
}

function inputValues(card: Card): Record<string, string> {
  const values: Record<string, string> = {};
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const element = node as CardElement;
    if (
      typeof element.type === 'string' &&
      element.type.startsWith('Input.') &&
      typeof element.id === 'string'
    ) {
      values[element.id] =
        typeof element.value === 'number' || typeof element.value === 'string' ? String(element.value) : '';
    }
    for (const value of Object.values(element)) walk(value);
  };
  walk(card);
  return values;
}

/** The bot answers JSON, except botbuilder's plain-text refusals (a 401's reason). */
function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as unknown) : undefined;
}
