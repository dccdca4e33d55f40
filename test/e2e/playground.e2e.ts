import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { repoRoot, startLocalStack, type LocalStack } from '../../scripts/localStack.js';
import { chromiumPath, launchChromium, PlaygroundChat } from './playgroundPage.js';

/**
 * The whole local stack (Azurite in memory, the sandbox, the bot in local mode, the Agents Playground with
 * the repo's `.m365agentsplayground.yml`) on free ports, driven in headless Chromium the way a partner uses
 * it: "migrate customer Contoso" to the comparison card, an option, the plan card — in English, then in
 * Swedish by typing the Swedish command; a user without a role through the playground's Custom activity;
 * then expiry reminders in the General channel of the playground's team (posts that @mention the bot, as
 * Teams needs): subscribe, check now, the reminder card as a new post, Start migration → the comparison.
 * Saves the README's screenshots to docs/screenshots/ with UPDATE_SCREENSHOTS=1, else to .data/e2e/ (they
 * hold timestamps, so every run would otherwise rewrite the committed ones).
 */

const screenshots =
  process.env.UPDATE_SCREENSHOTS === '1'
    ? join(repoRoot, 'docs', 'screenshots')
    : join(repoRoot, '.data', 'e2e', 'screenshots');
/** The bot's name and the team's General channel in the chat list, from .m365agentsplayground.yml. */
const botName = 'E4 Migration Assistant';
const generalChannel = 'Adatum CSP - General';
const failures = join(repoRoot, '.data', 'e2e');

