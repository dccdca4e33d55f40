import http from 'node:http';
import { syncBuiltinESMExports } from 'node:module';

/**
 * Records every outgoing HTTP call of this process (global `fetch`, which MSAL's loopback client and the
 * sandbox assertion source use, and `http.request`, which the Partner Center transport, the storage SDK
 * and the Bot Framework connector client use), with start and end times, so a benchmark can say where a
 * turn's time goes. Only timing is taken; requests and responses pass through untouched.
 */
export interface RecordedCall {
  /** `host:port` the call went to. */
  target: string;
  method: string;
  path: string;
  start: number;
  end: number;
}

export class CallRecorder {
  readonly calls: RecordedCall[] = [];
  private uninstallers: (() => void)[] = [];

  /** Starts recording; call before the services are built (the transport keeps the `fetch` it saw). */
  install(): void {
    const calls = this.calls;
    const originalFetch = globalThis.fetch;
    const timedFetch: typeof fetch = async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const start = performance.now();
      const record = () =>
        calls.push({
          target: url.host,
          method: init?.method ?? (input instanceof Request ? input.method : 'GET'),
          path: url.pathname,
          start,
          end: performance.now(),
        });
      try {
        const response = await originalFetch(input, init);
        record();
        return response;
      } catch (error) {
        record();
        throw error;
      }
    };
    globalThis.fetch = timedFetch;

    const originalRequest = http.request;
    const timedRequest = function (this: unknown, ...args: unknown[]) {
      const request = (originalRequest as (...a: unknown[]) => http.ClientRequest).apply(this, args);
      const start = performance.now();
      request.once('close', () => {
        calls.push({
          target: String(request.getHeader('host') ?? request.host),
          method: request.method,
          path: request.path.split('?')[0] ?? '',
          start,
          end: performance.now(),
        });
      });
      return request;
    } as unknown as typeof http.request;
    (http as { request: typeof http.request }).request = timedRequest;
    syncBuiltinESMExports();

    this.uninstallers.push(() => {
      globalThis.fetch = originalFetch;
      (http as { request: typeof http.request }).request = originalRequest;
      syncBuiltinESMExports();
    });
  }

  uninstall(): void {
    for (const undo of this.uninstallers.splice(0)) undo();
  }

  /** Calls that started within [from, to]. */
  between(from: number, to: number): RecordedCall[] {
    return this.calls.filter((call) => call.start >= from && call.start <= to);
  }
}

/** Total time covered by at least one of the intervals (overlaps counted once). */
export function coveredTime(intervals: readonly { start: number; end: number }[]): number {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  let total = 0;
  let currentStart = -Infinity;
  let currentEnd = -Infinity;
  for (const { start, end } of sorted) {
    if (start > currentEnd) {
      if (currentEnd > currentStart) total += currentEnd - currentStart;
      currentStart = start;
      currentEnd = end;
    } else {
      currentEnd = Math.max(currentEnd, end);
    }
  }
  if (currentEnd > currentStart) total += currentEnd - currentStart;
  return total;
}

/** The p-th percentile (0–100) by nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? NaN;
}
