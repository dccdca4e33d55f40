import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { PartnerCenterError } from '../errors.js';
import type { Logger } from '../logging/logger.js';
import { nodeHttpFetch, type HttpFetch } from './nodeHttpFetch.js';
import { decideRetry, parseRetryAfter, type AttemptOutcome, type RetryPolicyOptions } from './retryPolicy.js';
import type { RouteFamily, RouteRateLimiter } from './routeRateLimiter.js';

/**
 * HTTP to Partner Center: headers, pacing, retries and error mapping, shared by every client instance
 * (one per credential) so the rate limits hold across all of them.
 */

/** Returns a bearer token; called once per attempt so a long retry never sends an expired one. */
export type AccessTokenSource = (options: { abortSignal?: AbortSignal }) => Promise<string>;

export interface PartnerCenterRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Path and query, starting with `/v1/`. */
  path: string;
  family: RouteFamily;
  credential: AccessTokenSource;
  body?: unknown;
  headers?: Record<string, string>;
  /** The operation's idempotency key; reused on every retry. A fresh one when absent. */
  requestId?: string;
  correlationId?: string;
  abortSignal?: AbortSignal;
}

export interface PartnerCenterResponse<T> {
  status: number;
  body: T;
  requestId: string;
  correlationId: string;
  headers: Headers;
}

export interface PartnerCenterTransportOptions {
  /** `https://api.partnercenter.microsoft.com` in production, the sandbox locally. No trailing `/v1`. */
  baseUrl: string;
  /** `X-Locale`, the language of strings Partner Center returns. */
  locale: string;
  limiter: RouteRateLimiter;
  logger: Logger;
  retry?: RetryPolicyOptions;
  /** Per attempt. Default 30 000 ms. */
  attemptTimeoutInMs?: number;
  /** Injected for tests (the platform's `fetch` fits); defaults to `nodeHttpFetch`. */
  fetch?: HttpFetch;
  random?: () => number;
}

const networkErrorCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
]);

function errorCodeOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as Error & { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return undefined;
}

/**
 * `fetch` (and `nodeHttpFetch`, which copies it) reports every transport failure as
 * `TypeError('fetch failed')` with the reason as `cause`.
 */
function isFetchFailure(error: unknown): boolean {
  return error instanceof TypeError && error.message === 'fetch failed';
}

interface ParsedError {
  errorCode?: string;
  description: string;
  data?: unknown[];
}

/** Reads both error shapes: the normal `{code, description}` and the 429 `{statusCode, message}`. */
function parseErrorBody(status: number, body: unknown, statusText: string): ParsedError {
  if (body && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    if ('description' in record || 'code' in record) {
      return {
        errorCode:
          typeof record.code === 'string' || typeof record.code === 'number'
            ? String(record.code)
            : undefined,
        description: typeof record.description === 'string' ? record.description : statusText,
        data: Array.isArray(record.data) ? record.data : undefined,
      };
    }
    if (typeof record.message === 'string') return { errorCode: String(status), description: record.message };
  }
  return { description: typeof body === 'string' && body ? body : statusText || `HTTP ${status}` };
}

/**
 * One attempt's signal: aborted when the caller's signal aborts or the attempt's time is up, and
 * `dispose`d when the attempt ends. Not `AbortSignal.any([caller, AbortSignal.timeout(…)])`: on Node 20
 * every composite signal is added to the caller's signal's dependants for as long as that signal lives
 * (a scan's signal sees ten thousand calls), and every timeout signal keeps its 30 s timer after the
 * call is over; this one leaves nothing behind.
 */
function attemptLimit(caller: AbortSignal | undefined, timeoutInMs: number) {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException('The attempt took longer than its time limit.', 'TimeoutError'));
  }, timeoutInMs);
  timer.unref();
  const onAbort = () => controller.abort(caller?.reason);
  if (caller?.aborted) onAbort();
  else caller?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    dispose: () => {
      clearTimeout(timer);
      caller?.removeEventListener('abort', onAbort);
    },
  };
}

/** Sends requests to Partner Center with pacing and retries. */
export class PartnerCenterTransport {
  private readonly fetchImpl: HttpFetch;
  private readonly random: () => number;

  constructor(private readonly options: PartnerCenterTransportOptions) {
    this.fetchImpl = options.fetch ?? nodeHttpFetch;
    this.random = options.random ?? Math.random;
  }

  /** Resolves a link Partner Center returned (`/v1/...` or `/customers/...`) to a request path. */
  static pathOfLink(uri: string): string {
    const url = uri.startsWith('http') ? new URL(uri) : undefined;
    const path = url ? url.pathname + url.search : uri;
    if (path.startsWith('/v1/')) return path;
    return `/v1${path.startsWith('/') ? '' : '/'}${path}`;
  }

