/**
 * Does a token's random part look generated, rather than typed as a placeholder? Providers' tokens
 * are random base62/hex/base64url: they practically never hold a run of 6 identical characters, a
 * run of 6 consecutive characters (`abcdef`, `123456`) or only a handful of distinct characters.
 * Placeholders (`xxxxxxxx`, `abcdefghijklmnop`, `1234567890abcdef`, `aaaa1111`) do. Pure.
 */

/** The longest run of identical characters and of ascending/descending consecutive characters. */
function runs(s: string): { same: number; steps: number } {
  let same = 1;
  let up = 1;
  let down = 1;
  let maxSame = s.length ? 1 : 0;
  let maxSteps = s.length ? 1 : 0;
  for (let i = 1; i < s.length; i++) {
    const d = s.charCodeAt(i) - s.charCodeAt(i - 1);
    same = d === 0 ? same + 1 : 1;
    up = d === 1 ? up + 1 : 1;
    down = d === -1 ? down + 1 : 1;
    if (same > maxSame) maxSame = same;
    if (up > maxSteps) maxSteps = up;
    if (down > maxSteps) maxSteps = down;
  }
  return { same: maxSame, steps: maxSteps };
}

/** True when `body` (a token without its fixed prefix) could be a provider-generated random value. */
export function looksGenerated(body: string): boolean {
  const alnum = body.replace(/[^A-Za-z0-9]/g, '');
  if (alnum.length < 8) return false;
  const r = runs(alnum);
  if (r.same >= 6 || r.steps >= 6) return false;
  const distinct = new Set(alnum).size;
  return distinct >= Math.min(10, Math.ceil(alnum.length / 4));
}
