import assert from 'node:assert/strict';
import { CustomerMatcher } from '../../../../src/services/customers/customerMatcher.js';
import { toDirectoryCustomer } from '../../../../src/services/customers/directoryCustomer.js';
import { demoLikeCustomers } from './fakePartnerCenter.js';

const matcher = new CustomerMatcher(demoLikeCustomers.map(toDirectoryCustomer));

interface Case {
  query: string;
  kind: 'exact' | 'choices' | 'none';
  /** Expected company names, best first (for `none`: the closest, if any). */
  names: string[];
  why: string;
}

const cases: Case[] = [
  { query: 'Fabrikam', kind: 'exact', names: ['Fabrikam'], why: 'an exact normalised name wins' },
  { query: 'FABRIKAM', kind: 'exact', names: ['Fabrikam'], why: 'case does not matter' },
  { query: 'fabri', kind: 'choices', names: ['Fabrikam', 'Fabrikam Nordic AB'], why: 'a prefix of two' },
  { query: 'Fabrikm', kind: 'choices', names: ['Fabrikam', 'Fabrikam Nordic AB'], why: 'a typo fits both' },
  { query: 'nordic', kind: 'exact', names: ['Fabrikam Nordic AB'], why: 'any word of the name' },
  { query: 'Fabrikam Nordic', kind: 'exact', names: ['Fabrikam Nordic AB'], why: 'legal form left out' },
  { query: 'Contosso', kind: 'exact', names: ['Contoso Ltd'], why: 'one typo, one candidate' },
  { query: 'contoso', kind: 'exact', names: ['Contoso Ltd'], why: 'without "Ltd"' },
  { query: 'Contoso Inc', kind: 'exact', names: ['Contoso Ltd'], why: 'another legal form' },
  { query: 'alands strom', kind: 'exact', names: ['Ålands Ström AB'], why: 'Swedish letters typed plain' },
  { query: 'ÅLANDS STRÖM AB', kind: 'exact', names: ['Ålands Ström AB'], why: 'upper-case accents' },
  { query: 'backstrom', kind: 'exact', names: ['Bäckström Bygg AB'], why: 'accent-free part' },
  { query: 'Bäckström', kind: 'exact', names: ['Bäckström Bygg AB'], why: 'accented part' },
  { query: 'strom', kind: 'choices', names: ['Ålands Ström AB', 'Bäckström Bygg AB'], why: 'in both' },
  { query: 'van der berg', kind: 'exact', names: ['Van der Berg Logistiek B.V.'], why: 'Dutch partial' },
  {
    query: 'Van der Berg Logistiek BV',
    kind: 'exact',
    names: ['Van der Berg Logistiek B.V.'],
    why: '"BV" is "B.V."',
  },
  { query: 'hoogeveen zorg', kind: 'exact', names: ['Hoogeveen Zorg B.V.'], why: 'Dutch, no legal form' },
  { query: 'Hogeveen', kind: 'exact', names: ['Hoogeveen Zorg B.V.'], why: 'Dutch typo' },
  { query: 'brouwerij de klok', kind: 'exact', names: ['Brouwerij De Klok BV'], why: 'Flemish name' },
  { query: 'northwnd', kind: 'exact', names: ['Northwind Traders'], why: 'a dropped letter' },
  {
    query: 'contoso.onmicrosoft.com',
    kind: 'exact',
    names: ['Contoso Ltd'],
    why: 'by domain',
  },
  {
    query: 'FabrikamNordic.onmicrosoft.com',
    kind: 'exact',
    names: ['Fabrikam Nordic AB'],
    why: 'domain case',
  },
  { query: 'vdberglogistiek', kind: 'exact', names: ['Van der Berg Logistiek B.V.'], why: 'domain label' },
  {
    query: 'Fabrikam Norge',
    kind: 'choices',
    names: ['Fabrikam Nordic AB'],
    why: 'close, yet maybe another',
  },
  { query: 'Woodgrove Bank', kind: 'none', names: [], why: 'nobody like it' },
  { query: '   ', kind: 'none', names: [], why: 'nothing typed' },
];

describe('CustomerMatcher', () => {
  for (const { query, kind, names, why } of cases) {
    it(`matches "${query}" as ${kind} ${names.join(' / ')} (${why})`, () => {
      const result = matcher.match(query);
      assert.equal(result.kind, kind, JSON.stringify(result));
      const got =
        result.kind === 'exact'
          ? [result.customer.companyName]
          : result.kind === 'choices'
            ? result.candidates.map((c) => c.companyName)
            : result.closest
              ? [result.closest.companyName]
              : [];
      if (kind === 'none') assert.ok(got.length <= 1);
      else assert.deepEqual(got, names);
    });
  }

  it('offers the closest name when nothing is good enough', () => {
    const result = matcher.match('Contoso Pharma');
    assert.equal(result.kind, 'none');
    assert.equal(result.closest?.companyName, 'Contoso Ltd');
  });

  it('caps the choices, best first', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({
      id: `x${i}`,
      companyName: `Adatum ${i === 0 ? 'Group' : `Branch ${i}`}`,
      domain: `adatum${i}.onmicrosoft.com`,
    }));
    const result = new CustomerMatcher(many, { maxCandidates: 5 }).match('adatum');
    assert.equal(result.kind, 'choices');
    assert.equal(result.candidates.length, 5);
    assert.equal(result.candidates[0]?.companyName, 'Adatum Group');
  });

  it('gives a choice, not a guess, when two customers share a name', () => {
    const twins = [
      { id: 'a', companyName: 'Litware AB', domain: 'litware.onmicrosoft.com' },
      { id: 'b', companyName: 'Litware BV', domain: 'litwarenl.onmicrosoft.com' },
    ];
    const result = new CustomerMatcher(twins).match('Litware');
    assert.equal(result.kind, 'choices');
    assert.deepEqual(result.candidates.map((c) => c.id).sort(), ['a', 'b']);
  });
});
