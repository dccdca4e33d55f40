import type { ProductRole } from '../services/migration/optionAvailability.js';
import type { OptionNumber } from '../services/migration/replacementOptions.js';
import type { MessageKey } from '../services/i18n/messages.js';
import type { CardText } from './cardText.js';

/**
 * The product each option buys per role, named as the E4 guide names it. Names come from the option,
 * not from ids: the catalog mapping is configuration, and a substitute's id says nothing to a reader.
 */
const productKeys: Readonly<Record<OptionNumber, Partial<Record<ProductRole, MessageKey>>>> = {
  1: { base: 'product.office365E5' },
  2: { base: 'product.office365E3', addOn: 'product.cloudPbx' },
  3: { base: 'product.office365E3', addOn: 'product.plusCal' },
  4: { base: 'product.office365E3' },
};

/** The product's name, "… (or its Microsoft 365 equivalent)" when a substitute stands in. */
export function productName(
  text: CardText,
  option: OptionNumber,
  role: ProductRole,
  isSubstitute = false,
): string {
  const key = productKeys[option][role] ?? productKeys[option].base ?? 'product.office365E3';
  const name = text.t(key);
  return isSubstitute ? text.t('product.substitute', { product: name }) : name;
}

/** What a plan buys, base first: "Office 365 E3 + Skype for Business Plus CAL". */
export function productsText(
  text: CardText,
  option: OptionNumber,
  targets: readonly { role: ProductRole; isSubstitute: boolean }[],
): string {
  return targets.map((target) => productName(text, option, target.role, target.isSubstitute)).join(' + ');
}