describe('Agents Playground end to end (headless Chromium)', function () {
  let stack: LocalStack | undefined;
  let browser: Browser | undefined;
  let chat: PlaygroundChat;

  before(async function () {
    this.timeout(240_000);
    if (!existsSync(chromiumPath)) {
      throw new Error(
        `No Chromium at ${chromiumPath}: install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH.`,
      );
    }
    mkdirSync(screenshots, { recursive: true });
    const started = Date.now();
    stack = await startLocalStack({
      readyTimeoutMs: 120_000,
      onProgress: (line) => console.log(`      ${line}`),
      onUnexpectedExit: (service, code, signal) =>
        console.error(`      ${service} exited unexpectedly (${code ?? signal})`),
    });
    browser = await launchChromium();
    chat = await PlaygroundChat.open(browser, stack.urls.playground);
    console.log(`      stack and browser ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed') return;
    mkdirSync(failures, { recursive: true });
    const name = (this.currentTest.title.replace(/[^a-z0-9]+/gi, '-') || 'test').slice(0, 60);
    const path = join(failures, `failure-${name}.png`);
    try {
      await chat?.page.screenshot({ path, fullPage: true });
      console.error(`\n      Screenshot of the failure: ${path}`);
    } catch (error) {
      console.error(`      (no screenshot: ${String(error)})`);
    }
    if (chat?.pageErrors.length) console.error(`      Page errors:\n${chat.pageErrors.join('\n')}`);
    console.error(stack?.recentOutput() ?? '(the stack did not start)');
  });

  after(async function () {
    this.timeout(60_000);
    await browser?.close();
    await stack?.stop();
  });

  it('English: "migrate customer Contoso" shows the comparison; option 3 gives the plan card', async () => {
    await chat.send('migrate customer Contoso');
    const comparison = await chat.waitForCardWithButton('Choose option 3');
    const comparisonText = await comparison.innerText();
    assert.match(comparisonText, /Contoso/);
    for (const option of [1, 2, 3, 4]) assert.match(comparisonText, new RegExp(`Option ${option}:`));
    assert.match(comparisonText, /Recommended/);
    await chat.screenshotCard(comparison, join(screenshots, 'comparison-en.png'));

    await chat.clickCardButton(comparison, 'Choose option 3');
    const plan = await chat.waitForCardWithText('Migration plan for');
    await plan.locator('button', { hasText: 'Request approval' }).waitFor({ timeout: 90_000 });
    const planText = await plan.innerText();
    assert.match(planText, /Migration plan for Contoso/);
    assert.match(planText, /Skype for Business Plus CAL/);
    assert.match(planText, /Licenses to buy/);
    await chat.screenshotCard(plan, join(screenshots, 'plan-en.png'));
    await chat.screenshotPage(join(screenshots, 'playground-en.png'));
  });

  it('Swedish: "migrera kund Contoso" answers in Swedish; "Välj alternativ 3" gives the Swedish plan', async () => {
    await chat.send('migrera kund Contoso');
    const comparison = await chat.waitForCardWithButton('Välj alternativ 3');
    const comparisonText = await comparison.innerText();
    assert.match(comparisonText, /Contoso/);
    assert.match(comparisonText, /Alternativ 3: Office 365 E3 \+ Skype för företag Plus CAL/);
    await chat.screenshotCard(comparison, join(screenshots, 'comparison-sv.png'));

    await chat.clickCardButton(comparison, 'Välj alternativ 3');
    const plan = await chat.waitForCardWithText('Migreringsplan för');
    await plan.locator('button', { hasText: 'Begär godkännande' }).waitFor({ timeout: 90_000 });
    const planText = await plan.innerText();
    assert.match(planText, /Migreringsplan för Contoso/);
    assert.match(planText, /Antal licenser att köpa/);
    assert.doesNotMatch(planText, /Request approval|Licenses to buy/);
    await chat.screenshotCard(plan, join(screenshots, 'plan-sv.png'));
  });

  it('Another role: a "Custom activity" from Nils Nilsson (no Partner Center role) is refused', async () => {
    const tenantId = 'a0a0a0a0-0000-4000-8000-000000000000';
    await chat.sendCustomActivity({
      type: 'message',
      id: randomUUID(),
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl: `${stack?.urls.playground}/_connector`,
      // The ids below are the ones .m365agentsplayground.yml gives the bot, the chat and Nils.
      recipient: { id: 'b0700000-0000-4000-8000-000000000001', name: 'E4 Migration Assistant' },
      conversation: { id: 'personal-chat-e4-assistant', conversationType: 'personal', tenantId },
      from: { id: 'user-nils', name: 'Nils Nilsson', aadObjectId: 'a0000000-0000-4000-8000-000000000006' },
      text: 'migrate customer Contoso',
      locale: 'en-US',
      channelData: { tenant: { id: tenantId } },
    });
    const refusal = await chat.waitForCardWithText('You need one of these Partner Center roles');
    assert.match(await refusal.innerText(), /Admin agent/);
  });

  it('Reminders in the General channel: subscribe, check now, the reminder card, Start migration → the comparison', async () => {
    await chat.openConversation(generalChannel);
    await chat.post(botName, 'subscribe reminders');
    const settings = await chat.waitForCardWithText('This channel now gets expiry reminders');
    assert.match(await settings.innerText(), /All customers/);

    // A new post, as a person would type it days later: the subscription is the channel's, not the post's.
    await chat.post(botName, 'check now');
    await chat.waitForCardWithText('Checking now');
    // The sandbox's demo customers have E4 ending within 90 days (Contoso's in three weeks).
    const reminder = await chat.waitForCardWithText('E4 subscriptions end soon');
    const contoso = chat.cardRow(reminder, 'Contoso Ltd', 'Start migration');
    const row = await contoso.innerText();
    assert.match(row, /Office 365 E4/);
    assert.match(row, /Licenses: 45/);
    for (const title of ['Snooze 7 days', 'Assign to me']) {
      await contoso.locator('button', { hasText: title }).waitFor({ state: 'visible', timeout: 5_000 });
    }
    await chat.screenshotCard(reminder, join(screenshots, 'reminder-en.png'));

    await chat.clickCardButton(contoso, 'Start migration');
    const comparison = await chat.waitForCardWithText('Replace E4 for Contoso Ltd');
    await comparison.locator('button', { hasText: 'Choose option 3' }).waitFor({ timeout: 30_000 });
    const comparisonText = await comparison.innerText();
    for (const option of [1, 2, 3, 4]) assert.match(comparisonText, new RegExp(`Option ${option}:`));
    assert.match(comparisonText, /Recommended/);
  });
});
