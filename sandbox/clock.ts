/**
 * The sandbox's one clock: wall time plus an adjustable offset. Every date the sandbox writes or
 * judges (creation dates, provisioning, consumed-units lag, cancellation windows, de-provisioning,
 * ledger times) reads it, so a test can jump 120 days ahead without waiting.
 * Rate limits and latency use real time instead: they are about the caller's real request rate.
 */
export class SandboxClock {
  constructor(private offset = 0) {}

  /** Sandbox "now". */
  now(): Date {
    return new Date(this.nowMs());
  }

  /** Sandbox "now" in epoch milliseconds. */
  nowMs(): number {
    return Date.now() + this.offset;
  }

  /** Milliseconds the sandbox is ahead of (positive) or behind (negative) the wall clock. */
  get offsetMs(): number {
    return this.offset;
  }

  /** Sets the offset from the wall clock. */
  setOffset(offsetMs: number): void {
    this.offset = offsetMs;
  }

  /** Makes "now" the given instant (time keeps flowing from there). */
  setNow(instant: Date): void {
    this.offset = instant.getTime() - Date.now();
  }

  /** Moves "now" forward (or back, with a negative value). */
  advance(ms: number): void {
    this.offset += ms;
  }
}

/** One day in milliseconds. */
export const dayMs = 86_400_000;
