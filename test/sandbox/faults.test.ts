import assert from 'node:assert/strict';

import { FaultInjector } from '../../sandbox/faults/faultInjector.js';
import { TokenBucket } from '../../sandbox/faults/tokenBucket.js';
import { DemoIds } from '../../sandbox/seeds/demoIds.js';
import type { RunningSandbox } from '../../sandbox/server.js';
import { call, errorBody, ledger, reset, setFaults, startTestSandbox } from './helpers.js';

const customersPath = '/v1/customers?size=1';
const contosoSubscriptions = `/v1/customers/${DemoIds.customers.contoso}/subscriptions`;

describe('sandbox fault injection', () => {
  let sandbox: RunningSandbox;
  before(async () => {
    sandbox = await startTestSandbox();
  });
  after(() => sandbox.close());
  beforeEach(() => reset(sandbox));

  const statuses = async (count: number, path = customersPath) => {
    const seen: number[] = [];
    for (let i = 0; i < count; i++) seen.push((await call(sandbox, 'GET', path)).status);
    return seen;
  };

  it('rate-limits a route family with Partner Center’s 429 body and Retry-After', async () => {
    await setFaults(sandbox, { rateLimits: { reads: { perSecond: 2, burst: 2 } } });
    assert.deepEqual(await statuses(2), [200, 200]);
    const limited = await call(sandbox, 'GET', customersPath);
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '1');
    assert.deepEqual(limited.body, {
      statusCode: 429,
      message: 'Rate limit is exceeded. Try again in 1 seconds.',
    });
    const otherFamily = await call(
      sandbox,
      'GET',
      `${contosoSubscriptions}/${DemoIds.subscriptions.contosoE4}`,
    );
    assert.equal(otherFamily.status, 200, 'the subscriptions family has its own bucket');
    const faults = await ledger(sandbox, { kind: 'fault' });
    assert.deepEqual(
      faults.map((e) => e.kind === 'fault' && [e.fault, e.source, e.status]),
      [['rateLimit', 'rateLimit', 429]],
    );
  });

  it('says how many seconds until the next token', () => {
    let now = 0;
    const bucket = new TokenBucket(0.25, 1, () => now);
    assert.deepEqual(bucket.take(), { ok: true });
    assert.deepEqual(bucket.take(), { ok: false, retryAfterSeconds: 4 });
    now = 2000;
    assert.deepEqual(bucket.take(), { ok: false, retryAfterSeconds: 2 });
    now = 4000;
    assert.deepEqual(bucket.take(), { ok: true });
  });

  it('consumes scripted faults in order of matching, by method and path', async () => {
    await setFaults(sandbox, {
      script: [
        {
          method: 'GET',
          path: '/subscriptions$',
          times: 2,
          fault: { status: 500, code: 'ServerBusy', description: 'busy' },
        },
        { path: '^/v1/customers$', fault: { status: 429, retryAfterSeconds: 7 } },
      ],
    });
    const first = await call(sandbox, 'GET', contosoSubscriptions);
    assert.deepEqual([first.status, first.body], [500, errorBody('ServerBusy', 'busy')]);
    const customers = await call(sandbox, 'GET', customersPath);
    assert.deepEqual([customers.status, customers.headers.get('retry-after')], [429, '7']);
    assert.deepEqual(await statuses(2, contosoSubscriptions), [500, 200]);
    assert.deepEqual(await statuses(1), [200]);
    const config = await call<{ script: unknown[] }>(sandbox, 'GET', '/_sandbox/faults', { token: null });
    assert.deepEqual(config.body.script, []);
  });

  it('adds latency', async () => {
    await setFaults(sandbox, { latencyMs: 150 });
    const started = performance.now();
    await call(sandbox, 'GET', customersPath);
    assert.ok(performance.now() - started >= 145);
  });

  it('injects the same random faults for the same rngSeed', async () => {
    const config = { rngSeed: 42, serverErrors: { probability: 0.5 } };
    await setFaults(sandbox, config);
    const first = await statuses(20);
    await setFaults(sandbox, config);
    const second = await statuses(20);
    await setFaults(sandbox, { ...config, rngSeed: 7 });
    const other = await statuses(20);
    assert.deepEqual(second, first);
    assert.notDeepEqual(other, first);
    assert.ok(first.some((status) => status >= 500) && first.includes(200));
    assert.ok(first.every((status) => [200, 500, 502, 503].includes(status)));
  });

  it('throttles in bursts of the configured length', () => {
    const injector = new FaultInjector({ rngSeed: 3, throttleBursts: { probability: 0.15, length: 3 } });
    const outcomes = Array.from(
      { length: 200 },
      () => injector.decide('GET', '/v1/customers', 'reads').respond?.result.status ?? 200,
    );
    const runs = outcomes
      .join(',')
      .split('200')
      .map((run) => run.split(',').filter(Boolean).length)
      .filter((n) => n > 0);
    assert.ok(runs.length > 3, 'several bursts happened');
    for (const run of runs.slice(0, -1)) assert.equal(run % 3, 0, `bursts come in threes, got ${run}`);
  });

  it('limits random faults to matching calls and never touches the admin API', async () => {
    await setFaults(sandbox, {
      serverErrors: { probability: 1, statuses: [502] },
      match: { path: '/subscriptions$' },
    });
    assert.deepEqual(await statuses(2), [200, 200]);
    assert.deepEqual(await statuses(2, contosoSubscriptions), [502, 502]);
    assert.equal((await call(sandbox, 'GET', '/_sandbox/clock', { token: null })).status, 200);
  });

  it('drops connections at random before or after acting', () => {
    const before = new FaultInjector({ drops: { beforeProbability: 1 } });
    assert.deepEqual(before.decide('POST', '/v1/customers/x/carts', 'orders').drop, {
      when: 'before',
      source: 'random',
    });
    const after = new FaultInjector({ drops: { afterCommitProbability: 1 } });
    assert.deepEqual(after.decide('POST', '/v1/customers/x/carts', 'orders').drop, {
      when: 'afterCommit',
      source: 'random',
    });
  });

  it('refuses an invalid fault configuration', async () => {
    const answer = await call(sandbox, 'PUT', '/_sandbox/faults', {
      token: null,
      body: { serverErrors: { probability: 2 } },
    });
    assert.equal(answer.status, 400);
    const badRegex = await call(sandbox, 'POST', '/_sandbox/faults/script', {
      token: null,
      body: [{ path: '(', fault: 'drop' }],
    });
    assert.equal(badRegex.status, 400);
  });
});
