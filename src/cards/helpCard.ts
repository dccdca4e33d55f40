import { expandTemplate, type AdaptiveCard } from './adaptiveCard.js';
import type { CardText } from './cardText.js';
import { commandKeys, commandLine } from './commandList.js';
import template from './templates/helpCard.json' with { type: 'json' };

/** Partner roles, as the `role.*` catalog keys name them. */
export type PartnerRoleName = 'GlobalAdmin' | 'UserManagementAdmin' | 'AdminAgent' | 'SalesAgent';

export interface HelpCardData {
  /** False when the reader's roles allow only help (DESIGN §11): the card says which role is needed. */
  allowed: boolean;
  /** Roles that allow working with customers; shown only when `allowed` is false. */
  requiredRoles: readonly PartnerRoleName[];
}

/** Builds the command list in the reader's language. */
export function buildHelpCard(data: HelpCardData, text: CardText): AdaptiveCard {
  const roles = data.requiredRoles.map((role) => text.t(`role.${role}`)).join(', ');
  return expandTemplate(template, {
    title: text.t('help.title'),
    restricted: data.allowed ? '' : text.t('help.restricted', { roles }),
    commands: commandKeys.map((key) => commandLine(text, key)),
  });
}
