/**
 * Placeholder values that detectors reject on their own (the engine's not-secret filter runs later,
 * but each detector's precision must not depend on it).
 */

const PLACEHOLDER_WORDS =
  /your|example|sample|dummy|placeholder|changeme|change_me|change-me|redacted|replace|insert|_here\b|-here\b|\.\.\.|\bfake|\btodo\b/i;

/** Obvious placeholder or variable reference: `<password>`, `{your_password}`, `****`, `$(X)`, `${X}`, `%X%`. */
export function isPlaceholderValue(value: string): boolean {
  const v = value.trim();
  if (v.length === 0) return true;
  if (/^[$%<{[]/.test(v)) return true; // references and templated placeholders
  if (/^(.)\1+$/.test(v)) return true; // ****, xxxx, 0000
  if (/^x{3,}/i.test(v)) return true;
  if (PLACEHOLDER_WORDS.test(v)) return true;
  if (/^(?:pass(?:word)?|passwd|pwd|secret|key|token|null|none|nil|undefined|empty|string|value|test|dummy)$/i.test(v)) return true;
  return false;
}
