import { expandTemplate, type AdaptiveCard } from './adaptiveCard.js';
import template from './templates/messageCard.json' with { type: 'json' };

/** A short notice or error: both strings already localized by the caller (e.g. with `CardText.t`). */
export interface MessageCardData {
  title: string;
  text: string;
  /** Default `info`; `warning` and `error` colour the title. */
  tone?: 'info' | 'warning' | 'error';
}

const colors = { info: 'Default', warning: 'Warning', error: 'Attention' } as const;

/** Builds the notice card. */
export function buildMessageCard(data: MessageCardData): AdaptiveCard {
  return expandTemplate(template, { title: data.title, text: data.text, color: colors[data.tone ?? 'info'] });
}
