import assert from 'node:assert/strict';
import {
  decideRetry,
  parseRetryAfter,
  type RetryState,
} from '../../../../src/services/partner-center/retryPolicy.js';

const now = new Date('2026-11-23T12:00:00Z');
const state = (overrides: Partial<RetryState>): RetryState => ({
  attempt: 1,
  elapsedInMs: 0,
  outcome: { kind: 'response', status: 500 },
  now,
  random: () => 0.5,
  ...overrides,
});

describe('decideRetry', () => {
  const table: { name: string; state: Partial<RetryState>; expected: ReturnType<typeof decideRetry> }[] = [
    {
      name: '200 is success',
      state: { outcome: { kind: 'response', status: 200 } },
      expected: { retry: false, reason: 'success' },
    },
    {
      name: '201 is success',
      state: { outcome: { kind: 'response', status: 201 } },
      expected: { retry: false, reason: 'success' },
    },
    {
      name: '429 waits Retry-After seconds, no jitter',
      state: { outcome: { kind: 'response', status: 429, retryAfter: '7' } },
      expected: { retry: true, delayInMs: 7000 },
    },
    {
      name: '503 waits an HTTP-date Retry-After',
      state: { outcome: { kind: 'response', status: 503, retryAfter: 'Mon, 23 Nov 2026 12:00:03 GMT' } },
      expected: { retry: true, delayInMs: 3000 },
    },
    {
      name: '429 without Retry-After backs off exponentially with jitter',
      state: { attempt: 3, outcome: { kind: 'response', status: 429 } },
      expected: { retry: true, delayInMs: 1000 },
    },
    {
      name: '500 backs off: random × min(max, base × 2^(n−1))',
      state: { attempt: 2, outcome: { kind: 'response', status: 500 } },
      expected: { retry: true, delayInMs: 500 },
    },
    {
      name: '502 on attempt 1 uses the base ceiling',
      state: { outcome: { kind: 'response', status: 502 } },
      expected: { retry: true, delayInMs: 250 },
    },
    {
      name: 'exponential wait is capped at maxDelay',
      state: { attempt: 5, outcome: { kind: 'response', status: 504 }, random: () => 0.999 },
      expected: { retry: true, delayInMs: 7992 },
    },
    {
      name: 'timeout is retried',
      state: { outcome: { kind: 'timeout' } },
      expected: { retry: true, delayInMs: 250 },
    },
    {
      name: 'connection reset is retried',
      state: { outcome: { kind: 'networkError', code: 'ECONNRESET' } },
      expected: { retry: true, delayInMs: 250 },
    },
    {
      name: '408 is retried',
      state: { outcome: { kind: 'response', status: 408 } },
      expected: { retry: true, delayInMs: 250 },
    },
    {
      name: '400 is never retried',
      state: { outcome: { kind: 'response', status: 400 } },
      expected: { retry: false, reason: 'not_retryable' },
    },
    {
      name: '401 is never retried',
      state: { outcome: { kind: 'response', status: 401 } },
      expected: { retry: false, reason: 'not_retryable' },
    },
    {
      name: '403 is never retried',
      state: { outcome: { kind: 'response', status: 403 } },
      expected: { retry: false, reason: 'not_retryable' },
    },
    {
      name: '404 is never retried',
      state: { outcome: { kind: 'response', status: 404 } },
      expected: { retry: false, reason: 'not_retryable' },
    },
    {
      name: '409 is never retried',
      state: { outcome: { kind: 'response', status: 409 } },
      expected: { retry: false, reason: 'not_retryable' },
    },
    {
      name: 'attempts are bounded',
      state: { attempt: 6, outcome: { kind: 'response', status: 500 } },
      expected: { retry: false, reason: 'attempts_exhausted' },
    },
    {
      name: 'a wait past the time budget stops',
      state: { elapsedInMs: 119_000, outcome: { kind: 'response', status: 429, retryAfter: '5' } },
      expected: { retry: false, reason: 'time_exhausted' },
    },
  ];

  for (const row of table) {
    it(row.name, () => {
      assert.deepEqual(decideRetry(state(row.state), { maxDelayInMs: 8000 }), row.expected);
    });
  }

  it('uses the default limits when given none', () => {
    assert.deepEqual(decideRetry(state({ attempt: 6 })), { retry: false, reason: 'attempts_exhausted' });
    assert.deepEqual(decideRetry(state({ attempt: 5 })), { retry: true, delayInMs: 4000 });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds, fractions, dates, and rejects garbage', () => {
    assert.equal(parseRetryAfter('1', now), 1000);
    assert.equal(parseRetryAfter(' 2.5 ', now), 2500);
    assert.equal(parseRetryAfter('Mon, 23 Nov 2026 12:01:00 GMT', now), 60_000);
    assert.equal(parseRetryAfter('Mon, 23 Nov 2026 11:00:00 GMT', now), 0);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter(null, now), undefined);
    assert.equal(parseRetryAfter(undefined, now), undefined);
  });
});
