/** The only source of "now" for the domain, so tests and the sandbox can move time. */
export interface Clock {
  now(): Date;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => new Date() };
