import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { BlobServiceClient } from '@azure/storage-blob';
import { DemoIds } from '../../sandbox/seeds/demoIds.js';
import { localDefaults } from '../../src/config.js';
import { BlobTokenCacheStore } from '../../src/services/auth/blobTokenCacheStore.js';
import { TokenCacheCipher } from '../../src/services/auth/tokenCacheCipher.js';
import { homeAccountIdOf } from '../../src/services/auth/delegatedClients.js';
import type { PartnerUserRef } from '../../src/services/auth/models.js';
import type { OAuthCard } from '../../src/cards/index.js';
import { createLogger, createSilentLogger, type Logger } from '../../src/services/logging/logger.js';
import type { BotHarness } from '../helpers/botHarness.js';
import type { PostedActivity, TeamsChat } from '../helpers/teamsChannel.js';

/**
 * What the sign-in tests share: the OAuth cards the bot posts, the `signin/tokenExchange` invoke as Teams
 * sends it, the token partition and exchange claims in Azurite, the sandbox authority's grants, and a
 * browser (fetch, redirects followed by hand, cookies kept) for the fallback page.
 */

export const OBO_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** The partner user of a demo person, as the bot keys their token partition. */
export function demoUser(name: keyof typeof DemoIds.partnerUsers): PartnerUserRef {
  return { oid: DemoIds.partnerUsers[name], tenantId: DemoIds.partnerTenantId };
}

/** The OAuth cards among what the bot posted. */
export function oauthCardsOf(activities: PostedActivity[]): OAuthCard[] {
  return activities.flatMap((activity) =>
    ((activity.attachments ?? []) as unknown as { contentType: string; content: OAuthCard }[])
      .filter((attachment) => attachment.contentType === 'application/vnd.microsoft.card.oauth')
      .map((attachment) => attachment.content),
  );
}

/** The one OAuth card of a turn. */
export function onlyOAuthCard(activities: PostedActivity[]): OAuthCard {
  const cards = oauthCardsOf(activities);
  assert.equal(cards.length, 1, `expected one OAuth card, got ${JSON.stringify(activities)}`);
  return cards[0] as OAuthCard;
}

/** Sends `signin/tokenExchange` as Teams does after the OAuth card, with the SSO token it obtained. */
export async function tokenExchange(
  chat: TeamsChat,
  id: string,
  token: string,
): Promise<{ status: number; body: Record<string, unknown>; replies: PostedActivity[] }> {
  const { status, body, replies } = await chat.send({
    type: 'invoke',
    name: 'signin/tokenExchange',
    value: { id, connectionName: '', token },
  });
  return { status, body: (body ?? {}) as Record<string, unknown>, replies };
}

/** How many token requests of a grant type the sandbox authority answered (optionally only successes). */
export function grantsSeen(harness: BotHarness, grantType: string, status?: number): number {
  return harness.partnerCenter.authority
    .tokenRequests()
    .filter(
      (request) => request.grantType === grantType && (status === undefined || request.status === status),
    ).length;
}

function dataContainer(harness: BotHarness) {
  return BlobServiceClient.fromConnectionString(harness.azurite.connectionString).getContainerClient(
    'e4-assistant',
  );
}

/** The person's encrypted token partition as stored in Azurite, or undefined when there is none. */
export async function partitionBytes(harness: BotHarness, user: PartnerUserRef): Promise<Buffer | undefined> {
  const blob = dataContainer(harness).getBlockBlobClient(
    BlobTokenCacheStore.blobNameOf(homeAccountIdOf(user)),
  );
  if (!(await blob.exists())) return undefined;
  return blob.downloadToBuffer();
}

/** The person's partition decrypted (with local mode's published key): msal's serialized cache sections. */
export async function partitionContent(
  harness: BotHarness,
  user: PartnerUserRef,
): Promise<Record<string, Record<string, unknown>>> {
  const store = new BlobTokenCacheStore(
    dataContainer(harness),
    new TokenCacheCipher({ current: Buffer.from(localDefaults.tokenCacheKey, 'base64') }),
    createSilentLogger(),
  );
  const { cache } = await store.read(homeAccountIdOf(user));
  return cache === '' ? {} : (JSON.parse(cache) as Record<string, Record<string, unknown>>);
}

/** Names of the blobs under a prefix of the data container. */
export async function blobNames(harness: BotHarness, prefix: string): Promise<string[]> {
  const names: string[] = [];
  for await (const blob of dataContainer(harness).listBlobsFlat({ prefix })) names.push(blob.name);
  return names;
}

/** A logger whose lines the test can read (the bot's logger in these tests). */
export function recordingLogger(): {
  logger: Logger;
  lines: () => Record<string, unknown>[];
  text: () => string;
} {
  const chunks: string[] = [];
  const destination = new PassThrough();
  destination.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  const text = () => chunks.join('');
  return {
    logger: createLogger({ level: 'info', destination }),
    text,
    lines: () =>
      text()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

/** A browser for the fallback page: follows redirects itself, keeps cookies per host. */
export class TestBrowser {
  private readonly cookies = new Map<string, Map<string, string>>();

  /** Visited URLs, in order (to check where the redirects went). */
  readonly visited: string[] = [];

  /** GETs `url` and follows redirects; the last response, its URL and body. */
  async open(url: string): Promise<{ status: number; url: string; html: string; headers: Headers }> {
    let current = url;
    for (let hop = 0; hop < 10; hop++) {
      const response = await this.get(current);
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        current = new URL(location, current).toString();
        continue;
      }
      return {
        status: response.status,
        url: current,
        html: await response.text(),
        headers: response.headers,
      };
    }
    throw new Error('too many redirects');
  }

  /** One GET without following a redirect. */
  async get(url: string): Promise<Response> {
    this.visited.push(url);
    const host = new URL(url).host;
    const jar = this.cookies.get(host) ?? new Map<string, string>();
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const [name = '', ...value] = pair.split('=');
      const expired = attributes.some((attribute) => /^max-age=0$/i.test(attribute));
      if (expired || value.join('=') === '') jar.delete(name);
      else jar.set(name, value.join('='));
    }
    this.cookies.set(host, jar);
    return response;
  }

  /** Forgets every cookie: another browser. */
  clearCookies(): void {
    this.cookies.clear();
  }
}

/**
 * Submits the sandbox's account picker as a person would: the form's hidden fields plus the chosen user.
 */
export function accountPickerSubmission(pageUrl: string, html: string, loginHint: string): string {
  const action = /<form method="get" action="([^"]+)">/.exec(html)?.[1];
  assert.ok(action, 'no account picker form on the page');
  const url = new URL(unescapeHtml(action), pageUrl);
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    url.searchParams.set(unescapeHtml(match[1] ?? ''), unescapeHtml(match[2] ?? ''));
  }
  url.searchParams.set('login_hint', loginHint);
  return url.toString();
}

function unescapeHtml(text: string): string {
  return text
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}
