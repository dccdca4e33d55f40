import assert from 'node:assert/strict';
import { editDistance, wordsFit } from '../../../../src/services/customers/wordFit.js';

describe('wordsFit', () => {
  const table: [string, string, boolean][] = [
    ['fabri', 'fabrikam nordic', true],
    ['nordic', 'fabrikam nordic', true],
    ['contosso', 'contoso', true],
    ['northwnd', 'northwind traders', true],
    ['fabrk', 'fabrikam', true],
    ['fabrikam norge', 'fabrikam nordic', false],
    ['pharma', 'contoso', false],
    ['ab', 'ax', false],
  ];
  for (const [query, name, expected] of table) {
    it(`says "${query}" ${expected ? 'fits' : 'does not fit'} "${name}"`, () => {
      assert.equal(wordsFit(query, name), expected);
    });
  }

  it('counts an adjacent swap as one edit', () => {
    assert.equal(editDistance('cotnoso', 'contoso'), 1);
    assert.equal(editDistance('', 'abc'), 3);
  });
});
