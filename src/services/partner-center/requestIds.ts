import { createHash, randomUUID } from 'node:crypto';

/**
 * `MS-RequestId` values. Partner Center treats the id as the idempotency key of one logical operation,
 * so an id that must survive a crash or a retry is derived, never random (DESIGN §3, house style 12).
 */

/** A UUID (version 8, name-based) derived from the parts: the same parts always give the same id. */
export function deriveRequestId(...parts: (string | number)[]): string {
  const hex = createHash('sha256').update(parts.map(String).join('\u001f')).digest('hex');
  // Set version 8 (custom) and the RFC 9562 variant bits so the value is a well-formed UUID.
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A fresh id for an operation nobody needs to repeat (reads). */
export function newRequestId(): string {
  return randomUUID();
}
