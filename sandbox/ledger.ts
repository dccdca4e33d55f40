import type { SandboxClock } from './clock.js';

/**
 * The sandbox's ledger: every purchase, license change, subscription change, refused call, replayed
 * call and injected fault, in order. Tests and benchmarks read it (through `GET /_sandbox/ledger` or
 * in-process) as their oracle: "exactly one purchase", "no user ever without a license".
 */

/** Who made a call. `system` is the sandbox itself (provisioning, expiry, de-provisioning). */
export type LedgerCaller =
  | { kind: 'user'; oid: string; name?: string; appId: string }
  | { kind: 'app'; appId: string }
  | { kind: 'system' }
  | { kind: 'anonymous' };

/** Fields every entry carries. Request fields are absent on `system` entries. */
export interface LedgerEntryBase {
  /** 1, 2, 3… in recording order; restarts at 1 after a reset or reseed. */
  seq: number;
  /** Sandbox time (ISO). For system transitions, the instant the transition was due. */
  at: string;
  caller: LedgerCaller;
  requestId?: string;
  correlationId?: string;
  method?: string;
  /** Path and query as the caller sent it. */
  path?: string;
  customerId?: string;
}

/** A cart was created (not a purchase yet). */
export interface CartCreatedEntry extends LedgerEntryBase {
  kind: 'cartCreated';
  cartId: string;
  lineItems: { catalogItemId: string; quantity: number; friendlyName?: string; errorCode?: number }[];
}

/** A checkout bought something: one entry per order. */
export interface PurchaseEntry extends LedgerEntryBase {
  kind: 'purchase';
  orderId: string;
  cartId: string;
  lineItems: { catalogItemId: string; quantity: number; friendlyName?: string; subscriptionId: string }[];
  subscriptionIds: string[];
}

/** One user's licenses changed (one `licenseupdates` call). Sku lists are Entra skuIds. */
export interface LicenseChangeEntry extends LedgerEntryBase {
  kind: 'licenseChange';
  userId: string;
  assigned: string[];
  removed: string[];
  before: string[];
  after: string[];
}

/** Why a subscription changed: a PATCH, or the sandbox moving it along on its own. */
export type SubscriptionChangeReason =
  'patch' | 'cascade' | 'provisioned' | 'expired' | 'disabled' | 'deprovisioned';

/** One field of one subscription changed. */
export interface SubscriptionChangeEntry extends LedgerEntryBase {
  kind: 'subscriptionChange';
  subscriptionId: string;
  field: 'status' | 'quantity' | 'autoRenewEnabled' | 'friendlyName';
  from: string | number | boolean;
  to: string | number | boolean;
  reason: SubscriptionChangeReason;
}

/** A call was refused by a rule or by authentication (not an injected fault). */
export interface RefusedEntry extends LedgerEntryBase {
  kind: 'refused';
  status: number;
  code: string | number;
  description: string;
}

/** A mutating call repeated an `MS-RequestId` and got the stored answer without acting again. */
export interface ReplayedEntry extends LedgerEntryBase {
  kind: 'replayed';
  status: number;
}

/** An injected fault answered (or dropped) the call. */
export interface FaultEntry extends LedgerEntryBase {
  kind: 'fault';
  fault: 'status' | 'rateLimit' | 'drop' | 'dropAfterCommit';
  /** Where it came from: the scripted queue, the random faults, or the route-family rate limit. */
  source: 'script' | 'random' | 'rateLimit';
  status?: number;
}

/** Everything the ledger records. */
export type LedgerEntry =
  | CartCreatedEntry
  | PurchaseEntry
  | LicenseChangeEntry
  | SubscriptionChangeEntry
  | RefusedEntry
  | ReplayedEntry
  | FaultEntry;

/** The `kind` values of ledger entries. */
export type LedgerKind = LedgerEntry['kind'];

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An entry as recorded: the ledger adds `seq`, and `at` unless given. */
export type LedgerInput = DistributiveOmit<LedgerEntry, 'seq' | 'at'> & { at?: string };

/** Filters of `GET /_sandbox/ledger`. */
export interface LedgerQuery {
  /** Only entries with a larger seq. */
  since?: number;
  kind?: LedgerKind;
  customerId?: string;
}

/** Append-only, in memory. Seq numbers are array positions + 1, so `since` is a slice, not a scan. */
export class Ledger {
  private readonly entries: LedgerEntry[] = [];

  constructor(private readonly clock: SandboxClock) {}

  /** Appends an entry and returns it with its seq and time. */
  record(input: LedgerInput): LedgerEntry {
    const entry: LedgerEntry = {
      ...input,
      seq: this.entries.length + 1,
      at: input.at ?? this.clock.now().toISOString(),
    };
    this.entries.push(entry);
    return entry;
  }

  /** Entries matching the query, oldest first. */
  list(query: LedgerQuery = {}): LedgerEntry[] {
    const start = Math.max(0, Math.min(this.entries.length, Math.floor(query.since ?? 0)));
    const customerId = query.customerId?.toLowerCase();
    return this.entries
      .slice(start)
      .filter(
        (entry) =>
          (query.kind === undefined || entry.kind === query.kind) &&
          (customerId === undefined || entry.customerId?.toLowerCase() === customerId),
      );
  }

  /** Number of entries recorded (the last seq). */
  get size(): number {
    return this.entries.length;
  }
}

/** The ledger kinds, for validating `?kind=`. */
export const ledgerKinds: readonly LedgerKind[] = [
  'cartCreated',
  'purchase',
  'licenseChange',
  'subscriptionChange',
  'refused',
  'replayed',
  'fault',
];
