import type { BillingCycle } from '../partner-center/models.js';

/**
 * The partner's price list: a CSV export of Partner Center's license-based (new commerce) price list
 * (columns `ProductId`, `SkuId`, `Market`, `Currency`, `UnitPrice`, `TermDuration`, `BillingPlan`,
 * `EffectiveStartDate`, `EffectiveEndDate`, …). Prices come only from here: without a row, there is no
 * price (DESIGN §11), never an invented one.
 */

/** What a price is looked up by. */
export interface PriceKey {
  productId: string;
  skuId: string;
  /** ISO country, e.g. `SE`. */
  market: string;
  /** `P1Y`, `P1M`, … */
  termDuration: string;
  billingCycle: BillingCycle;
}

/** A unit price as listed: per license and per billing period (a year for annual billing). */
export interface UnitPrice {
  unitPrice: number;
  currency: string;
}

interface PriceRow extends UnitPrice {
  effectiveStart?: number;
  effectiveEnd?: number;
}

const required = ['ProductId', 'SkuId', 'Market', 'Currency', 'UnitPrice', 'TermDuration', 'BillingPlan'];

/** A loaded price list. Build it with `parsePriceList`. */
export class PriceList {
  constructor(private readonly rows: ReadonlyMap<string, readonly PriceRow[]>) {}

  /** Number of priced (product, SKU, market, term, billing plan) combinations. */
  get size(): number {
    return this.rows.size;
  }

  /** The unit price in effect at `at` (default: any row, the first listed), or undefined. */
  find(key: PriceKey, at?: Date): UnitPrice | undefined {
    const rows = this.rows.get(
      keyOf(key.productId, key.skuId, key.market, key.termDuration, key.billingCycle),
    );
    const time = at?.getTime();
    const row = rows?.find(
      (candidate) =>
        time === undefined ||
        ((candidate.effectiveStart === undefined || candidate.effectiveStart <= time) &&
          (candidate.effectiveEnd === undefined || time <= candidate.effectiveEnd)),
    );
    return row ? { unitPrice: row.unitPrice, currency: row.currency } : undefined;
  }
}

/** An empty list: every lookup answers "no price". */
export const emptyPriceList = new PriceList(new Map());

/**
 * Parses a price list export. Rows marked `Removed`, and rows whose price doesn't parse, are skipped.
 * @throws Error when a required column is missing.
 */
export function parsePriceList(csv: string): PriceList {
  const records = parseCsv(csv.replace(/^\uFEFF/, ''));
  const header = records[0] ?? [];
  const column = new Map(header.map((name, index) => [name.trim().toLowerCase(), index]));
  const missing = required.filter((name) => !column.has(name.toLowerCase()));
  if (missing.length > 0) throw new Error(`Price list lacks column(s): ${missing.join(', ')}`);
  const cell = (record: string[], name: string) => {
    const index = column.get(name.toLowerCase());
    return index === undefined ? '' : (record[index] ?? '').trim();
  };
  const rows = new Map<string, PriceRow[]>();
  for (const record of records.slice(1)) {
    if (record.every((value) => value.trim() === '')) continue;
    if (cell(record, 'ChangeIndicator').toLowerCase() === 'removed') continue;
    const unitPrice = Number(cell(record, 'UnitPrice'));
    // A tiered row above the first tier isn't the per-seat price the comparison wants.
    const tierMin = cell(record, 'PricingTierRangeMin');
    if (
      cell(record, 'UnitPrice') === '' ||
      !Number.isFinite(unitPrice) ||
      (tierMin !== '' && Number(tierMin) > 1)
    ) {
      continue;
    }
    const key = keyOf(
      cell(record, 'ProductId'),
      cell(record, 'SkuId'),
      cell(record, 'Market'),
      cell(record, 'TermDuration'),
      cell(record, 'BillingPlan'),
    );
    const list = rows.get(key) ?? [];
    list.push({
      unitPrice,
      currency: cell(record, 'Currency').toUpperCase(),
      effectiveStart: instant(cell(record, 'EffectiveStartDate')),
      effectiveEnd: instant(cell(record, 'EffectiveEndDate')),
    });
    rows.set(key, list);
  }
  return new PriceList(rows);
}

/** Months one billing period covers: what turns a listed unit price into a monthly one. */
export function monthsPerBillingPeriod(billingCycle: BillingCycle): number | undefined {
  switch (billingCycle) {
    case 'monthly':
      return 1;
    case 'annual':
      return 12;
    case 'triennial':
      return 36;
    default:
      return undefined;
  }
}

function keyOf(productId: string, skuId: string, market: string, term: string, plan: string): string {
  return [productId, skuId, market, term, plan].map((part) => part.trim().toUpperCase()).join('|');
}

function instant(value: string): number | undefined {
  if (value === '') return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}
