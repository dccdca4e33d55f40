import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { BlobServiceClient } from '@azure/storage-blob';
import { DemoIds } from '../../sandbox/seeds/demoIds.js';
import { localeOfLanguage } from '../../src/cards/cardText.js';
import { CardVerb } from '../../src/cards/index.js';
import type { ApprovalRequest } from '../../src/services/approvals/approvalRequest.js';
import { BlobApprovalRequestStore } from '../../src/services/approvals/approvalRequestStore.js';
import type { Language } from '../../src/services/i18n/language.js';
import { isActive, type MigrationRecord } from '../../src/services/migration/migrationRecord.js';
import { translate, type MessageKey } from '../../src/services/i18n/messages.js';
import { BlobJsonStore } from '../../src/services/storage/blobJsonStore.js';
import type { BotHarness } from '../helpers/botHarness.js';
import {
  cardsOf,
  cardTexts,
  type Card,
  type ChatOptions,
  type InvokeResult,
  type PostedActivity,
  type TeamsChat,
} from '../helpers/teamsChannel.js';

/**
 * What the dialog tests share: one chat per test with its own Teams user id (so the language one test
 * chooses, kept in user state, never leaks into the next), catalog text in each language, the
 * approval records read back from Azurite, and the sandbox ledger as the oracle that nothing was bought.
 */

export const languages: readonly Language[] = ['en', 'sv', 'nl'];

export type PartnerUserName = keyof typeof DemoIds.partnerUsers;

/** A fresh conversation with a demo partner user; a new Teams id each time, the same Entra object id. */
export function chatAs(
  harness: BotHarness,
  user: PartnerUserName,
  options: Partial<Omit<ChatOptions, 'user'>> = {},
): TeamsChat {
  return harness.chat(user, {
    ...options,
    user: { aadObjectId: DemoIds.partnerUsers[user], name: user, id: `29:${randomUUID()}` },
  });
}

/** The catalog in one language, as the tests compare with it. */
export function catalogOf(language: Language) {
  return (key: MessageKey, values: Readonly<Record<string, string | number>> = {}): string =>
    translate(language, key, values);
}

/** The typed "migrate customer X" in each language. */
export const migrateWords: Readonly<Record<Language, string>> = {
  en: 'migrate customer',
  sv: 'migrera kund',
  nl: 'migreer klant',
};

