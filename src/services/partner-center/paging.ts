import type { Collection } from './models.js';

/**
 * Seek paging as Partner Center does it: a page carries `links.next` with a URI and an
 * `MS-ContinuationToken` header to send with it. Exposed as an async iterable so callers walk
 * 5,000 users holding one page at a time (memory stays flat), or resume a walk by token.
 */

export interface PageSettings {
  /** Opaque token from `PagedResult.continuationToken`; starts the walk from that page. */
  continuationToken?: string;
}

export interface PagedResult<T> {
  items: T[];
  /** Absent on the last page. */
  continuationToken?: string;
}

/** Items one at a time with `for await`, or whole pages with `byPage()`. */
export interface PagedAsyncIterable<T> extends AsyncIterable<T> {
  byPage(settings?: PageSettings): AsyncIterableIterator<PagedResult<T>>;
}

/** Where the next page is: a link path and the header value Partner Center asked to send. */
export interface NextPage {
  path: string;
  continuationHeader?: string;
}

export function encodeContinuation(next: NextPage): string {
  return Buffer.from(JSON.stringify(next), 'utf8').toString('base64url');
}

export function decodeContinuation(token: string): NextPage {
  const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<NextPage>;
  if (typeof parsed.path !== 'string' || !parsed.path.startsWith('/v1/')) {
    throw new TypeError('continuation token is not one this client issued');
  }
  return { path: parsed.path, continuationHeader: parsed.continuationHeader };
}

/** Reads where a collection's next page is, if there is one. */
export function nextPageOf<T>(page: Collection<T>, toPath: (uri: string) => string): NextPage | undefined {
  const next = page.links?.next;
  if (!next) return undefined;
  const header = next.headers.find((h) => h.key.toLowerCase() === 'ms-continuationtoken');
  return { path: toPath(next.uri), continuationHeader: header?.value };
}

/** Builds a paged iterable from a function that fetches one page. */
export function pagedIterable<T>(
  first: NextPage,
  fetchPage: (page: NextPage) => Promise<{ items: T[]; next?: NextPage }>,
): PagedAsyncIterable<T> {
  async function* pages(settings?: PageSettings): AsyncIterableIterator<PagedResult<T>> {
    let current: NextPage | undefined = settings?.continuationToken
      ? decodeContinuation(settings.continuationToken)
      : first;
    while (current) {
      const { items, next } = await fetchPage(current);
      yield { items, continuationToken: next ? encodeContinuation(next) : undefined };
      current = next;
    }
  }
  return {
    byPage: pages,
    async *[Symbol.asyncIterator]() {
      for await (const page of pages()) yield* page.items;
    },
  };
}
