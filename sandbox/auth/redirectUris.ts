/**
 * The redirect URIs the authority accepts for a client, matched as Entra matches them: exactly, except
 * that for loopback `http` URIs (`127.0.0.1`, `localhost`, `[::1]`) the port is ignored (RFC 8252 §7.3),
 * so a bot on an ephemeral port needs no new registration.
 */

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Where a sandbox client may be sent back to when its registration names none: the bot's fallback
 * sign-in page on loopback (`/auth/callback`), on whatever port the bot listens.
 */
export const DEFAULT_REDIRECT_URIS: readonly string[] = [
  'http://127.0.0.1/auth/callback',
  'http://localhost/auth/callback',
];

/** Whether `candidate` (from a request) is one of the `registered` redirect URIs. */
export function isRegisteredRedirectUri(candidate: string, registered: readonly string[]): boolean {
  const asked = parse(candidate);
  if (!asked) return false;
  return registered.some((uri) => {
    if (uri === candidate) return true;
    const known = parse(uri);
    return (
      known !== undefined &&
      known.protocol === 'http:' &&
      LOOPBACK_HOSTS.has(known.hostname) &&
      asked.protocol === 'http:' &&
      asked.hostname === known.hostname &&
      asked.pathname === known.pathname &&
      asked.search === known.search
    );
  });
}

function parse(uri: string): URL | undefined {
  try {
    const url = new URL(uri);
    // A redirect URI carries no fragment (RFC 6749 §3.1.2) and no credentials.
    return url.hash === '' && url.username === '' && url.password === '' ? url : undefined;
  } catch {
    return undefined;
  }
}