/** A calendar day as the cards write it for the language (Intl, independent of the card code). */
export function dayIn(language: Language, day: string): string {
  return new Intl.DateTimeFormat(localeOfLanguage[language], { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${day.slice(0, 10)}T00:00:00Z`),
  );
}

export function numberIn(language: Language, value: number): string {
  return new Intl.NumberFormat(localeOfLanguage[language]).format(value);
}

/** A card the bot sent, with the message id a click replies to. */
export interface PostedCard {
  card: Card;
  activityId: string;
}

/** The one card of a turn (fails when the bot sent none or several). */
export function onlyCard(replies: PostedActivity[]): PostedCard {
  const cards = cardsOf(replies);
  assert.equal(cards.length, 1, `expected one card, got ${cards.length}: ${JSON.stringify(replies)}`);
  return cards[0] as PostedCard;
}

/** The card an invoke answered with, kept on the message that was clicked (as Teams does). */
export function invokeCard(result: InvokeResult, activityId: string): PostedCard {
  assert.equal(result.status, 200);
  assert.ok(result.card, `expected a card, got ${JSON.stringify(result.body)}`);
  return { card: result.card, activityId };
}

/** Asserts the card shows `expected` as one of its strings. */
export function assertShows(card: Card | undefined, expected: string): void {
  const texts = cardTexts(card);
  assert.ok(
    texts.includes(expected),
    `expected the card to show\n  ${expected}\nit shows\n  ${texts.join('\n  ')}`,
  );
}

export function assertDoesNotShow(card: Card | undefined, unexpected: string): void {
  assert.ok(!cardTexts(card).includes(unexpected), `the card should not show "${unexpected}"`);
}

/** The value next to a FactSet title, e.g. "Users on E4" → "40". */
export function factOf(card: Card | undefined, title: string): string | undefined {
  let found: string | undefined;
  const walk = (node: unknown): void => {
    if (found !== undefined || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const element = node as Record<string, unknown>;
    if (element.type === 'FactSet' && Array.isArray(element.facts)) {
      const fact = (element.facts as { title: string; value: string }[]).find(
        (entry) => entry.title === title,
      );
      if (fact) found = fact.value;
    }
    Object.values(element).forEach(walk);
  };
  walk(card);
  return found;
}

/** Action.Execute titles of a card, in order. */
export function actionTitles(card: Card | undefined): string[] {
  const titles: string[] = [];
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const element = node as Record<string, unknown>;
    if (element.type === 'Action.Execute' && typeof element.title === 'string') titles.push(element.title);
    Object.values(element).forEach(walk);
  };
  walk(card);
  return titles;
}

/** The data of every Action.Execute of a card, in order. */
export function allActionData(card: Card | undefined): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const element = node as Record<string, unknown>;
    if (element.type === 'Action.Execute') found.push(element.data as Record<string, unknown>);
    Object.values(element).forEach(walk);
  };
  walk(card);
  return found;
}

/** The data of the Action.Execute with this title or verb. */
export function actionData(card: Card | undefined, titleOrVerb: string): Record<string, unknown> {
  let found: Record<string, unknown> | undefined;
  const walk = (node: unknown): void => {
    if (found || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const element = node as Record<string, unknown>;
    if (
      element.type === 'Action.Execute' &&
      (element.title === titleOrVerb || element.verb === titleOrVerb)
    ) {
      found = element.data as Record<string, unknown>;
      return;
    }
    Object.values(element).forEach(walk);
  };
  walk(card);
  assert.ok(found, `no action "${titleOrVerb}" on the card`);
  return found;
}

/** The strings of the comparison card's option block marked as recommended. */
export function recommendedBlock(card: Card | undefined, recommendedText: string): string[] {
  const containers: unknown[] = [];
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const element = node as Record<string, unknown>;
    if (element.type === 'Container') containers.push(element);
    Object.values(element).forEach(walk);
  };
  walk(card);
  const block = containers
    .map((container) => cardTexts(container as Card))
    .find((texts) => texts.includes(recommendedText));
  assert.ok(block, 'no option is marked as recommended');
  return block;
}

/** Approval records of one customer, as the engine (issue #5) will read them from Azure Blob. */
export class ApprovalRecords {
  private readonly container;
  readonly store: BlobApprovalRequestStore;

  constructor(harness: BotHarness) {
    this.container = BlobServiceClient.fromConnectionString(
      harness.azurite.connectionString,
    ).getContainerClient('e4-assistant');
    this.store = new BlobApprovalRequestStore(new BlobJsonStore<ApprovalRequest>(this.container));
  }

  async of(customerId: string): Promise<ApprovalRequest[]> {
    const found: ApprovalRequest[] = [];
    if (!(await this.container.exists())) return found;
    const prefix = `approval-requests/${customerId.toLowerCase()}/`;
    for await (const blob of this.container.listBlobsFlat({ prefix })) {
      const request = await this.store.get(blob.name.slice(prefix.length).replace(/\.json$/, ''));
      if (request) found.push(request);
    }
    return found;
  }
}

/** Ledger kinds that would mean money was spent or a tenant changed. */
const changeKinds = new Set(['cartCreated', 'purchase', 'licenseChange', 'subscriptionChange']);

/** Nothing bought, no license moved, no subscription changed by anyone but the sandbox's own clock. */
export function assertNothingChanged(harness: BotHarness): void {
  const changes = harness.partnerCenter
    .ledger()
    .filter((entry) => changeKinds.has(entry.kind) && entry.caller.kind !== 'system');
  assert.deepEqual(
    changes.map((entry) => `${entry.kind} ${entry.method ?? ''} ${entry.path ?? ''}`),
    [],
    'the conversation must only read Partner Center',
  );
}

/**
 * An Admin agent types "set approvals channel" in a team channel: with four-eyes on, requests from a
 * personal chat need one (DESIGN §11). Returns the channel, where approval cards then arrive.
 */
export async function setUpApprovalsChannel(harness: BotHarness): Promise<TeamsChat> {
  const channel = chatAs(harness, 'adminAgent2', { kind: 'channel' });
  await channel.say('set approvals channel');
  return channel;
}

/**
 * A partner asks for approval of option `option` for `customer` in their personal chat, as a person
 * would: "migrate customer …", the option's button on the comparison, Request approval on the plan.
 * Returns their chat and the approval card as it landed in the approvals channel.
 */
export async function requestApproval(
  harness: BotHarness,
  approvalsChannel: TeamsChat,
  customer: string,
  option: number,
  requester: PartnerUserName = 'salesAgent',
): Promise<{ chat: TeamsChat; approvalCard: PostedCard }> {
  const t = catalogOf('en');
  const chat = chatAs(harness, requester);
  const comparison = onlyCard(await chat.say(`migrate customer ${customer}`));
  const plan = invokeCard(
    await chat.click(comparison, t('comparison.choose', { option })),
    comparison.activityId,
  );
  const before = approvalsChannel.posted().length;
  await chat.click(plan, t('plan.requestApproval'));
  // Other cards may land in the channel meanwhile (a paused migration's sign-in card, progress): the
  // approval card is the one with Approve.
  const approvalCard = cardsOf(approvalsChannel.posted().slice(before)).find(({ card }) =>
    JSON.stringify(card).includes(`"verb":"${CardVerb.approve}"`),
  );
  assert.ok(approvalCard, 'an approval card was posted in the approvals channel');
  return { chat, approvalCard };
}

/**
 * Requested by a Sales agent (see `requestApproval`) and approved by an Admin agent in the approvals
 * channel; the worker then runs the migration in the background.
 */
export async function approvedMigration(
  harness: BotHarness,
  approvalsChannel: TeamsChat,
  customer: string,
  option: number,
): Promise<void> {
  const { approvalCard } = await requestApproval(harness, approvalsChannel, customer, option);
  const click = await chatAs(harness, 'adminAgent', { kind: 'channel' }).click(
    approvalCard,
    CardVerb.approve,
  );
  assert.ok(click.card, 'approved: the progress card replaces the approval card');
}

/** A customer's migrations as the journal has them, newest first. */
export async function migrationsOf(harness: BotHarness, customerId: string): Promise<MigrationRecord[]> {
  const records: MigrationRecord[] = [];
  for await (const record of harness.app.engine.journal.list(customerId)) records.push(record);
  return records.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

/** The customer's newest migration once it rests (`until` narrows which resting state counts). */
export async function settledMigration(
  harness: BotHarness,
  customerId: string,
  until: (record: MigrationRecord) => boolean = (record) => !isActive(record.state),
  timeoutMs = 90_000,
): Promise<MigrationRecord> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [record] = await migrationsOf(harness, customerId);
    if (record && until(record)) return record;
    if (Date.now() > deadline) throw new Error(`migration of ${customerId} did not settle: ${record?.state}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
