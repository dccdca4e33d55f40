/**
 * A token bucket on real (monotonic) time: `perSecond` tokens flow in, at most `burst` are kept.
 * Each request takes one; with none left the caller is told how long until the next one.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly capacity: number;

  constructor(
    private readonly perSecond: number,
    burst?: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.capacity = Math.max(1, burst ?? Math.ceil(perSecond));
    this.tokens = this.capacity;
    this.last = this.now();
  }

  /** Takes a token, or says in how many whole seconds (at least 1) one will be there. */
  take(): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const now = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - this.tokens) / this.perSecond)) };
  }
}
