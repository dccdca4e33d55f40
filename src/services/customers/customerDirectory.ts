import type { Clock } from '../clock.js';
import type { Logger } from '../logging/logger.js';
import type { OperationOptions, PartnerCenter } from '../partner-center/partnerCenter.js';
import { CustomerMatcher, type CustomerMatch, type CustomerMatcherOptions } from './customerMatcher.js';
import { toDirectoryCustomer, type DirectoryCustomer } from './directoryCustomer.js';

/** Timer functions the background refresh uses; tests pass sinon's fake timers or their own. */
export interface DirectoryTimers {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface CustomerDirectoryDeps {
  /** An app-only client: the directory is shared by everyone, not one signed-in user's view. */
  partnerCenter: PartnerCenter;
  clock: Clock;
  logger: Logger;
  /** Background refresh period. Default 15 minutes (new customers show up without a restart). */
  refreshIntervalInMs?: number;
  /**
   * A miss refreshes only when the last load is at least this old. Default 60 s, so someone typing
   * nonsense names can't make the bot walk 10,000 customers per message.
   */
  minRefreshOnMissIntervalInMs?: number;
  /** Page size asked of Partner Center. Default: the client's (100). */
  pageSize?: number;
  matcher?: CustomerMatcherOptions;
  /** Default: the global `setInterval`/`clearInterval`, with the handle unref'd. */
  timers?: DirectoryTimers;
}

const defaultTimers: DirectoryTimers = {
  setInterval: (callback, ms) => setInterval(callback, ms).unref(),
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

/**
 * The partner's customers, cached in memory and matched by what people type (DESIGN §6). Loaded with
 * all pages of `listCustomers`, refreshed in the background and once on a miss. Refreshes are
 * single-flight: concurrent callers share one load. A failed refresh keeps the previous list.
 */
export class CustomerDirectory {
  private matcher: CustomerMatcher | undefined;
  private loadedAt: Date | undefined;
  private inFlight: Promise<void> | undefined;
  private intervalHandle: unknown;
  private readonly timers: DirectoryTimers;

  constructor(private readonly deps: CustomerDirectoryDeps) {
    this.timers = deps.timers ?? defaultTimers;
  }

  /** When the cached list was last loaded; undefined before the first load. */
  get lastLoadedAt(): Date | undefined {
    return this.loadedAt;
  }

  /** How many customers are cached. */
  get size(): number {
    return this.matcher?.size ?? 0;
  }

  /** Starts the background refresh (the first load happens on the first tick or the first `find`). */
  start(): void {
    if (this.intervalHandle !== undefined) return;
    this.intervalHandle = this.timers.setInterval(
      () => {
        // load() logs the failure; the interval keeps going and the previous list keeps serving.
        this.refresh().catch(() => undefined);
      },
      this.deps.refreshIntervalInMs ?? 15 * 60_000,
    );
  }

  /** Stops the background refresh. */
  stop(): void {
    if (this.intervalHandle === undefined) return;
    this.timers.clearInterval(this.intervalHandle);
    this.intervalHandle = undefined;
  }

  /**
   * Reloads the list from Partner Center. A call while a load runs joins it instead of starting another.
   * @throws PartnerCenterError when the load fails (the previous list stays in use).
   */
  refresh(options?: OperationOptions): Promise<void> {
    this.inFlight ??= this.load(options).finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /**
   * Finds a customer by name or domain. Loads the list on first use; a search with no good match
   * refreshes once (when the list is older than `minRefreshOnMissIntervalInMs`) and searches again, so a
   * customer added minutes ago is found.
   * @throws PartnerCenterError only when no list could ever be loaded.
   */
  async find(query: string, options?: OperationOptions): Promise<CustomerMatch> {
    const matcher = this.matcher ?? (await this.loaded(options));
    const first = matcher.match(query);
    if (first.kind !== 'none' || !this.mayRefreshOnMiss()) return first;
    try {
      await this.refresh(options);
    } catch {
      return first;
    }
    return (this.matcher ?? matcher).match(query);
  }

  /** The cached customer with this id, if any (no Partner Center call). */
  get(customerId: string): DirectoryCustomer | undefined {
    return this.matcher?.customerById(customerId);
  }

  /**
   * The customer with this id: from the cache, else asked of Partner Center (a customer added since the
   * last load, or a fresh instance). Undefined when Partner Center doesn't know the id either.
   * @throws PartnerCenterError when Partner Center fails.
   */
  async lookup(customerId: string, options?: OperationOptions): Promise<DirectoryCustomer | undefined> {
    const cached = this.get(customerId);
    if (cached) return cached;
    const customer = await this.deps.partnerCenter.getCustomer(customerId, options);
    return customer ? toDirectoryCustomer(customer) : undefined;
  }

  private async loaded(options?: OperationOptions): Promise<CustomerMatcher> {
    await this.refresh(options);
    if (!this.matcher) throw new Error('customer directory load finished without a list');
    return this.matcher;
  }

  private mayRefreshOnMiss(): boolean {
    if (!this.loadedAt) return true;
    const ageInMs = this.deps.clock.now().getTime() - this.loadedAt.getTime();
    return ageInMs >= (this.deps.minRefreshOnMissIntervalInMs ?? 60_000);
  }

  private async load(options?: OperationOptions): Promise<void> {
    const started = this.deps.clock.now();
    const customers: DirectoryCustomer[] = [];
    try {
      const pages = this.deps.partnerCenter
        .listCustomers({ ...options, ...(this.deps.pageSize ? { size: this.deps.pageSize } : {}) })
        .byPage();
      for await (const page of pages) customers.push(...page.items.map(toDirectoryCustomer));
    } catch (error) {
      this.deps.logger.warn({ err: error, cached: this.size }, 'customer directory refresh failed');
      throw error;
    }
    this.matcher = new CustomerMatcher(customers, this.deps.matcher);
    this.loadedAt = started;
    this.deps.logger.info({ customers: customers.length }, 'customer directory loaded');
  }
}
