import http from 'node:http';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';

/**
 * Watches this process's Partner Center calls: every request to `origin` on a `/v1/` path, reported
 * when its answer arrives. The transport sends through `http.request`/`https.request`
 * (`nodeHttpFetch`), so those are wrapped; nothing else about the calls changes. Install it before the
 * services are built; returns the function that takes it out again.
 */
export function watchPartnerCenterCalls(
  origin: string,
  onAnswer: (method: string, pathname: string) => void,
): () => void {
  const host = new URL(origin).host;
  const modules = [http, https] as { request: typeof http.request }[];
  const originals = modules.map((module) => module.request);
  modules.forEach((module, index) => {
    const original = originals[index] as typeof http.request;
    module.request = function (this: unknown, ...args: unknown[]) {
      const request = (original as (...a: unknown[]) => http.ClientRequest).apply(this, args);
      const pathname = request.path.split('?')[0] ?? '';
      if (request.getHeader('host') === host && pathname.startsWith('/v1/')) {
        request.once('response', () => onAnswer(request.method, pathname));
      }
      return request;
    };
  });
  syncBuiltinESMExports();
  return () => {
    modules.forEach((module, index) => (module.request = originals[index] as typeof http.request));
    syncBuiltinESMExports();
  };
}
