/** Small helpers to derive look-alike examples from generated secrets. */

/** `s` with the character at `index` replaced by a different one of the same kind (breaks checksums). */
export function mutateAt(s: string, index: number): string {
  const c = s[index] ?? 'A';
  const swap = /[0-9]/.test(c) ? (c === '7' ? '3' : '7') : /[a-z]/.test(c) ? (c === 'q' ? 'k' : 'q') : c === 'Q' ? 'K' : 'Q';
  return s.slice(0, index) + swap + s.slice(index + 1);
}
