/**
 * Reading request bodies the way Partner Center does: property names are case-insensitive (its docs
 * show PascalCase requests, its responses are camelCase).
 */

/** Whether a value is a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object's own properties with lower-cased names (one level); undefined for non-objects. */
export function lowerKeys(value: unknown): Record<string, unknown> | undefined {
  if (!isRecord(value)) return undefined;
  const lowered: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) lowered[key.toLowerCase()] = field;
  return lowered;
}

/** An array of strings, or undefined when the value is not one. */
export function stringArray(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined;
}
