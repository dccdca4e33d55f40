import assert from 'node:assert/strict';
import { cardText } from '../../../src/cards/cardText.js';
import { CardVerb, quantityInputId } from '../../../src/cards/cardVerbs.js';
import { buildPlanCard } from '../../../src/cards/planCard.js';
import { planHash } from '../../../src/services/migration/planHash.js';
import { allText, executeActions } from './cardHarness.js';
import { blockedPlan, contosoE4Id, contosoId, executablePlan } from './fixtures.js';

describe('buildPlanCard', () => {
  const en = cardText('en');

  it('offers "Request approval" with the ids and the plan hash when nothing blocks', () => {
    const actions = executeActions(buildPlanCard({ plan: executablePlan }, en));
    assert.deepEqual(
      actions.map((action) => [action.title, action.verb]),
      [
        ['Request approval', CardVerb.requestApproval],
        ['Cancel', CardVerb.cancelPlan],
      ],
    );
    for (const action of actions) {
      assert.deepEqual(action.data, {
        customerId: contosoId,
        e4SubscriptionId: contosoE4Id,
        option: 3,
        planHash: planHash(executablePlan),
        // The hash is of this quantity; the person may change the input before sending.
        plannedQuantity: executablePlan.quantity,
      });
    }
  });

  it('has no "Request approval" when a blocker blocks, and says what to fix', () => {
    const card = buildPlanCard({ plan: blockedPlan }, en);
    assert.deepEqual(
      executeActions(card).map((action) => action.verb),
      [CardVerb.cancelPlan],
    );
    const text = allText(card);
    assert.match(text, /Fix before buying/);
    assert.match(text, /no usage location.*megan\.bowen@fabrikam\.nl, nestor\.wilke@fabrikam\.nl/);
    assert.match(text, /License Administrator, User Administrator \(request id req-7f3a\)/);
    assert.match(text, /Skype for Business Plus CAL isn’t sold in market NL/);
    assert.match(text, /Good to know\n• The E4 end date is unknown/);
    assert.match(text, /The users holding E4 couldn’t be read/);
  });

  it('asks for the quantity with the users on E4 as minimum', () => {
    const card = buildPlanCard({ plan: executablePlan }, en);
    const input = card.body.find((element) => element.type === 'Input.Number');
    assert.ok(input);
    assert.equal(input.id, quantityInputId);
    assert.equal(input.min, 7);
    assert.equal(input.value, 7);
  });

  it('shows products, term, billing, price and the first users', () => {
    const text = allText(buildPlanCard({ plan: executablePlan }, en));
    assert.match(text, /To buy\nOffice 365 E3 \+ Skype for Business Plus CAL/);
    assert.match(text, /Term\n1 year\nBilling\nMonthly/);
    assert.match(text, /Price per license per month\nSEK\s268\.50/);
    assert.match(text, /7 users will move/);
    assert.match(text, /adele\.vance@contoso\.onmicrosoft\.com/);
    assert.doesNotMatch(text, /johanna\.lorenz/);
    assert.match(text, /…and 2 more/);
  });

  it('shows no price when the plan has none', () => {
    assert.doesNotMatch(allText(buildPlanCard({ plan: blockedPlan }, en)), /Price|Total per/);
  });

  it('speaks Swedish and Dutch', () => {
    const sv = allText(buildPlanCard({ plan: executablePlan }, cardText('sv')));
    assert.match(sv, /Migreringsplan för Contoso Nordic AB/);
    assert.match(sv, /Begär godkännande/);
    assert.match(sv, /Alternativ 3:/);
    assert.match(sv, /268,50\skr/);
    const nl = allText(buildPlanCard({ plan: blockedPlan }, cardText('nl')));
    assert.match(nl, /Eerst oplossen/);
    assert.match(nl, /Optie 3:/);
    assert.doesNotMatch(nl, /Goedkeuring aanvragen/);
  });
});
