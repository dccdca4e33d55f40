import type { CustomerMatch } from '../services/customers/customerMatcher.js';
import type { DirectoryCustomer } from '../services/customers/directoryCustomer.js';
import { expandTemplate, type AdaptiveCard } from './adaptiveCard.js';
import type { CardText } from './cardText.js';
import { CardVerb } from './cardVerbs.js';
import template from './templates/customerChoiceCard.json' with { type: 'json' };

export interface CustomerChoiceCardData {
  /** What the partner typed, shown back in the question. */
  query: string;
  /** A match that needs the partner to choose (an exact match needs no card). */
  match: Exclude<CustomerMatch, { kind: 'exact' }>;
  /** What picking a customer does; default `chooseCustomer` (the migrate flow). */
  verb?:
    | typeof CardVerb.chooseCustomer
    | typeof CardVerb.chooseAuditCustomer
    | typeof CardVerb.chooseAuditErasureCustomer;
}

/** Builds "Which one do you mean?" (several matches) or "Did you mean…?" (none, with the closest). */
export function buildCustomerChoiceCard(data: CustomerChoiceCardData, text: CardText): AdaptiveCard {
  const { match, query } = data;
  const candidates: DirectoryCustomer[] =
    match.kind === 'choices' ? match.candidates : match.closest ? [match.closest] : [];
  const message =
    match.kind === 'choices'
      ? text.t('customerChoice.several', { query })
      : text.t(match.closest ? 'customerChoice.didYouMean' : 'customerChoice.none', { query });
  return expandTemplate(template, {
    message,
    verb: data.verb ?? CardVerb.chooseCustomer,
    candidates: candidates.map((customer) => ({
      id: customer.id,
      name: customer.companyName,
      domain: customer.domain,
    })),
  });
}
