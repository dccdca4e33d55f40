import { throttled, pcError, type PcResult } from '../pcErrors.js';
import type { FaultConfig, SandboxRouteFamily, ScriptedFault } from './faultConfig.js';
import { seededRandom } from './prng.js';
import { TokenBucket } from './tokenBucket.js';

/** What the injector decided for one call. */
export interface FaultDecision {
  /** Wait this long first. */
  latencyMs: number;
  /** Answer with this instead of acting. */
  respond?: { result: PcResult; fault: 'status' | 'rateLimit'; source: 'script' | 'random' | 'rateLimit' };
  /** Destroy the socket before acting, or after acting. */
  drop?: { when: 'before' | 'afterCommit'; source: 'script' | 'random' };
}

interface LiveScriptEntry {
  entry: ScriptedFault;
  pattern: RegExp;
  remaining: number;
}

function statusResult(
  status: number,
  retryAfterSeconds = 1,
  code?: number | string,
  description?: string,
): PcResult {
  if (status === 429) return throttled(retryAfterSeconds);
  const result = pcError(
    status,
    code ?? status,
    description ?? `Injected fault: the service answered ${status}.`,
  );
  if (status === 503) result.headers = { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) };
  return result;
}

/**
 * Decides, per Partner Center call, which faults apply: the scripted queue first (deterministic), then
 * the random faults (drawn from the seeded PRNG — always the same number of draws per call, so one
 * call's outcome doesn't shift the next one's), then the route family's rate limit.
 */
export class FaultInjector {
  private readonly random: () => number;
  private readonly buckets = new Map<SandboxRouteFamily, TokenBucket>();
  private script: LiveScriptEntry[] = [];
  private burstRemaining = 0;
  private readonly matchMethod?: string;
  private readonly matchPath?: RegExp;

  constructor(private readonly base: FaultConfig) {
    this.random = seededRandom(base.rngSeed ?? 1);
    for (const [family, limit] of Object.entries(base.rateLimits ?? {})) {
      if (limit)
        this.buckets.set(family as SandboxRouteFamily, new TokenBucket(limit.perSecond, limit.burst));
    }
    this.appendScript(base.script ?? []);
    this.matchMethod = base.match?.method?.toUpperCase();
    this.matchPath = base.match?.path === undefined ? undefined : new RegExp(base.match.path);
  }

  /** The configuration in force, with the scripted entries still waiting (and their remaining counts). */
  get config(): FaultConfig {
    const script = this.script.map(({ entry, remaining }) => ({ ...entry, times: remaining }));
    return { ...this.base, script };
  }

  /** How long checkout's new subscriptions stay pending. */
  get provisioningDelayMs(): number {
    return this.base.provisioningDelayMs ?? 0;
  }

  /** How far reported consumed units lag behind license changes. */
  get consumedUnitsLagMs(): number {
    return this.base.consumedUnitsLagMs ?? 0;
  }

  /** Adds entries to the end of the scripted queue. */
  appendScript(entries: ScriptedFault[]): void {
    for (const entry of entries) {
      this.script.push({ entry, pattern: new RegExp(entry.path), remaining: entry.times ?? 1 });
    }
  }

  /** Decides the faults of one call to `path` (no query string). */
  decide(method: string, path: string, family: SandboxRouteFamily): FaultDecision {
    const decision: FaultDecision = { latencyMs: this.baseLatency() };
    this.applyScript(method, path, decision);
    const draws = [this.random(), this.random(), this.random(), this.random()] as const;
    if (!decision.respond && !decision.drop && this.randomFaultsApply(method, path))
      this.applyRandom(draws, decision);
    if (!decision.respond && decision.drop?.when !== 'before') {
      const taken = this.buckets.get(family)?.take();
      if (taken && !taken.ok) {
        decision.respond = {
          result: throttled(taken.retryAfterSeconds),
          fault: 'rateLimit',
          source: 'rateLimit',
        };
        decision.drop = undefined;
      }
    }
    return decision;
  }

  private baseLatency(): number {
    const latency = this.base.latencyMs;
    if (latency === undefined) return 0;
    if (typeof latency === 'number') return latency;
    return latency.min + this.random() * Math.max(0, latency.max - latency.min);
  }

  private applyScript(method: string, path: string, decision: FaultDecision): void {
    const index = this.script.findIndex(
      ({ entry, pattern }) =>
        (entry.method === undefined || entry.method.toUpperCase() === method.toUpperCase()) &&
        pattern.test(path),
    );
    const live = this.script[index];
    if (!live) return;
    live.remaining--;
    if (live.remaining <= 0) this.script.splice(index, 1);
    const fault = live.entry.fault;
    if (fault === 'drop') decision.drop = { when: 'before', source: 'script' };
    else if (fault === 'dropAfterCommit') decision.drop = { when: 'afterCommit', source: 'script' };
    else if ('latencyMs' in fault) decision.latencyMs += fault.latencyMs;
    else {
      const result = statusResult(fault.status, fault.retryAfterSeconds, fault.code, fault.description);
      decision.respond = { result, fault: 'status', source: 'script' };
    }
  }

  private randomFaultsApply(method: string, path: string): boolean {
    if (this.matchMethod !== undefined && this.matchMethod !== method.toUpperCase()) return false;
    return this.matchPath === undefined || this.matchPath.test(path);
  }

  private applyRandom(draws: readonly [number, number, number, number], decision: FaultDecision): void {
    const [burstDraw, errorDraw, dropDraw, afterDraw] = draws;
    const bursts = this.base.throttleBursts;
    if (bursts && (this.burstRemaining > 0 || burstDraw < bursts.probability)) {
      this.burstRemaining = this.burstRemaining > 0 ? this.burstRemaining - 1 : bursts.length - 1;
      decision.respond = {
        result: throttled(bursts.retryAfterSeconds ?? 1),
        fault: 'status',
        source: 'random',
      };
      return;
    }
    const errors = this.base.serverErrors;
    if (errors && errorDraw < errors.probability) {
      const statuses = errors.statuses ?? [500, 502, 503];
      const status = statuses[Math.floor((errorDraw / errors.probability) * statuses.length)] ?? 500;
      decision.respond = { result: statusResult(status), fault: 'status', source: 'random' };
      return;
    }
    const drops = this.base.drops;
    if (drops && dropDraw < (drops.beforeProbability ?? 0))
      decision.drop = { when: 'before', source: 'random' };
    else if (drops && afterDraw < (drops.afterCommitProbability ?? 0)) {
      decision.drop = { when: 'afterCommit', source: 'random' };
    }
  }
}
