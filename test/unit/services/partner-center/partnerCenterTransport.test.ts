import assert from 'node:assert/strict';
import { PartnerCenterError, SignInRequiredError } from '../../../../src/services/errors.js';
import { createSilentLogger } from '../../../../src/services/logging/logger.js';
import { PartnerCenterTransport } from '../../../../src/services/partner-center/partnerCenterTransport.js';
import { RouteRateLimiter } from '../../../../src/services/partner-center/routeRateLimiter.js';

type Reply = Response | Error;

/** A scripted fetch: answers in order and records what it was sent. */
function scriptedFetch(replies: Reply[]) {
  const calls: { url: string; init: RequestInit; headers: Headers }[] = [];
  const fetchImpl = ((url: URL | string, init: RequestInit = {}) => {
    calls.push({ url: String(url), init, headers: new Headers(init.headers) });
    const reply = replies.shift();
    if (!reply) throw new Error('no scripted reply left');
    if (reply instanceof Error) return Promise.reject(reply);
    return Promise.resolve(reply);
  }) as typeof fetch;
  return { fetchImpl, calls };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

function reset(): Error {
  return new TypeError('fetch failed', {
    cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
  });
}

function transportWith(replies: Reply[]) {
  const script = scriptedFetch(replies);
  const limiter = new RouteRateLimiter({
    perSecond: { subscriptions: 1000, licenseUpdates: 1000, orders: 1000, reads: 1000 },
  });
  const transport = new PartnerCenterTransport({
    baseUrl: 'http://127.0.0.1:1',
    locale: 'sv-SE',
    limiter,
    logger: createSilentLogger(),
    fetch: script.fetchImpl,
    random: () => 0,
    retry: { maxAttempts: 4 },
  });
  return { transport, calls: script.calls };
}

const credential = () => Promise.resolve('token-1');

describe('PartnerCenterTransport', () => {
  it('sends the Partner Center headers and returns the parsed body', async () => {
    const { transport, calls } = transportWith([json(200, { id: 'c1' })]);
    const response = await transport.send<{ id: string }>({
      method: 'GET',
      path: '/v1/customers/c1',
      family: 'reads',
      credential,
      correlationId: 'corr-1',
    });
    assert.deepEqual(response.body, { id: 'c1' });
    const headers = calls[0]?.headers;
    assert.equal(headers?.get('authorization'), 'Bearer token-1');
    assert.equal(headers?.get('accept'), 'application/json');
    assert.equal(headers?.get('x-locale'), 'sv-SE');
    assert.equal(headers?.get('ms-correlationid'), 'corr-1');
    assert.match(headers?.get('ms-requestid') ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(calls[0]?.url, 'http://127.0.0.1:1/v1/customers/c1');
  });

  it('reuses one MS-RequestId on every retry of a POST (429, 500, dropped connection)', async () => {
    const { transport, calls } = transportWith([
      json(
        429,
        { statusCode: 429, message: 'Rate limit is exceeded. Try again in 0 seconds.' },
        { 'retry-after': '0' },
      ),
      json(500, { code: 500, description: 'boom' }),
      reset(),
      json(201, { ok: true }),
    ]);
    const response = await transport.send({
      method: 'POST',
      path: '/v1/customers/c1/carts',
      family: 'orders',
      credential,
      body: { lineItems: [] },
      requestId: 'req-fixed',
    });
    assert.equal(response.status, 201);
    assert.equal(calls.length, 4);
    assert.deepEqual(
      calls.map((call) => call.headers.get('ms-requestid')),
      ['req-fixed', 'req-fixed', 'req-fixed', 'req-fixed'],
    );
    assert.equal(calls[0]?.headers.get('content-type'), 'application/json');
  });

  it('never retries a business 4xx and reports it as a typed error', async () => {
    const { transport, calls } = transportWith([
      json(400, {
        code: 60012,
        description: 'run out of licenses',
        data: ['LicenseQuotaExceededException'],
        source: 'PartnerFD',
      }),
    ]);
    const error = await transport
      .send({
        method: 'POST',
        path: '/v1/customers/c1/users/u1/licenseupdates?x=1',
        family: 'licenseUpdates',
        credential,
      })
      .then(
        () => assert.fail('expected a failure'),
        (caught: unknown) => caught,
      );
    assert.ok(error instanceof PartnerCenterError);
    assert.equal(calls.length, 1);
    assert.equal(error.status, 400);
    assert.equal(error.errorCode, '60012');
    assert.equal(error.description, 'run out of licenses');
    assert.deepEqual(error.data, ['LicenseQuotaExceededException']);
    assert.equal(error.path, '/v1/customers/c1/users/u1/licenseupdates');
    assert.equal(error.isOutcomeUnknown, false);
  });

  it('reads the 429 body shape when retries run out', async () => {
    const throttled = () =>
      json(
        429,
        { statusCode: 429, message: 'Rate limit is exceeded. Try again in 0 seconds.' },
        { 'retry-after': '0' },
      );
    const { transport, calls } = transportWith([throttled(), throttled(), throttled(), throttled()]);
    const error = await transport
      .send({ method: 'GET', path: '/v1/customers', family: 'reads', credential })
      .catch((caught: unknown) => caught);
    assert.equal(calls.length, 4);
    assert.ok(error instanceof PartnerCenterError);
    assert.equal(error.status, 429);
    assert.match(error.description, /Rate limit is exceeded/);
  });

  it('says the outcome is unknown when no answer ever arrived', async () => {
    const { transport } = transportWith([reset(), reset(), reset(), reset()]);
    const error = await transport
      .send({ method: 'POST', path: '/v1/customers/c1/carts/k/checkout', family: 'orders', credential })
      .catch((caught: unknown) => caught);
    assert.ok(error instanceof PartnerCenterError);
    assert.equal(error.status, 0);
    assert.equal(error.isOutcomeUnknown, true);
    assert.match(error.description, /may or may not have taken effect/);
  });

  it('does not retry when the credential needs a sign-in', async () => {
    const { transport, calls } = transportWith([json(200, {})]);
    const error = await transport
      .send({
        method: 'GET',
        path: '/v1/customers',
        family: 'reads',
        credential: () => Promise.reject(new SignInRequiredError('mfa_required', 'MFA needed')),
      })
      .catch((caught: unknown) => caught);
    assert.ok(error instanceof SignInRequiredError);
    assert.equal(calls.length, 0);
  });

  it('resolves Partner Center links with and without the /v1 prefix', () => {
    assert.equal(PartnerCenterTransport.pathOfLink('/v1/customers?size=2'), '/v1/customers?size=2');
    assert.equal(PartnerCenterTransport.pathOfLink('/customers/c/users'), '/v1/customers/c/users');
    assert.equal(PartnerCenterTransport.pathOfLink('customers/c'), '/v1/customers/c');
    assert.equal(
      PartnerCenterTransport.pathOfLink('https://api.partnercenter.microsoft.com/v1/customers?seek=1'),
      '/v1/customers?seek=1',
    );
  });
});

describe('RouteRateLimiter', () => {
  it('refuses a share outside (0, 1] and non-positive rates', () => {
    const perSecond = { subscriptions: 1, licenseUpdates: 1, orders: 1, reads: 1 };
    assert.throws(() => new RouteRateLimiter({ perSecond, instanceShare: 0 }), RangeError);
    assert.throws(() => new RouteRateLimiter({ perSecond, instanceShare: 1.2 }), RangeError);
    assert.throws(() => new RouteRateLimiter({ perSecond: { ...perSecond, orders: 0 } }), RangeError);
  });
});
