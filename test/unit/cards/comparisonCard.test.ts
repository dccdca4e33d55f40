import assert from 'node:assert/strict';
import { cardText } from '../../../src/cards/cardText.js';
import { CardVerb } from '../../../src/cards/cardVerbs.js';
import { buildComparisonCard } from '../../../src/cards/comparisonCard.js';
import { allText, executeActions } from './cardHarness.js';
import { contosoE4Id, contosoId, fabrikamE4Id, pricedComparison, unpricedComparison } from './fixtures.js';

type Element = { type: string; items?: Element[]; text?: string };

/** The Container of option `n`: the one whose first TextBlock names it. */
function optionBlock(card: { body: unknown[] }, name: string): string {
  const block = (card.body as Element[]).find(
    (element) => element.type === 'Container' && element.items?.[0]?.text === name,
  );
  assert.ok(block, `no block for ${name}`);
  return allText(block);
}

describe('buildComparisonCard', () => {
  const en = cardText('en');

  it('shows the customer’s own numbers in the header', () => {
    const text = allText(
      buildComparisonCard({ customerName: 'Contoso Nordic AB', comparison: pricedComparison }, en),
    );
    assert.match(text, /Replace E4 for Contoso Nordic AB/);
    assert.match(text, /Users on E4\n42/);
    assert.match(text, /Licenses\n50/);
    assert.match(text, /End date\nMar 31, 2026/);
    assert.match(text, /Days left\n38 days/);
  });

  it('says the end date is unknown rather than guessing one', () => {
    const text = allText(
      buildComparisonCard({ customerName: 'Fabrikam BV', comparison: unpricedComparison }, en),
    );
    assert.match(text, /End date\nEnd date unknown/);
    assert.match(text, /Users on E4\nUnknown/);
    assert.doesNotMatch(text, /Days left/);
  });

  it('marks the recommended option, and only that one', () => {
    const card = buildComparisonCard({ customerName: 'Contoso', comparison: pricedComparison }, en);
    assert.match(
      optionBlock(card, 'Option 3: Office 365 E3 + Skype for Business Plus CAL'),
      /★ Recommended\nSame price/,
    );
    for (const other of ['Option 1: Office 365 E5', 'Option 4: Office 365 E3']) {
      assert.doesNotMatch(optionBlock(card, other), /Recommended/);
    }
    assert.equal(allText(card).match(/★ Recommended/g)?.length, 1);
  });

  it('shows prices per user and in total when the price list has them', () => {
    const card = buildComparisonCard({ customerName: 'Contoso', comparison: pricedComparison }, en);
    const option3 = optionBlock(card, 'Option 3: Office 365 E3 + Skype for Business Plus CAL');
    assert.match(option3, /€24\.10 per user per month/);
    assert.match(option3, /€1,012\.20 per month for 42 users/);
  });

  it('shows no price at all without one', () => {
    const text = allText(
      buildComparisonCard({ customerName: 'Fabrikam', comparison: unpricedComparison }, en),
    );
    assert.doesNotMatch(text, /per user per month|€|\$|per month for/);
    assert.match(text, /No price list is loaded/);
  });

  it('gives an unsold option no button and says why', () => {
    const card = buildComparisonCard({ customerName: 'Fabrikam', comparison: unpricedComparison }, en);
    const option3 = optionBlock(card, 'Option 3: Office 365 E3 + Skype for Business Plus CAL');
    assert.match(option3, /Can’t be bought for this customer/);
    assert.match(option3, /Skype for Business Plus CAL isn’t sold in the customer’s market/);
    assert.deepEqual(
      executeActions(card).map((action) => action.data.option),
      [1, 2, 4],
    );
  });

  it('puts the ids and the option in every button’s data', () => {
    const actions = executeActions(
      buildComparisonCard({ customerName: 'C', comparison: pricedComparison }, en),
    );
    assert.equal(actions.length, 4);
    for (const [index, action] of actions.entries()) {
      assert.equal(action.verb, CardVerb.chooseOption);
      assert.deepEqual(action.data, {
        customerId: contosoId,
        e4SubscriptionId: contosoE4Id,
        option: index + 1,
      });
    }
    const unpriced = executeActions(
      buildComparisonCard({ customerName: 'F', comparison: unpricedComparison }, en),
    );
    assert.ok(unpriced.every((action) => action.data.e4SubscriptionId === fabrikamE4Id));
  });

  it('shows the matrix as a Table with short heads 1–4 and ✓/– marks', () => {
    const card = buildComparisonCard({ customerName: 'C', comparison: pricedComparison }, en);
    const table = card.body.find((element) => element.type === 'Table');
    assert.ok(table);
    const text = allText(table);
    assert.match(text, /^Option\n1\n2\n3\n4\n/);
    assert.match(text, /PSTN conferencing\n✓\n–\n–\n–/);
    assert.match(text, /All Office 365 Enterprise E4 features\n✓\n✓\n✓\n–/);
  });

  it('speaks Swedish and Dutch, with their dates and money', () => {
    const sv = allText(
      buildComparisonCard({ customerName: 'Contoso', comparison: pricedComparison }, cardText('sv')),
    );
    assert.match(sv, /Alternativ 3: Office 365 E3 \+ Skype för företag Plus CAL/);
    assert.match(sv, /Välj alternativ 3/);
    assert.match(sv, /31 mars 2026/);
    assert.match(sv, /24,10\s€ per användare och månad/);
    const nl = allText(
      buildComparisonCard({ customerName: 'Contoso', comparison: pricedComparison }, cardText('nl')),
    );
    assert.match(nl, /Optie 3: Office 365 E3 \+ Skype voor Bedrijven Plus CAL/);
    assert.match(nl, /Optie 3 kiezen/);
    assert.match(nl, /31 mrt 2026/);
    assert.match(nl, /€\s24,10 per gebruiker per maand/);
  });

  it('warns when no option keeping E4’s features can be bought', () => {
    const comparison = {
      ...unpricedComparison,
      options: unpricedComparison.options.map((option) =>
        option.option === 4 ? option : { ...option, isPurchasable: false },
      ),
      recommendation: undefined,
    };
    const text = allText(buildComparisonCard({ customerName: 'F', comparison }, en));
    assert.match(text, /No option that keeps all E4 features can be bought/);
    assert.doesNotMatch(text, /Recommended/);
  });
});
