import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

/**
 * The Microsoft 365 Agents Playground's chat, driven in headless Debian Chromium
 * (shared/reference/agents-playground.md: chat buttons by aria-label, a Lexical compose box, card
 * buttons are `button`s with their title as text).
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
    await page.locator(`button[aria-label="${conversation}"]`).click({ timeout: 60_000 });
    await chat.composeBox.waitFor({ state: 'visible', timeout: 60_000 });
    return chat;
  }

  get composeBox(): Locator {
    return this.page.locator('[data-lexical-editor=true][role=textbox]');
  }

  /** Types a message the way a person does and sends it with Enter. */
  async send(text: string): Promise<void> {
    await this.composeBox.click();
    await this.page.keyboard.type(text, { delay: 10 });
    await this.page.keyboard.press('Enter');
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
