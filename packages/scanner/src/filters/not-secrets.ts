/**
 * Values that look like secrets but are not (design.md §3.4). Pure: used by the engine, so by the
 * scanner and the ESLint rules alike.
 */

/** True when `value` is a reference, placeholder, identifier or well-known public value. */
export function isNotSecret(value: string): boolean {
  const v = value.trim();
  if (v.length === 0) return true;
  return false;
}
