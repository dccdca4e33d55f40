import assert from 'node:assert/strict';
import { cardText } from '../../../src/cards/cardText.js';
import { supportedLanguages } from '../../../src/services/i18n/language.js';
import { everyCard } from './cardCatalog.js';
import { assertSnapshot, cardProblems, textsOf } from './cardHarness.js';

describe('every card', () => {
  for (const language of supportedLanguages) {
    const text = cardText(language);
    for (const [name, card] of everyCard(text)) {
      describe(`${name} (${language})`, () => {
        it('parses as an Adaptive Card 1.5 with no parse or validation event', () => {
          assert.equal(card.version, '1.5');
          assert.deepEqual(cardProblems(card), []);
        });

        it('matches its snapshot', () => {
          assertSnapshot(`${name}.${language}`, card);
        });

        it('leaves no placeholder or template expression unfilled', () => {
          for (const shown of textsOf(card)) assert.doesNotMatch(shown, /\{\w+\}|\$\{/, shown);
        });
      });
    }
  }
});
