import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PartnerCenterError } from '../../../../src/services/errors.js';
import { createSilentLogger } from '../../../../src/services/logging/logger.js';
import { nodeHttpFetch } from '../../../../src/services/partner-center/nodeHttpFetch.js';
import { PartnerCenterTransport } from '../../../../src/services/partner-center/partnerCenterTransport.js';
import { RouteRateLimiter } from '../../../../src/services/partner-center/routeRateLimiter.js';

/** A loopback server whose handler each test sets; records what it was sent. */
async function loopback(handler: http.RequestListener) {
  const received: { method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        method: request.method,
        url: request.url,
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      handler(request, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => new URL(path, `http://127.0.0.1:${port}`),
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => assert.fail('expected a failure'),
    (error: unknown) => error,
  );

describe('nodeHttpFetch: the Partner Center transport’s HTTP client', () => {
  let server: Awaited<ReturnType<typeof loopback>> | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('sends method, headers and body; answers status, every header and the whole body as UTF-8', async () => {
    server = await loopback((_request, response) => {
      response.writeHead(201, [
        ['Content-Type', 'application/json'],
        ['Retry-After', '3'],
        ['Set-Cookie', 'a=1'],
        ['Set-Cookie', 'b=2'],
      ]);
      // "Bäckström" with the ä split across two writes.
      const bytes = Buffer.from('{"name":"Bäckström"}', 'utf8');
      response.write(bytes.subarray(0, 11));
      setTimeout(() => response.end(bytes.subarray(11)), 5);
    });
    const answer = await nodeHttpFetch(server.url('/v1/carts?x=1'), {
      method: 'POST',
      headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json' },
      body: '{"qty":3}',
    });
    assert.equal(answer.status, 201);
    assert.equal(answer.headers.get('retry-after'), '3');
    assert.equal(answer.headers.get('set-cookie'), 'a=1, b=2');
    assert.deepEqual(JSON.parse(await answer.text()), { name: 'Bäckström' });
    const [sent] = server.received;
    assert.equal(sent?.method, 'POST');
    assert.equal(sent?.url, '/v1/carts?x=1');
    assert.equal(sent?.headers.authorization, 'Bearer t');
    assert.equal(sent?.headers['content-length'], '9');
    assert.equal(sent?.body, '{"qty":3}');
  });

  it('rejects with the signal’s reason when aborted, before or while waiting for the answer', async () => {
    server = await loopback(() => undefined);
    const before = AbortSignal.abort(new Error('stopped before'));
    assert.equal(
      (
        (await failureOf(
          nodeHttpFetch(server.url('/v1/x'), { method: 'GET', headers: {}, signal: before }),
        )) as Error
      ).message,
      'stopped before',
    );
    assert.equal(server.received.length, 0, 'nothing was sent');
    const controller = new AbortController();
    const pending = failureOf(
      nodeHttpFetch(server.url('/v1/x'), { method: 'GET', headers: {}, signal: controller.signal }),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort(new DOMException('The scan stopped.', 'AbortError'));
    const error = (await pending) as DOMException;
    assert.equal(error.name, 'AbortError');
    assert.equal(error.message, 'The scan stopped.');
  });

  it('fails like fetch on a connection refused or an answer cut off: TypeError("fetch failed") with the cause', async () => {
    server = await loopback((_request, response) => {
      response.writeHead(200, { 'Content-Length': '100' });
      response.write('{"partial":');
      setTimeout(() => response.socket?.destroy(), 5);
    });
    const cut = (await failureOf(
      nodeHttpFetch(server.url('/v1/x'), { method: 'GET', headers: {} }),
    )) as TypeError;
    assert.ok(cut instanceof TypeError);
    assert.equal(cut.message, 'fetch failed');
    const url = server.url('/v1/x');
    await server.close();
    server = undefined;
    const refused = (await failureOf(nodeHttpFetch(url, { method: 'GET', headers: {} }))) as TypeError;
    assert.equal(refused.message, 'fetch failed');
    assert.equal((refused.cause as { code?: string }).code, 'ECONNREFUSED');
  });

  it('under the transport: an attempt past its time limit is a timeout, retried with the same request id', async () => {
    let calls = 0;
    server = await loopback((_request, response) => {
      calls++;
      // The first attempt never gets an answer; the second does. (Not chained: restify, loaded by other
      // suites in the same process, replaces writeHead with one that returns nothing.)
      if (calls !== 2) return;
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end('{"id":"c1"}');
    });
    const transport = new PartnerCenterTransport({
      baseUrl: server.url('/').origin,
      locale: 'en-US',
      limiter: new RouteRateLimiter({
        perSecond: { subscriptions: 1000, licenseUpdates: 1000, orders: 1000, reads: 1000 },
      }),
      logger: createSilentLogger(),
      attemptTimeoutInMs: 300,
      random: () => 0,
      retry: { maxAttempts: 2 },
    });
    const answer = await transport.send<{ id: string }>({
      method: 'GET',
      path: '/v1/customers/c1',
      family: 'reads',
      credential: () => Promise.resolve('token'),
      requestId: 'request-1',
    });
    assert.deepEqual(answer.body, { id: 'c1' });
    assert.deepEqual(
      server.received.map((request) => request.headers['ms-requestid']),
      ['request-1', 'request-1'],
    );
    const stopped = new AbortController();
    const pending = failureOf(
      transport.send({
        method: 'GET',
        path: '/v1/customers/c2',
        family: 'reads',
        credential: () => Promise.resolve('token'),
        abortSignal: stopped.signal,
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    stopped.abort();
    const error = await pending;
    assert.ok(!(error instanceof PartnerCenterError), 'the caller’s abort is not a Partner Center failure');
    assert.equal((error as Error).name, 'AbortError');
    assert.equal(server.received.length, 3, 'an aborted call is not retried');
  });
});
