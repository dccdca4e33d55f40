import { adaptiveCard, executeAction, textBlock, type AdaptiveCard } from './adaptiveCard.js';
import type { CardText } from './cardText.js';
import { CardVerb } from './cardVerbs.js';

/** "Erase the audit trail of X?" (DESIGN §5 "erasable per customer on request"). */
export interface AuditErasureCardData {
  customerId: string;
  customerName: string;
  /** Migrations recorded for the customer now; the server counts again when Erase is pressed. */
  migrations: number;
}

/**
 * The confirmation before erasing: what goes, that it can't be undone, and one destructive button whose
 * data names only the customer. Nothing is erased until it is pressed, and the server checks the role
 * and the customer's migrations again then.
 */
export function buildAuditErasureCard(data: AuditErasureCardData, text: CardText): AdaptiveCard {
  return adaptiveCard(
    [
      textBlock(text.t('audit.erase.title', { customer: data.customerName }), {
        weight: 'Bolder',
        size: 'Medium',
        color: 'Warning',
      }),
      textBlock(text.t('audit.erase.text', { customer: data.customerName })),
      textBlock(text.t('audit.erase.count', { count: text.number(data.migrations) }), { weight: 'Bolder' }),
    ],
    [
      executeAction(
        text.t('audit.erase.confirm'),
        CardVerb.eraseAudit,
        { customerId: data.customerId },
        'destructive',
      ),
    ],
  );
}
