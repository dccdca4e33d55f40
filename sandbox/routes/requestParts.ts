import type { FastifyRequest } from 'fastify';

/** Small readers of fastify request parts, typed for strict TypeScript. */

/** A path parameter (always present on routes that declare it). */
export function param(request: FastifyRequest, name: string): string {
  const value = (request.params as Record<string, string | undefined>)[name];
  return value ?? '';
}

/** A path parameter if the route has it. */
export function optionalParam(request: FastifyRequest, name: string): string | undefined {
  return (request.params as Record<string, string | undefined> | undefined)?.[name];
}

/** A query parameter, matched case-insensitively (first value when repeated). */
export function query(request: FastifyRequest, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(request.query as Record<string, string | string[] | undefined>)) {
    if (key.toLowerCase() !== lower) continue;
    return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

/** Every value of a query parameter, matched case-insensitively. */
export function queryAll(request: FastifyRequest, name: string): string[] {
  const lower = name.toLowerCase();
  const values: string[] = [];
  for (const [key, value] of Object.entries(request.query as Record<string, string | string[] | undefined>)) {
    if (key.toLowerCase() !== lower || value === undefined) continue;
    values.push(...(Array.isArray(value) ? value : [value]));
  }
  return values;
}

/** A request header (first value when repeated). */
export function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** The request path without its query string. */
export function pathOf(request: FastifyRequest): string {
  const index = request.url.indexOf('?');
  return index === -1 ? request.url : request.url.slice(0, index);
}

/** The query string as URLSearchParams (for building `links.next`). */
export function searchParamsOf(request: FastifyRequest): URLSearchParams {
  const index = request.url.indexOf('?');
  return new URLSearchParams(index === -1 ? '' : request.url.slice(index + 1));
}
