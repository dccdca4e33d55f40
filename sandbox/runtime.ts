import type { PartnerCenterTokenVerifier } from './auth/types.js';
import { SandboxClock } from './clock.js';
import type { FaultConfig } from './faults/faultConfig.js';
import { FaultInjector } from './faults/faultInjector.js';
import { Ledger } from './ledger.js';
import { ReplayStore } from './replayStore.js';
import type { SandboxSeed } from './seeds/seedTypes.js';
import type { CustomerState } from './state/customerState.js';
import { settleCustomer } from './state/lifecycle.js';
import { SandboxState } from './state/sandboxState.js';

/** What `reset` returns to: the seed, faults and clock offset the server started with. */
export interface SandboxStart {
  seed: SandboxSeed;
  faults: FaultConfig;
  clockOffsetMs: number;
}

/**
 * The sandbox's mutable world in one place, so routes read the current state through it and a reset or
 * reseed swaps everything at once: state, ledger, replay store (and, for reset, faults and clock).
 */
export class SandboxRuntime {
  readonly clock: SandboxClock;
  state: SandboxState;
  ledger: Ledger;
  replay = new ReplayStore();
  faults: FaultInjector;
  private seedInForce: SandboxSeed;

  constructor(
    private readonly start: SandboxStart,
    readonly verifier: PartnerCenterTokenVerifier,
    private readonly onSeedChanged?: (seed: SandboxSeed) => void,
  ) {
    this.clock = new SandboxClock(start.clockOffsetMs);
    this.seedInForce = start.seed;
    this.state = SandboxState.fromSeed(start.seed);
    this.ledger = new Ledger(this.clock);
    this.faults = new FaultInjector(start.faults);
  }

  /** The seed the current state was built from. */
  get seed(): SandboxSeed {
    return this.seedInForce;
  }

  /** Back to the start: seed, empty ledger and replay store, start faults, start clock offset. */
  reset(): void {
    this.clock.setOffset(this.start.clockOffsetMs);
    this.faults = new FaultInjector(this.start.faults);
    this.loadSeed(this.start.seed);
  }

  /** Replaces the state with a new seed; the ledger and replay store start empty. Faults and clock stay. */
  loadSeed(seed: SandboxSeed): void {
    // The token authority only needs to hear about a different partner (it drops its refresh tokens).
    const partnerChanged = JSON.stringify(seed.partner) !== JSON.stringify(this.seedInForce.partner);
    this.seedInForce = seed;
    this.state = SandboxState.fromSeed(seed);
    this.ledger = new Ledger(this.clock);
    this.replay = new ReplayStore();
    if (partnerChanged) this.onSeedChanged?.(seed);
  }

  /** Replaces the fault configuration (the PRNG and rate-limit buckets start afresh). */
  setFaults(config: FaultConfig): void {
    this.faults = new FaultInjector(config);
  }

  /** A customer with every time-driven transition due by now applied; undefined when unknown. */
  customer(id: string): CustomerState | undefined {
    const customer = this.state.customer(id);
    if (customer) settleCustomer(customer, this.clock.nowMs(), this.ledger);
    return customer;
  }
}
