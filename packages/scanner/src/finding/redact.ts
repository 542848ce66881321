/**
 * Redaction: every output path shows secrets through this, unless the user passed --no-redact.
 * Shows at most a short prefix (never more than a fifth of the secret) and masks the rest.
 */
export function redactSecret(secret: string): string {
  const shown = Math.min(4, Math.floor(secret.length / 5));
  const masked = Math.max(4, Math.min(secret.length - shown, 16));
  return secret.slice(0, shown) + '*'.repeat(masked);
}

/** Replace every occurrence of each secret in `text` with its redacted form. */
export function redactText(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const s of secrets) {
    if (s.length === 0) continue;
    out = out.split(s).join(redactSecret(s));
  }
  return out;
}
