import type { ComparedOption, OptionComparison } from '../services/migration/optionComparison.js';
import { featureKeys, type OptionNumber } from '../services/migration/replacementOptions.js';
import {
  adaptiveCard,
  executeAction,
  factSet,
  textBlock,
  type AdaptiveCard,
  type CardElement,
} from './adaptiveCard.js';
import { daysLeftText, endDateText, type CardText } from './cardText.js';
import { CardVerb, type OptionChosenData } from './cardVerbs.js';
import { productName } from './productNames.js';

/**
 * The comparison card (DESIGN §6). A typed builder, not a template: each option's block varies in shape
 * (marker, reasons, price, button) and the matrix is generated from the feature table, which a template
 * would spell out as nested `$when`s that nothing type-checks.
 *
 * The matrix is one compact `Table` with short heads "1 2 3 4" and feature names as rows: at ~430 px
 * the name column wraps and the four narrow mark columns stay aligned, so the options are compared
 * across at a glance, which per-option FactSets would not allow.
 */
export interface ComparisonCardData {
  customerName: string;
  comparison: OptionComparison;
}

const included = '✓';
const notIncluded = '–';

/** Builds the comparison of the four options with the customer's own numbers. */
export function buildComparisonCard(data: ComparisonCardData, text: CardText): AdaptiveCard {
  const { comparison } = data;
  const body: CardElement[] = [
    textBlock(text.t('comparison.title', { customer: data.customerName }), {
      weight: 'Bolder',
      size: 'Medium',
    }),
    header(comparison, text),
    ...matrix(comparison, text),
    ...comparison.options.map((option) => optionBlock(option, comparison, text)),
  ];
  if (!comparison.recommendation) {
    body.push(textBlock(text.t('comparison.noRecommendation'), { color: 'Warning', spacing: 'Medium' }));
  }
  if (comparison.options.every((option) => !option.price)) {
    body.push(textBlock(text.t('comparison.noPrices'), { isSubtle: true, size: 'Small', spacing: 'Medium' }));
  }
  return adaptiveCard(body);
}

function header(comparison: OptionComparison, text: CardText): CardElement {
  const facts: [string, string][] = [
    [
      text.t('card.usersOnE4'),
      comparison.usersOnE4 === undefined ? text.t('card.unknown') : text.number(comparison.usersOnE4),
    ],
    [text.t('card.seats'), text.number(comparison.seats)],
    [text.t('card.endDate'), endDateText(text, comparison.lastServiceDay)],
  ];
  if (comparison.daysLeft !== undefined) {
    facts.push([text.t('card.daysLeft'), daysLeftText(text, comparison.daysLeft)]);
  }
  return factSet(facts);
}

function cell(content: string, options: { [key: string]: string | boolean } = {}): CardElement {
  return { type: 'TableCell', items: [textBlock(content, { size: 'Small', ...options })] };
}

function matrix(comparison: OptionComparison, text: CardText): CardElement[] {
  const options = comparison.options;
  const markCell = (value: boolean): CardElement =>
    cell(value ? included : notIncluded, {
      horizontalAlignment: 'Center',
      ...(value ? { color: 'Good', weight: 'Bolder' } : { isSubtle: true }),
    });
  const headRow: CardElement = {
    type: 'TableRow',
    cells: [
      cell(text.t('plan.option'), { weight: 'Bolder' }),
      ...options.map((option) =>
        cell(String(option.option), { weight: 'Bolder', horizontalAlignment: 'Center' }),
      ),
    ],
  };
  const rows: CardElement[] = featureKeys.map((feature) => ({
    type: 'TableRow',
    cells: [
      cell(text.t(`feature.${feature}`)),
      ...options.map((option) => markCell(option.features[feature])),
    ],
  }));
  return [
    textBlock(text.t('comparison.features'), { weight: 'Bolder', spacing: 'Medium' }),
    {
      type: 'Table',
      spacing: 'Small',
      gridStyle: 'default',
      showGridLines: false,
      columns: [{ width: 6 }, ...options.map(() => ({ width: 1 }))],
      rows: [headRow, ...rows],
    },
    textBlock(text.t('comparison.legend'), { isSubtle: true, size: 'Small', spacing: 'Small' }),
  ];
}

function optionBlock(option: ComparedOption, comparison: OptionComparison, text: CardText): CardElement {
  const isRecommended = comparison.recommendation?.option === option.option;
  const items: CardElement[] = [textBlock(text.t(`option.${option.option}.name`), { weight: 'Bolder' })];
  if (isRecommended && comparison.recommendation) {
    items.push(
      textBlock(text.t('comparison.recommended'), { color: 'Good', weight: 'Bolder', spacing: 'None' }),
      textBlock(text.t(`comparison.reason.${comparison.recommendation.reason}`), {
        size: 'Small',
        spacing: 'None',
      }),
    );
  }
  if (option.isPurchasable) {
    items.push(
      textBlock(text.t('comparison.purchasable'), { color: 'Good', size: 'Small', spacing: 'Small' }),
    );
  } else {
    items.push(
      textBlock(text.t('comparison.notPurchasable'), { color: 'Attention', size: 'Small', spacing: 'Small' }),
      ...option.unsold.map((product) =>
        textBlock(
          text.t(`comparison.unsold.${product.reason}`, {
            product: productName(text, option.option, product.role),
          }),
          { size: 'Small', isSubtle: true, spacing: 'None' },
        ),
      ),
    );
  }
  if (option.usesSubstitute) {
    items.push(
      textBlock(text.t('comparison.usesSubstitute'), { size: 'Small', isSubtle: true, spacing: 'None' }),
    );
  }
  items.push(...priceLines(option, comparison, text));
  if (option.isPurchasable) {
    items.push({
      type: 'ActionSet',
      actions: [
        executeAction(
          text.t('comparison.choose', { option: option.option }),
          CardVerb.chooseOption,
          chosen(comparison, option.option),
          isRecommended ? 'positive' : undefined,
        ),
      ],
    });
  }
  return {
    type: 'Container',
    separator: true,
    spacing: 'Medium',
    ...(isRecommended ? { style: 'good' } : {}),
    items,
  };
}

function priceLines(option: ComparedOption, comparison: OptionComparison, text: CardText): CardElement[] {
  const price = option.price;
  if (!price) return [];
  const lines = [
    textBlock(
      text.t('comparison.pricePerUser', { price: text.money(price.monthlyPricePerUser, price.currency) }),
      { spacing: 'Small' },
    ),
  ];
  if (price.monthlyTotal !== undefined && comparison.usersOnE4 !== undefined) {
    lines.push(
      textBlock(
        text.t('comparison.priceTotal', {
          total: text.money(price.monthlyTotal, price.currency),
          users: text.number(comparison.usersOnE4),
        }),
        { size: 'Small', isSubtle: true, spacing: 'None' },
      ),
    );
  }
  return lines;
}

function chosen(comparison: OptionComparison, option: OptionNumber): { [key: string]: string | number } {
  const data: OptionChosenData = {
    customerId: comparison.customerId,
    e4SubscriptionId: comparison.e4SubscriptionId,
    option,
  };
  return { ...data };
}
