import http from 'node:http';
import https from 'node:https';

/**
 * What the transport needs of one HTTP exchange: `fetch`'s shape, narrowed to what it reads (status,
 * headers, the body as text). The platform's `fetch` fits it, and tests pass a scripted one.
 */
export type HttpFetch = (url: URL, init: HttpFetchInit) => Promise<HttpFetchResponse>;

export interface HttpFetchInit {
  method: string;
  headers: Record<string, string>;
  body?: string | undefined;
  signal?: AbortSignal | undefined;
}

export interface HttpFetchResponse {
  status: number;
  headers: Headers;
  text(): Promise<string>;
}

/**
 * The transport's HTTP client: `node:http`/`node:https` (their global agents keep connections alive),
 * resolving once the whole body is in. Not the global `fetch`: with undici's fetch each call's request
 * and response state outlived young-generation collections and was promoted to the old generation
 * (~25 KB a call, likely through the WeakRefs and FinalizationRegistry entries undici attaches to every
 * response and signalled request), so at 50 calls/s the heap grew until a full collection and a
 * 10,000-customer reminder scan peaked at ~245 MB resident around a ~35 MB live heap; with this client
 * it peaks at ~180 MB (`npm run bench -- reminders`). Failures look like fetch's, so callers need no
 * change: an abort rejects with the signal's reason, anything else with `TypeError('fetch failed')`
 * whose `cause` is the socket's error. No `Accept-Encoding` is sent, so answers come uncompressed.
 */
export const nodeHttpFetch: HttpFetch = (url, init) =>
  new Promise((resolve, reject) => {
    const { signal } = init;
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      outcome();
    };
    const fail = (error: unknown) =>
      settle(() =>
        reject(signal?.aborted ? abortReason(signal) : new TypeError('fetch failed', { cause: error })),
      );
    const onAbort = () => {
      request.destroy();
      if (signal) settle(() => reject(abortReason(signal)));
    };
    const client = url.protocol === 'https:' ? https : http;
    const request = client.request(url, { method: init.method, headers: init.headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', fail);
      response.on('end', () => {
        const headers = new Headers();
        const raw = response.rawHeaders;
        for (let index = 0; index + 1 < raw.length; index += 2) {
          headers.append(raw[index] ?? '', raw[index + 1] ?? '');
        }
        const body = Buffer.concat(chunks).toString('utf8');
        settle(() =>
          resolve({ status: response.statusCode ?? 0, headers, text: () => Promise.resolve(body) }),
        );
      });
      // A connection closed in the middle of the body ends without 'end'.
      response.on('close', () => {
        if (!response.complete)
          fail(Object.assign(new Error('The answer was cut off.'), { code: 'ECONNRESET' }));
      });
    });
    request.on('error', fail);
    signal?.addEventListener('abort', onAbort, { once: true });
    request.end(init.body);
  });

/** The signal's reason, as fetch rejects with it (an `AbortError` when the reason is not an error). */
function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new DOMException(String(reason), 'AbortError');
}
