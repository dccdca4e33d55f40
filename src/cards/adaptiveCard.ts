// The package's entry typings pull in adaptivecards' TypeScript sources (which don't compile under this
// project's settings); the engine module alone has clean typings and is what the entry re-exports.
import { Template } from 'adaptivecards-templating/lib/template-engine.js';
import type { CardVerb } from './cardVerbs.js';

/**
 * The card JSON shapes the builders produce (Adaptive Cards 1.5, the version Teams renders with
 * Action.Execute), and the two ways cards are made: expanding a JSON template, or composing elements.
 */

/** A JSON value, so cards stay plain data. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One body element or action: a JSON object with a `type`. */
export type CardElement = { type: string } & { [key: string]: JsonValue };

/** An Adaptive Card as sent to Teams. */
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: CardElement[];
  actions?: CardElement[];
  [key: string]: JsonValue | undefined;
}

/** The Bot Framework attachment that carries a card. */
export interface CardAttachment {
  contentType: 'application/vnd.microsoft.card.adaptive';
  content: AdaptiveCard;
}

/** The schema URL every card names. */
export const cardSchema = 'http://adaptivecards.io/schemas/adaptive-card.json';

/** Wraps body and actions in a 1.5 card. */
export function adaptiveCard(body: CardElement[], actions: CardElement[] = []): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: cardSchema,
    version: '1.5',
    body,
    ...(actions.length > 0 ? { actions } : {}),
  };
}

/** Wraps a card for `MessageFactory.attachment` or an invoke response. */
export function toAttachment(card: AdaptiveCard): CardAttachment {
  return { contentType: 'application/vnd.microsoft.card.adaptive', content: card };
}

/** An Action.Execute button; `data` carries ids for the server to re-check. */
export function executeAction(
  title: string,
  verb: CardVerb,
  data: { [key: string]: JsonValue },
  style?: 'positive' | 'destructive',
): CardElement {
  return { type: 'Action.Execute', title, verb, data, ...(style ? { style } : {}) };
}

/** A wrapping TextBlock; `options` adds weight, size, colour, spacing… */
export function textBlock(text: string, options: { [key: string]: JsonValue } = {}): CardElement {
  return { type: 'TextBlock', text, wrap: true, ...options };
}

/** A FactSet from title/value pairs. */
export function factSet(facts: readonly (readonly [string, string])[]): CardElement {
  return { type: 'FactSet', facts: facts.map(([title, value]) => ({ title, value })) };
}

/**
 * Expands a JSON template (in `templates/`) with its view model. Templates stay openable in the
 * Adaptive Cards Designer; the view model carries text that is already localized and formatted.
 */
export function expandTemplate(template: object, data: object): AdaptiveCard {
  const expanded: unknown = new Template(template).expand({ $root: data });
  if (!isCard(expanded)) throw new Error('Card template did not expand to an AdaptiveCard');
  return expanded;
}

function isCard(value: unknown): value is AdaptiveCard {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { type?: unknown }).type === 'AdaptiveCard' &&
    Array.isArray((value as { body?: unknown }).body)
  );
}
