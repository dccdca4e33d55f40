import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

/**
 * The Microsoft 365 Agents Playground's chat, driven in headless Debian Chromium
 * (shared/reference/agents-playground.md: chat buttons by aria-label, a Lexical compose box, card
 * buttons are `button`s with their title as text).
 *
 * Team channels (checked with playground 0.2.28): the team's channels are in the chat list as
 * "<team> - <channel>" (General is always there, its id the team's). A channel shows posts newest
 * first, each with its own reply box; a new post is typed in the "Start a new post" box and sent with
 * Post. As in Teams, the playground passes a channel message to the bot only when it @mentions the bot
 * (typed "@E4 …" as plain text is shown but never sent): type "@" and pick the bot from the mention
 * menu. The activity is then Teams' own: conversation `<channel>;messageid=<post>`, conversationType
 * `channel`, channelData.team and channel, a mention entity, text `<at>bot name</at> …`.
 */

/** Where Debian's `chromium` package puts the browser; CHROMIUM_PATH overrides it. */
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Generous: the machines running this are small and shared. */
export const cardTimeoutMs = 90_000;

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    // No internet on these machines: without these flags Chromium keeps trying to reach it.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export class PlaygroundChat {
  /** What the page itself complained about (uncaught errors), for a failure report. */
  readonly pageErrors: string[] = [];

  private constructor(readonly page: Page) {
    page.on('pageerror', (error) => this.pageErrors.push(error.message));
  }

  /** Opens the playground and the named conversation ("Personal Chat", "Group Chat", …). */
  static async open(browser: Browser, url: string, conversation = 'Personal Chat'): Promise<PlaygroundChat> {
    // Tall enough that a whole comparison card fits on screen for its screenshot.
    const page = await browser.newPage({ viewport: { width: 1280, height: 2200 } });
    const chat = new PlaygroundChat(page);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await chat.openConversation(conversation);
    return chat;
  }

  /** Shows another conversation of the chat list: "Personal Chat", "Adatum CSP - General", … */
  async openConversation(conversation: string): Promise<void> {
    await this.page.locator(`button[aria-label="${conversation}"]`).click({ timeout: 60_000 });
    await this.composeBox.first().waitFor({ state: 'visible', timeout: 60_000 });
  }

  /** The compose box of a chat (in a channel, every post's reply box matches too). */
  get composeBox(): Locator {
    return this.page.locator('[data-lexical-editor=true][role=textbox]');
  }

  /** In a team channel: the "Start a new post" box (the editor next to that placeholder). */
  get newPostBox(): Locator {
    return this.page
      .getByText('Start a new post', { exact: true })
      .locator('xpath=..')
      .locator('[data-lexical-editor=true][role=textbox]');
  }

  /** Types a message the way a person does and sends it with Enter. */
  async send(text: string): Promise<void> {
    await this.composeBox.click();
    await this.page.keyboard.type(text, { delay: 10 });
    await this.page.keyboard.press('Enter');
  }

  /**
   * A new post in the open team channel that @mentions `botName` and says `text`, the way a person
   * writes it: "@", the bot picked from the mention menu, the text, Post.
   */
  async post(botName: string, text: string): Promise<void> {
    await this.newPostBox.click({ timeout: 30_000 });
    await this.page.keyboard.type('@');
    await this.page
      .locator('#typeahead-menu [role=menuitem]', { hasText: botName })
      .click({ timeout: 30_000 });
    await this.page.keyboard.type(` ${text}`, { delay: 10 });
    await this.page.getByRole('button', { name: 'Post', exact: true }).click();
  }

  /** The newest Adaptive Card that has a button with this title. */
  cardWithButton(title: string): Locator {
    return this.page
      .locator('.ac-adaptiveCard')
      .filter({ has: this.page.locator('button', { hasText: title }) })
      .last();
  }

  /** The newest Adaptive Card showing this text. */
  cardWithText(text: string): Locator {
    return this.page.locator('.ac-adaptiveCard').filter({ hasText: text }).last();
  }

  /** Waits for a card with this button, then returns it. */
  async waitForCardWithButton(title: string): Promise<Locator> {
    const card = this.cardWithButton(title);
    await card.waitFor({ state: 'visible', timeout: cardTimeoutMs });
    return card;
  }

  /** Waits for a card showing this text, then returns it. */
  async waitForCardWithText(text: string): Promise<Locator> {
    const card = this.cardWithText(text);
    await card.waitFor({ state: 'visible', timeout: cardTimeoutMs });
    return card;
  }

  /** Clicks a card button by its title (the newest one, if earlier cards have the same button). */
  async clickCardButton(card: Locator, title: string): Promise<void> {
    await card.locator('button', { hasText: title }).last().click({ timeout: 30_000 });
  }

  /** The part of a card (its innermost container) that shows `text` and has a button `title`: one row of a list. */
  cardRow(card: Locator, text: string, title: string): Locator {
    return card
      .locator('.ac-container')
      .filter({ hasText: text })
      .filter({ has: this.page.locator('button', { hasText: title }) })
      .last();
  }

  /**
   * "Mock an Activity" → "Custom activity": replaces the editor's template with `activity` and sends it,
   * as a person trying another user (`from`) would.
   */
  async sendCustomActivity(activity: Record<string, unknown>): Promise<void> {
    await this.page.getByText('Mock an Activity', { exact: true }).click({ timeout: 30_000 });
    await this.page.getByText('Custom activity', { exact: true }).click({ timeout: 30_000 });
    const dialog = this.page.getByRole('dialog');
    const editor = dialog.locator('[role=code]');
    await editor.waitFor({ state: 'visible', timeout: 30_000 });
    await editor.click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('Delete');
    // One line in one edit: the editor then adds no indentation, brackets or quotes of its own.
    await this.page.keyboard.insertText(JSON.stringify(activity));
    await dialog.getByRole('button', { name: 'Send activity' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 30_000 });
  }

  /** The playground as a person sees it (a laptop-sized window, the newest messages in view). */
  async screenshotPage(path: string): Promise<void> {
    const size = this.page.viewportSize();
    await this.page.setViewportSize({ width: 1280, height: 860 });
    try {
      await this.composeBox.scrollIntoViewIfNeeded();
      await this.page.screenshot({ path, animations: 'disabled' });
    } finally {
      if (size) await this.page.setViewportSize(size);
    }
  }

  /** A screenshot of one card, e.g. for the README. */
  async screenshotCard(card: Locator, path: string): Promise<void> {
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path, animations: 'disabled' });
  }
}
