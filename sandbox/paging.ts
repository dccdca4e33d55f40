import type { Link } from '../src/services/partner-center/models.js';
import { invalidInput, type PcResult } from './pcErrors.js';
import { link } from './state/views.js';

/**
 * Seek paging as Partner Center does it: a page that isn't the last carries `links.next` with a URI
 * (ending `seekOperation=Next`) and an `MS-ContinuationToken` header to send with it. The token is
 * opaque to clients; inside it is the index to continue from, so a page costs what it returns.
 */

function encode(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset }), 'utf8').toString('base64url');
}

/**
 * Where the requested page starts: 0 for a first request, the token's index for `seekOperation=Next`.
 * Returns a 400 result for a missing or unreadable token.
 */
export function pageStart(seekOperation: string | undefined, token: string | undefined): number | PcResult {
  if (seekOperation?.toLowerCase() !== 'next') return 0;
  if (!token) return invalidInput('seekOperation=Next needs the MS-ContinuationToken header.');
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown };
    if (typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.o >= 0) return parsed.o;
  } catch {
    // Falls through to the refusal below.
  }
  return invalidInput('The continuation token is not valid.');
}

/** Reads `size`: default when absent, clamped to [1, max]; 400 when not a number. */
export function pageSize(raw: string | undefined, fallback: number, max: number): number | PcResult {
  if (raw === undefined) return fallback;
  const size = Number(raw);
  if (!Number.isInteger(size) || size < 1)
    return invalidInput(`size must be a positive integer, got '${raw}'.`);
  return Math.min(size, max);
}

/** The `links.next` of a page whose walk continues at `offset`. */
export function nextLink(path: string, query: URLSearchParams, offset: number): Link {
  const params = new URLSearchParams(query);
  params.set('seekOperation', 'Next');
  return link(`${path}?${params.toString()}`, [{ key: 'MS-ContinuationToken', value: encode(offset) }]);
}
