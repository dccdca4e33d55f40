import Fuse from 'fuse.js';
import { coreName, domainLabel, looksLikeDomain, normalizeDomain, normalizeName } from './customerName.js';
import type { DirectoryCustomer } from './directoryCustomer.js';
import { wordsFit } from './wordFit.js';

/**
 * What a search for a customer found. Never a guess: `exact` only when exactly one customer fits
 * (same name or domain once normalised, or the only good fuzzy candidate and every typed word fits
 * one of its words); several fits, or one doubtful fit, give `choices`.
 */
export type CustomerMatch =
  | {
      kind: 'exact';
      customer: DirectoryCustomer;
      /** `name`/`domain`: equal after normalisation; `fuzzy`: the only good candidate (show the name). */
      matchedBy: 'name' | 'domain' | 'fuzzy';
    }
  | { kind: 'choices'; candidates: DirectoryCustomer[] }
  | { kind: 'none'; closest?: DirectoryCustomer };

export interface CustomerMatcherOptions {
  /** Most candidates a `choices` answer carries, best first. Default 5 (a card people can read). */
  maxCandidates?: number;
  /**
   * Fuse score (0 perfect … 1 unrelated) up to which a candidate counts as a good match. Default 0.35:
   * one typo in a short name ("Contosso" 0.13, "Fabrikm" 0.14) and partial words ("nordic" 0.01) pass;
   * unrelated names sharing a few letters (≈0.5–0.6) don't.
   */
  goodScore?: number;
  /** Fuse threshold: worse than this is not even offered as `closest`. Default 0.6. */
  closestScore?: number;
}

interface Entry {
  customer: DirectoryCustomer;
  name: string;
  core: string;
  domain: string;
  label: string;
}

/** Finds customers in one immutable snapshot of the directory. Build a new one when the list changes. */
export class CustomerMatcher {
  private readonly entries: Entry[];
  private readonly byId: Map<string, DirectoryCustomer>;
  private readonly fuse: Fuse<Entry>;
  private readonly maxCandidates: number;
  private readonly goodScore: number;

  constructor(customers: readonly DirectoryCustomer[], options: CustomerMatcherOptions = {}) {
    this.maxCandidates = options.maxCandidates ?? 5;
    this.goodScore = options.goodScore ?? 0.35;
    this.entries = customers.map((customer) => {
      const name = normalizeName(customer.companyName);
      return {
        customer,
        name,
        core: coreName(name),
        domain: normalizeDomain(customer.domain),
        label: domainLabel(customer.domain),
      };
    });
    this.byId = new Map(customers.map((customer) => [customer.id, customer]));
    this.fuse = new Fuse(this.entries, {
      // The name without its legal form carries the meaning; the domain label is a fallback spelling.
      keys: [
        { name: 'core', weight: 3 },
        { name: 'label', weight: 1 },
      ],
      includeScore: true,
      // People type any word of the name ("nordic"), not only its start.
      ignoreLocation: true,
      threshold: options.closestScore ?? 0.6,
    });
  }

  /** How many customers this snapshot holds. */
  get size(): number {
    return this.entries.length;
  }

  /** The customer with this id, if the snapshot has it. */
  customerById(customerId: string): DirectoryCustomer | undefined {
    return this.byId.get(customerId);
  }

  /** Matches what a person typed: a name (any case, accents, typos, parts, legal form) or a domain. */
  match(query: string): CustomerMatch {
    const name = normalizeName(query);
    if (name.length === 0) return { kind: 'none' };

    const exact = looksLikeDomain(query) ? this.byDomain(normalizeDomain(query)) : this.byName(name);
    if (exact.length === 1 && exact[0]) {
      return {
        kind: 'exact',
        customer: exact[0].customer,
        matchedBy: looksLikeDomain(query) ? 'domain' : 'name',
      };
    }
    if (exact.length > 1) return { kind: 'choices', candidates: this.cap(exact.map((e) => e.customer)) };

    const core = coreName(name);
    const results = this.fuse.search(core);
    const good = results.filter((result) => (result.score ?? 1) <= this.goodScore);
    const [only] = good;
    // One good candidate is the answer only if each typed word stands for one of its words (or the
    // domain label); otherwise it is offered as a one-item choice ("Fabrikam Norge" ≠ "Fabrikam Nordic").
    if (good.length === 1 && only && (wordsFit(core, only.item.core) || wordsFit(core, only.item.label))) {
      return { kind: 'exact', customer: only.item.customer, matchedBy: 'fuzzy' };
    }
    if (good.length > 0) return { kind: 'choices', candidates: this.cap(good.map((r) => r.item.customer)) };
    const closest = results[0]?.item.customer;
    return closest ? { kind: 'none', closest } : { kind: 'none' };
  }

  /**
   * Same full name, else same name without legal form ("Hoogeveen Zorg" = "Hoogeveen Zorg B.V."). The
   * full-name pass goes first so "Fabrikam" is Fabrikam even if a "Fabrikam AB" existed too.
   */
  private byName(name: string): Entry[] {
    const full = this.entries.filter((entry) => entry.name === name);
    if (full.length > 0) return full;
    const core = coreName(name);
    return this.entries.filter((entry) => entry.core === core);
  }

  private byDomain(domain: string): Entry[] {
    const full = this.entries.filter((entry) => entry.domain === domain);
    if (full.length > 0) return full;
    // "fabrikamnordic.com" when the tenant is fabrikamnordic.onmicrosoft.com: the same first label.
    const label = domainLabel(domain);
    return this.entries.filter((entry) => entry.label === label);
  }

  private cap(customers: DirectoryCustomer[]): DirectoryCustomer[] {
    return customers.slice(0, this.maxCandidates);
  }
}
