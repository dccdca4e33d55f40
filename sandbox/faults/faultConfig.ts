import { z } from 'zod';

/**
 * A run's fault configuration (`PUT /_sandbox/faults`, or `startSandbox({ faults })`). Everything random
 * draws from one PRNG seeded with `rngSeed`, so a run is reproducible for the same request sequence.
 * Faults apply to Partner Center routes (`/v1/…`) only, never to `/_sandbox` or the token authority.
 */

/** Route families, as Partner Center throttles them and the client paces them (DESIGN §3). */
export const SandboxRouteFamily = {
  /** GET one subscription, PATCH a subscription, its provisioning status. */
  subscriptions: 'subscriptions',
  licenseUpdates: 'licenseUpdates',
  /** Carts (create, checkout) and orders (list, get). */
  orders: 'orders',
  /** Every other GET. */
  reads: 'reads',
} as const;
export type SandboxRouteFamily = (typeof SandboxRouteFamily)[keyof typeof SandboxRouteFamily];

/** An injected HTTP answer. A 429 gets Partner Center's throttle body and `Retry-After` (default 1 s). */
export interface StatusFault {
  status: number;
  /** Seconds for `Retry-After` (429 and 503). Default 1. */
  retryAfterSeconds?: number;
  /** Error body `code` (non-429). Default: the status. */
  code?: number | string;
  description?: string;
}

/** What a scripted entry does to a matching request. */
export type ScriptedFaultAction =
  | StatusFault
  /** Destroy the socket before acting: nothing happened, the client sees a reset. */
  | 'drop'
  /** Act (buy, assign…), then destroy the socket: it happened, the client sees a reset. */
  | 'dropAfterCommit'
  /** Extra latency, then answer normally. */
  | { latencyMs: number };

/** One entry of the scripted queue; entries are consumed in order of matching. */
export interface ScriptedFault {
  /** HTTP method to match (any when absent). */
  method?: string;
  /** Regular expression tested against the request path (without the query string). */
  path: string;
  /** How many matching requests it affects. Default 1. */
  times?: number;
  fault: ScriptedFaultAction;
}

/** The whole configuration. Every field is optional; `{}` means no faults. */
export interface FaultConfig {
  /** Seed of the fault PRNG. Default 1. */
  rngSeed?: number;
  /** Added to every Partner Center call: fixed, or uniform in [min, max]. */
  latencyMs?: number | { min: number; max: number };
  /** Per-family token buckets; over the limit → 429 with `Retry-After` = seconds until a token. */
  rateLimits?: Partial<Record<SandboxRouteFamily, { perSecond: number; burst?: number }>>;
  /** Random server errors. `statuses` default [500, 502, 503]. */
  serverErrors?: { probability: number; statuses?: number[] };
  /** With `probability` per call, a burst of `length` consecutive 429s starts. */
  throttleBursts?: { probability: number; length: number; retryAfterSeconds?: number };
  /** Random dropped connections, before acting or after acting (the "unclear answer"). */
  drops?: { beforeProbability?: number; afterCommitProbability?: number };
  /** Limits the random faults (not latency, limits or the script) to matching calls. */
  match?: { method?: string; path?: string };
  /** How long a subscription bought at checkout stays `pending`. Default 0 (active at once). */
  provisioningDelayMs?: number;
  /** How far `consumedUnits` in subscribed SKUs lags behind license changes. Default 0. */
  consumedUnitsLagMs?: number;
  /** Deterministic faults for tests. */
  script?: ScriptedFault[];
}

const probability = z.number().min(0).max(1);
const regex = z.string().refine((source) => {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}, 'not a valid regular expression');

const statusFault = z.strictObject({
  status: z.number().int().min(400).max(599),
  retryAfterSeconds: z.number().min(0).optional(),
  code: z.union([z.number(), z.string()]).optional(),
  description: z.string().optional(),
});

/** Validates one scripted fault. */
export const scriptedFaultSchema = z.strictObject({
  method: z.string().optional(),
  path: regex,
  times: z.number().int().positive().optional(),
  fault: z.union([
    statusFault,
    z.literal('drop'),
    z.literal('dropAfterCommit'),
    z.strictObject({ latencyMs: z.number().min(0) }),
  ]),
}) satisfies z.ZodType<ScriptedFault>;

const rateLimit = z.strictObject({
  perSecond: z.number().positive(),
  burst: z.number().int().positive().optional(),
});

/** Validates a whole fault configuration (admin API input). */
export const faultConfigSchema = z.strictObject({
  rngSeed: z.number().int().optional(),
  latencyMs: z
    .union([z.number().min(0), z.strictObject({ min: z.number().min(0), max: z.number().min(0) })])
    .optional(),
  rateLimits: z
    .strictObject({
      subscriptions: rateLimit.optional(),
      licenseUpdates: rateLimit.optional(),
      orders: rateLimit.optional(),
      reads: rateLimit.optional(),
    })
    .optional(),
  serverErrors: z
    .strictObject({ probability, statuses: z.array(z.number().int().min(500).max(599)).min(1).optional() })
    .optional(),
  throttleBursts: z
    .strictObject({
      probability,
      length: z.number().int().positive(),
      retryAfterSeconds: z.number().min(0).optional(),
    })
    .optional(),
  drops: z
    .strictObject({
      beforeProbability: probability.optional(),
      afterCommitProbability: probability.optional(),
    })
    .optional(),
  match: z.strictObject({ method: z.string().optional(), path: regex.optional() }).optional(),
  provisioningDelayMs: z.number().min(0).optional(),
  consumedUnitsLagMs: z.number().min(0).optional(),
  script: z.array(scriptedFaultSchema).optional(),
}) satisfies z.ZodType<FaultConfig>;
