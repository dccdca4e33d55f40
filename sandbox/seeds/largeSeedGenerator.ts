import { seededRandom } from '../faults/prng.js';
import { LicenseSkuId } from '../licensing/licenseSkus.js';
import { demoPartner } from './demoPartner.js';
import { person } from './demoPeople.js';
import { e4Subscription, newCommerceSubscription } from './seedBuilders.js';
import type { CustomerSeed, PartnerSeed, SandboxSeed } from './seedTypes.js';

/**
 * Large seeds for benchmarks and scale tests: `customers` customers with E4 subscriptions at varied end
 * dates, deterministic for a given `rngSeed`. Users are few by default (`e4UsersPerCustomer`, default 2)
 * so 10,000 customers build in well under a second and stay small in memory.
 */

/** Options of `generateSeed`. */
export interface GenerateSeedOptions {
  customers: number;
  /** Users holding E4 per customer. Default 2. */
  e4UsersPerCustomer?: number;
  rngSeed: number;
  now: Date;
  /** Default: the demo partner (so the demo partner users can sign in). */
  partner?: PartnerSeed;
}

const markets = [
  { country: 'SE', culture: 'sv-SE' },
  { country: 'NL', culture: 'nl-NL' },
  { country: 'US', culture: 'en-US' },
  { country: 'US', culture: 'en-US' },
  { country: 'BE', culture: 'nl-BE' },
] as const;
const prefixes = [
  'Alpine',
  'Blue Yonder',
  'Coho',
  'Datum',
  'Humongous',
  'Litware',
  'Lucerne',
  'Margie',
  'Proseware',
  'Wide World',
  'Wingtip',
  'Woodgrove',
  'Öresund',
  'Zuiderzee',
  'Fjäll',
  'Polder',
];
const suffixes = [
  'Bank',
  'Logistics',
  'Insurance',
  'Energi',
  'Bouw',
  'Design',
  'Foods',
  'Health',
  'Media',
  'Travel',
];

const hex = (value: number, width: number) => value.toString(16).padStart(width, '0');

/** Id of generated customer i (0-based): `9c000000-0000-4000-8000-{i in hex}`. */
export const generatedCustomerId = (index: number) => `9c000000-0000-4000-8000-${hex(index, 12)}`;

function generatedCustomer(
  index: number,
  random: () => number,
  usersPerCustomer: number,
  now: Date,
): CustomerSeed {
  const market = markets[Math.floor(random() * markets.length)] ?? markets[0];
  const name = `${prefixes[index % prefixes.length]} ${suffixes[Math.floor(index / prefixes.length) % suffixes.length]} ${index + 1}`;
  const domain = `gen${index + 1}.onmicrosoft.com`;
  const id = generatedCustomerId(index);
  const subId = (n: number) => `9b000000-${hex(n, 4)}-4000-8000-${hex(index, 12)}`;
  // End dates spread from 30 days ago to a year ahead; some expired, some with a second E4.
  const endsInDays = Math.floor(random() * 395) - 30;
  const quantity = usersPerCustomer + 1 + Math.floor(random() * 300);
  const shape = random() < 0.5 ? 'farFuture' : 'plain';
  const subscriptions = [
    e4Subscription({
      id: subId(1),
      quantity,
      now,
      endsInDays,
      endDateShape: shape,
      status: endsInDays < 0 ? 'expired' : 'active',
    }),
  ];
  if (random() < 0.1) {
    subscriptions.push(
      e4Subscription({ id: subId(2), quantity: 5, now, endsInDays: endsInDays + 90, endDateShape: 'plain' }),
    );
  }
  if (random() < 0.2) {
    subscriptions.push(
      newCommerceSubscription({ id: subId(3), key: 'office365E3', quantity: 5, now, createdDaysAgo: 100 }),
    );
  }
  const withoutUsageLocation = random() < 0.05;
  const users = Array.from({ length: usersPerCustomer }, (_, userIndex) =>
    person({
      id: `9e000000-${hex(userIndex, 4)}-4000-8000-${hex(index, 12)}`,
      index: userIndex,
      culture: market.culture,
      domain,
      usageLocation: withoutUsageLocation && userIndex === 0 ? undefined : market.country,
      licenses: [{ skuId: LicenseSkuId.office365E4 }],
    }),
  );
  return {
    id,
    companyName: name,
    domain,
    country: market.country,
    culture: market.culture,
    hasAcceptedAgreement: random() >= 0.03,
    subscriptions,
    users,
  };
}

/** Builds a large seed. Same options, same seed. */
export function generateSeed(options: GenerateSeedOptions): SandboxSeed {
  const random = seededRandom(options.rngSeed);
  const usersPerCustomer = options.e4UsersPerCustomer ?? 2;
  const customers: CustomerSeed[] = [];
  for (let index = 0; index < options.customers; index++) {
    customers.push(generatedCustomer(index, random, usersPerCustomer, options.now));
  }
  return { partner: options.partner ?? demoPartner(), customers };
}