  /**
   * Sends one logical operation, retrying per the policy with the same `MS-RequestId`.
   * @throws PartnerCenterError for any non-2xx final answer, or when no answer arrived.
   */
  async send<T>(request: PartnerCenterRequest): Promise<PartnerCenterResponse<T>> {
    const requestId = request.requestId ?? randomUUID();
    const correlationId = request.correlationId ?? randomUUID();
    const log = this.options.logger.child({ correlationId, requestId });
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      const result = await this.options.limiter.schedule(
        request.family,
        () => this.attempt<T>(request, requestId, correlationId),
        request.abortSignal,
      );
      if (result.kind === 'response' && result.response.status < 400) return result.response;
      const outcome: AttemptOutcome =
        result.kind === 'response'
          ? {
              kind: 'response',
              status: result.response.status,
              retryAfter: result.response.headers.get('retry-after'),
            }
          : result.outcome;
      const decision = decideRetry(
        {
          attempt,
          elapsedInMs: Date.now() - started,
          outcome,
          now: new Date(),
          random: this.random,
        },
        this.options.retry,
      );
      if (!decision.retry) {
        throw this.toError(request, requestId, correlationId, result);
      }
      if (outcome.kind === 'response' && outcome.status === 429) {
        this.options.limiter.backOff(request.family, decision.delayInMs);
      }
      log.warn(
        { method: request.method, path: request.path, outcome, attempt, delayInMs: decision.delayInMs },
        'Partner Center call will be retried',
      );
      await sleep(decision.delayInMs, undefined, { signal: request.abortSignal });
    }
  }

  private async attempt<T>(
    request: PartnerCenterRequest,
    requestId: string,
    correlationId: string,
  ): Promise<
    | { kind: 'response'; response: PartnerCenterResponse<T> }
    | { kind: 'failed'; outcome: AttemptOutcome; error: unknown }
  > {
    // Outside the try: a credential that can't be had (sign-in needed) is not a transport fault.
    const token = await request.credential({ abortSignal: request.abortSignal });
    const limit = attemptLimit(request.abortSignal, this.options.attemptTimeoutInMs ?? 30_000);
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token}`,
      Accept: 'application/json',
      'X-Locale': this.options.locale,
      'MS-RequestId': requestId,
      'MS-CorrelationId': correlationId,
      'MS-Contract-Version': 'v1',
      ...request.headers,
    };
    if (request.body !== undefined) headers['Content-Type'] = 'application/json';
    try {
      const response = await this.fetchImpl(new URL(request.path, this.options.baseUrl), {
        method: request.method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: limit.signal,
      });
      const text = await response.text();
      const body = (text ? JSON.parse(text) : undefined) as T;
      return {
        kind: 'response',
        response: { status: response.status, body, requestId, correlationId, headers: response.headers },
      };
    } catch (error) {
      if (request.abortSignal?.aborted) throw error;
      if (limit.timedOut()) return { kind: 'failed', outcome: { kind: 'timeout' }, error };
      // A garbled body is a server fault: retried with the same MS-RequestId, like a 502.
      if (error instanceof SyntaxError)
        return { kind: 'failed', outcome: { kind: 'response', status: 502 }, error };
      const code = errorCodeOf(error);
      if ((code !== undefined && networkErrorCodes.has(code)) || isFetchFailure(error)) {
        return { kind: 'failed', outcome: { kind: 'networkError', code }, error };
      }
      throw error;
    } finally {
      limit.dispose();
    }
  }

  private toError<T>(
    request: PartnerCenterRequest,
    requestId: string,
    correlationId: string,
    result:
      | { kind: 'response'; response: PartnerCenterResponse<T> }
      | { kind: 'failed'; outcome: AttemptOutcome; error: unknown },
  ): PartnerCenterError {
    const path = request.path.split('?')[0] ?? request.path;
    if (result.kind === 'failed') {
      const description =
        result.outcome.kind === 'timeout'
          ? 'No answer within the time limit; the call may or may not have taken effect.'
          : 'The connection failed before an answer arrived; the call may or may not have taken effect.';
      return new PartnerCenterError(
        { status: 0, description, requestId, correlationId, method: request.method, path },
        { cause: result.error },
      );
    }
    const { response } = result;
    const parsed = parseErrorBody(response.status, response.body, '');
    return new PartnerCenterError({
      status: response.status,
      errorCode: parsed.errorCode,
      description: parsed.description,
      data: parsed.data,
      requestId,
      correlationId,
      method: request.method,
      path,
      retryAfterInMs: parseRetryAfter(response.headers.get('retry-after'), new Date()),
    });
  }
}
