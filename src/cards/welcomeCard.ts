import { expandTemplate, type AdaptiveCard } from './adaptiveCard.js';
import type { CardText } from './cardText.js';
import { commandLine } from './commandList.js';
import template from './templates/welcomeCard.json' with { type: 'json' };

/** The welcome card needs nothing but the reader's language; the interface is the card's contract. */
export type WelcomeCardData = Record<string, never>;

/** Builds the card the bot sends when installed: what it does and the first commands to type. */
export function buildWelcomeCard(_data: WelcomeCardData, text: CardText): AdaptiveCard {
  return expandTemplate(template, {
    title: text.t('welcome.title'),
    intro: text.t('welcome.intro'),
    tryThis: text.t('welcome.tryThis'),
    examples: [
      commandLine(text, 'help.cmd.migrate'),
      commandLine(text, 'help.cmd.expiring'),
      commandLine(text, 'help.cmd.status'),
    ],
    helpHint: text.t('welcome.helpHint'),
  });
}
