import type { CustomerUserSeed, UserLicenseSeed } from './seedTypes.js';

/**
 * People for seeded tenants: Swedish, Dutch and English names (with their accents, so matching and
 * rendering are exercised) and ASCII user principal names, deterministic by index.
 */

/** Name lists per culture. */
export const namesByCulture = {
  sv: {
    first: [
      'Åsa',
      'Björn',
      'Märta',
      'Örjan',
      'Linnéa',
      'Göran',
      'Ingrid',
      'Sören',
      'Maja',
      'Håkan',
      'Elin',
      'Jörgen',
    ],
    last: [
      'Lindström',
      'Bäckström',
      'Öberg',
      'Åkesson',
      'Sjögren',
      'Ekström',
      'Nordén',
      'Löfgren',
      'Strömberg',
    ],
  },
  nl: {
    first: [
      'Daan',
      'Sanne',
      'Chloë',
      'Joël',
      'Noëlle',
      'Bram',
      'Femke',
      'Ruud',
      'Zoë',
      'Thijs',
      'Anouk',
      'René',
    ],
    last: [
      'de Vries',
      'van den Berg',
      'Jansen',
      'Bakker',
      "van 't Hoff",
      'Visser',
      'Smit',
      'de Jong',
      'Meijer',
    ],
  },
  en: {
    first: [
      'Alex',
      'Jordan',
      'Morgan',
      'Taylor',
      'Casey',
      'Riley',
      'Jamie',
      'Avery',
      'Quinn',
      'Drew',
      'Robin',
      'Sam',
    ],
    last: ['Smith', 'Johnson', 'Brown', 'Garcia', 'Miller', 'Davis', 'Wilson', 'Moore', 'Clark'],
  },
} as const;

/** Which name list a culture uses (`sv-SE` → sv; `nl-NL`, `nl-BE` → nl; others → en). */
export function namesFor(culture: string): { first: readonly string[]; last: readonly string[] } {
  const language = culture.slice(0, 2).toLowerCase();
  return language === 'sv' ? namesByCulture.sv : language === 'nl' ? namesByCulture.nl : namesByCulture.en;
}

/** `Åsa` → `asa`, `van 't Hoff` → `vanthoff`. */
export function asciiAlias(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]/g, '')
    .toLowerCase();
}

/** Options for one generated user. */
export interface PersonOptions {
  id: string;
  /** 0-based index in the tenant: picks the name. */
  index: number;
  culture: string;
  domain: string;
  usageLocation?: string;
  licenses: UserLicenseSeed[];
}

/** A deterministic user: first names cycle fastest; UPNs get a number once names repeat. */
export function person(options: PersonOptions): CustomerUserSeed {
  const names = namesFor(options.culture);
  const firstName = names.first[options.index % names.first.length] ?? 'Demo';
  const lastName = names.last[Math.floor(options.index / names.first.length) % names.last.length] ?? 'User';
  const repeats = options.index >= names.first.length * names.last.length;
  const alias = `${asciiAlias(firstName)}.${asciiAlias(lastName)}${repeats ? options.index + 1 : ''}`;
  const user: CustomerUserSeed = {
    id: options.id,
    userPrincipalName: `${alias}@${options.domain}`,
    displayName: `${firstName} ${lastName}`,
    firstName,
    lastName,
    licenses: options.licenses,
  };
  if (options.usageLocation) user.usageLocation = options.usageLocation;
  return user;
}
