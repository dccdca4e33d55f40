/**
 * When to try a Partner Center call again, and after how long: one pure function, table-tested.
 *
 * - 429 and 503 wait exactly what `Retry-After` says (seconds or HTTP date), without jitter: the server
 *   told us when it will have room, and jitter would only make us late.
 * - Other 5xx, 408, timeouts and dropped connections back off exponentially with full jitter, so many
 *   clients that failed together don't come back together (AWS Architecture Blog, "Exponential Backoff
 *   And Jitter").
 * - Other 4xx are answers, not accidents: never retried.
 * - Attempts and total time are bounded; a wait that would end past the time budget stops instead.
 *
 * POSTs are retried too, only because the transport reuses the operation's `MS-RequestId` on every
 * attempt so Partner Center can recognise the repeat (shared/reference/partner-center-api.md §2).
 */

/** What the last attempt ended with. */
export type AttemptOutcome =
  | { kind: 'response'; status: number; retryAfter?: string | null }
  | { kind: 'timeout' }
  | { kind: 'networkError'; code?: string };

export interface RetryState {
  /** Attempts made so far, including the one that just ended (1 after the first). */
  attempt: number;
  /** Milliseconds since the first attempt started. */
  elapsedInMs: number;
  outcome: AttemptOutcome;
  /** For HTTP-date `Retry-After` values. */
  now: Date;
  /** Uniform in [0, 1); injected so tests are deterministic. */
  random: () => number;
}

export interface RetryPolicyOptions {
  /** Total attempts including the first. Default 6. */
  maxAttempts?: number;
  /** Time budget for all attempts and waits. Default 120 000 ms. */
  maxElapsedInMs?: number;
  /** First backoff ceiling for exponential waits. Default 500 ms. */
  baseDelayInMs?: number;
  /** Largest exponential wait. Default 30 000 ms. */
  maxDelayInMs?: number;
}

export type RetryDecision =
  | { retry: true; delayInMs: number }
  | { retry: false; reason: 'success' | 'not_retryable' | 'attempts_exhausted' | 'time_exhausted' };

export const defaultRetryPolicy: Required<RetryPolicyOptions> = {
  maxAttempts: 6,
  maxElapsedInMs: 120_000,
  baseDelayInMs: 500,
  maxDelayInMs: 30_000,
};

/** Parses `Retry-After` as delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now.getTime());
}

function isServerTold(status: number): boolean {
  return status === 429 || status === 503;
}

function isTransient(outcome: AttemptOutcome): boolean {
  switch (outcome.kind) {
    case 'timeout':
    case 'networkError':
      return true;
    case 'response':
      return outcome.status === 408 || outcome.status === 429 || outcome.status >= 500;
  }
}

/** Decides whether and when to try again. Pure: same state, same answer. */
export function decideRetry(state: RetryState, options: RetryPolicyOptions = {}): RetryDecision {
  const policy = { ...defaultRetryPolicy, ...options };
  const { outcome } = state;
  if (outcome.kind === 'response' && outcome.status < 400) return { retry: false, reason: 'success' };
  if (!isTransient(outcome)) return { retry: false, reason: 'not_retryable' };
  if (state.attempt >= policy.maxAttempts) return { retry: false, reason: 'attempts_exhausted' };

  const told =
    outcome.kind === 'response' && isServerTold(outcome.status)
      ? parseRetryAfter(outcome.retryAfter, state.now)
      : undefined;
  const delayInMs =
    told ??
    Math.floor(
      state.random() * Math.min(policy.maxDelayInMs, policy.baseDelayInMs * 2 ** (state.attempt - 1)),
    );
  if (state.elapsedInMs + delayInMs > policy.maxElapsedInMs)
    return { retry: false, reason: 'time_exhausted' };
  return { retry: true, delayInMs };
}
