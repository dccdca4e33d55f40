import type { PartnerSeed, SandboxSeed } from '../seeds/seedTypes.js';
import { CustomerState } from './customerState.js';

/**
 * Everything the sandbox Partner Center knows, in memory: the partner and its customers in seed order
 * (the order `GET /v1/customers` pages through) with a Map for lookups by id.
 */
export class SandboxState {
  private readonly byId = new Map<string, CustomerState>();

  constructor(
    readonly partner: PartnerSeed,
    readonly customers: readonly CustomerState[],
  ) {
    for (const customer of customers) this.byId.set(customer.id.toLowerCase(), customer);
  }

  /** Builds the state from a seed (the seed is not kept or changed). */
  static fromSeed(seed: SandboxSeed): SandboxState {
    return new SandboxState(
      seed.partner,
      seed.customers.map((customer) => CustomerState.fromSeed(customer)),
    );
  }

  /** A customer by id (case-insensitive). */
  customer(id: string): CustomerState | undefined {
    return this.byId.get(id.toLowerCase());
  }
}
