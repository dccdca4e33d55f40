/**
 * Runs a container's (or queue's) create at most once per client, for every caller to await: the first
 * call starts it, the rest share it. A failed create is forgotten, so a storage hiccup at start-up is
 * retried by the next call instead of failing every later one. `createIfNotExists` is idempotent, so a
 * race between instances is harmless.
 */
export function createdOnce(create: () => Promise<unknown>): () => Promise<unknown> {
  let created: Promise<unknown> | undefined;
  return () => {
    created ??= create().catch((error: unknown) => {
      created = undefined;
      throw error;
    });
    return created;
  };
}
