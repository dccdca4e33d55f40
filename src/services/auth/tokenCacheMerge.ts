/**
 * Three-way merge of two versions of one user's serialized MSAL cache, for when another instance wrote
 * the same partition between our read and our write (the blob's eTag changed).
 *
 * MSAL's serialized cache is JSON with sections (`Account`, `IdToken`, `AccessToken`, `RefreshToken`,
 * `AppMetadata`) of entries keyed by what they are for (account, client, scopes). The result is
 * `theirs`, minus the entries we removed since `base` (what we read), plus every entry of `ours`: the
 * same rule MSAL applies between its snapshot and its memory. An entry both sides changed takes our
 * version (last writer wins per entry). That is safe because every entry of a partition is the same
 * person's credential for the same client, and either version is valid at the authority: Entra does not
 * revoke a refresh token when it is redeemed, so losing the other version costs at most one token
 * request later.
 *
 * Returns `ours` unchanged when a version is not the JSON MSAL writes (it then simply wins).
 */
export function mergeTokenCaches(versions: { base: string; ours: string; theirs: string }): string {
  const base = parseSections(versions.base);
  const ours = parseSections(versions.ours);
  const theirs = parseSections(versions.theirs);
  if (!base || !ours || !theirs) return versions.ours;

  const merged: Sections = {};
  for (const name of new Set([...Object.keys(theirs), ...Object.keys(ours)])) {
    const section: Record<string, unknown> = { ...theirs[name] };
    const ourSection = ours[name] ?? {};
    for (const key of Object.keys(base[name] ?? {})) {
      if (!(key in ourSection)) delete section[key];
    }
    Object.assign(section, ourSection);
    merged[name] = section;
  }
  return JSON.stringify(merged);
}

type Sections = Record<string, Record<string, unknown>>;

/** '' (no cache yet) is an empty cache; anything but an object of objects is not MSAL's format. */
function parseSections(text: string): Sections | undefined {
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  const sections: Sections = {};
  for (const [name, section] of Object.entries(value)) {
    if (!isRecord(section)) return undefined;
    sections[name] = section;
  }
  return sections;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
