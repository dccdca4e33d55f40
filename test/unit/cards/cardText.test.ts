import assert from 'node:assert/strict';
import { cardText, daysLeftText } from '../../../src/cards/cardText.js';

describe('cardText', () => {
  it('formats dates per locale, reading the day as UTC', () => {
    assert.equal(cardText('en').date('2026-03-31'), 'Mar 31, 2026');
    assert.equal(cardText('sv').date('2026-03-31'), '31 mars 2026');
    assert.equal(cardText('nl').date('2026-03-31'), '31 mrt 2026');
  });

  it('formats numbers and money per locale', () => {
    assert.equal(cardText('en').number(1234), '1,234');
    assert.match(cardText('sv').number(1234), /^1\s234$/);
    assert.match(cardText('nl').money(1012.2, 'EUR'), /^€\s1\.012,20$/);
    assert.match(cardText('sv').money(268.5, 'SEK'), /^268,50\skr$/);
  });

  it('says how many days are left, the last day, an end passed, or an unknown end', () => {
    const sv = cardText('sv');
    assert.equal(daysLeftText(sv, 12), '12 dagar');
    assert.equal(daysLeftText(sv, 1), '1 dag');
    assert.equal(daysLeftText(sv, 0), 'Sista dagen i dag');
    assert.equal(daysLeftText(sv, -1), 'Upphörde i går');
    assert.equal(daysLeftText(sv, -3), 'Upphörde för 3 dagar sedan');
    assert.equal(daysLeftText(sv, undefined), 'Slutdatum okänt');
  });
});
