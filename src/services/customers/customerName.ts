/**
 * How customer names and domains are compared: one normal form, so "Ålands Ström AB", "alands strom"
 * and "ALANDS STRÖM" are the same words. Pure functions; the matcher and the directory share them.
 */

/**
 * Legal-form words people leave out when they type a name ("Van der Berg Logistiek" for "… B.V.").
 * Dotted forms ("B.V.", "S.A.") are covered because dots are dropped before this list is consulted.
 */
export const legalSuffixes: ReadonlySet<string> = new Set([
  'ab',
  'abp',
  'ag',
  'aps',
  'as',
  'asa',
  'bv',
  'bvba',
  'co',
  'corp',
  'corporation',
  'cv',
  'gmbh',
  'hb',
  'inc',
  'kb',
  'kg',
  'limited',
  'llc',
  'llp',
  'ltd',
  'nv',
  'oy',
  'oyj',
  'plc',
  'pty',
  'sa',
  'sarl',
  'sas',
  'spa',
  'srl',
  'vof',
]);

/**
 * Lower case, accents removed (NFD then combining marks dropped: "Bäckström" → "backstrom"), dots
 * removed so "B.V." reads "bv", every other non-alphanumeric run turned into one space.
 */
export function normalizeName(text: string): string {
  return (
    text
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      // Letters NFD does not decompose but people type without the stroke.
      .replace(/[øØ]/g, 'o')
      .replace(/[æÆ]/g, 'ae')
      .replace(/ß/g, 'ss')
      .toLowerCase()
      .replace(/\./g, '')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
  );
}

/**
 * The normalised name without trailing legal-form words ("fabrikam nordic ab" → "fabrikam nordic").
 * A name that is nothing but a legal form keeps it, so it never normalises to empty.
 */
export function coreName(normalized: string): string {
  const words = normalized.split(' ').filter((word) => word.length > 0);
  while (words.length > 1 && legalSuffixes.has(words[words.length - 1] ?? '')) words.pop();
  return words.join(' ');
}

/** The domain lower-cased and trimmed; "Contoso.onmicrosoft.com " → "contoso.onmicrosoft.com". */
export function normalizeDomain(domain: string): string {
  return domain.trim().toLowerCase();
}

/** A domain's first label ("contoso.onmicrosoft.com" → "contoso"), what people type when they mean it. */
export function domainLabel(domain: string): string {
  return normalizeDomain(domain).split('.')[0] ?? '';
}

/** True when the text looks like a domain rather than a name (it has a dot between two labels). */
export function looksLikeDomain(text: string): boolean {
  return /^[^\s.]+(\.[^\s.]+)+$/.test(text.trim());
}
