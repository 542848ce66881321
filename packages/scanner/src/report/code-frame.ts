/**
 * The text report's code frame of one finding: the line clipped to a window around the secret
 * (`FRAME_CONTEXT` characters each side, `…` where the line goes on), with every secret in the
 * window masked, not only the finding's own:
 * - the spans of every finding on the same line (path + line + commit), reported or not (the
 *   caller passes baselined ones too), known once per line (`LineSecrets`);
 * - what the detectors find in the window itself (`detect`, when the caller gives it), for
 *   secrets that are suppressed before they become findings (inline ignores, allowlists);
 * - other occurrences of the finding's own secret;
 * - any token that looks like a secret (`looksLikeSecretToken`), for secrets no finding names.
 * A masked secret that the window shows whole is shown as `redactSecret` shows it; a piece cut by
 * the window edge as stars only. Each finding costs O(window + log(findings on its line)), so a
 * minified line with thousands of findings reports in linear time and bounded output.
 * The parts are escaped for the terminal (`escapeTerminal`) and tabs become single spaces, so the
 * caret lines up under the secret.
 */
import type { Finding } from '../finding/finding.js';
import { redactSecret } from '../finding/redact.js';
import { mergeRanges, type Range } from '../formats/ranges.js';
import { looksLikeSecretToken, TOKEN_CHAR } from './secret-looking.js';
import { escapeTerminal } from './terminal-escape.js';

/** Characters of the line shown on each side of the secret. */
export const FRAME_CONTEXT = 80;
export const ELLIPSIS = '…';
/** How far past the window a token is followed to judge it (a longer one is judged on that much). */
const TOKEN_LOOKAROUND = 64;
/** A secret longer than this is shown clipped in the frame with --no-redact. */
const MAX_FRAME_SECRET = 2 * FRAME_CONTEXT;

/** [start, end) in UTF-16 code units of a line, 0-based. */
export type Span = Range;

/** Spans of the secrets that detectors find in a text. */
export type DetectSecrets = (text: string) => readonly Span[];

/** The finding's span on its line (to the line's end when the secret goes on to another line). */
export function spanOnLine(f: Finding): Span {
  const length = f.lineText.length;
  const start = Math.min(Math.max(0, f.column - 1), length);
  const end = f.endLine === f.line ? Math.max(start, Math.min(f.endColumn - 1, length)) : length;
  return [start, end];
}

function lineKey(f: Finding): string {
  return `${f.commit?.commit ?? ''}\u0000${f.path}\u0000${f.line}`;
}

/** The secret spans of every line that holds findings, sorted and merged, computed once per line. */
export class LineSecrets {
  private readonly raw = new Map<string, Span[]>();
  private readonly merged = new Map<string, Span[]>();

  constructor(findings: Iterable<Finding>) {
    for (const f of findings) this.add(f);
  }

  private add(f: Finding): void {
    const key = lineKey(f);
    const list = this.raw.get(key);
    if (list) list.push(spanOnLine(f));
    else this.raw.set(key, [spanOnLine(f)]);
  }

  /** Disjoint spans of the finding's line, sorted by start. */
  spansOf(f: Finding): readonly Span[] {
    const key = lineKey(f);
    const done = this.merged.get(key);
    if (done) return done;
    const spans = mergeRanges(this.raw.get(key) ?? (f.category === 'posture' ? [] : [spanOnLine(f)]));
    this.merged.set(key, spans);
    return spans;
  }
}

/** Index of the first span ending after `offset`. */
function firstEndingAfter(spans: readonly Span[], offset: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]![1] <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface Edges {
  readonly left: boolean;
  readonly right: boolean;
}

/** A part of [a, b) to mask; `whole` when the masked secret lies entirely inside [a, b). */
interface Mask {
  start: number;
  end: number;
  whole: boolean;
}

/** Masks for [a, b); `edges` says which ends are window edges (a token may go on past them). */
function masksIn(text: string, a: number, b: number, spans: readonly Span[], own: string, edges: Edges): Mask[] {
  const masks: Mask[] = [];
  const add = (s: number, e: number) => {
    const start = Math.max(a, s);
    const end = Math.min(b, e);
    if (end > start) masks.push({ start, end, whole: s >= a && e <= b });
  };
  for (let i = firstEndingAfter(spans, a); i < spans.length && spans[i]![0] < b; i++) add(spans[i]![0], spans[i]![1]);
  if (own.length > 0) {
    // Only the neighbourhood of [a, b) is searched: never the whole (possibly huge) line.
    const from = Math.max(0, a - own.length + 1);
    const near = text.slice(from, Math.min(text.length, b + own.length - 1));
    for (let i = near.indexOf(own); i !== -1; i = near.indexOf(own, i + 1)) add(from + i, from + i + own.length);
  }
  // Tokens are judged in the gaps between known secrets (so `ClientSecret=` before one stays).
  const known = [...masks].sort((x, y) => x.start - y.start);
  let gapStart = a;
  for (const m of known) {
    if (m.start > gapStart) masks.push(...secretTokensIn(text, gapStart, m.start, edges.left && gapStart === a, false));
    gapStart = Math.max(gapStart, m.end);
  }
  if (gapStart < b) masks.push(...secretTokensIn(text, gapStart, b, edges.left && gapStart === a, edges.right));
  return masks;
}

/**
 * Secret-looking tokens in [a, b); a token cut by the window (`openLeft` / `openRight`) is followed
 * up to `TOKEN_LOOKAROUND` characters past the edge to judge it, and only its part inside is masked.
 */
function secretTokensIn(text: string, a: number, b: number, openLeft: boolean, openRight: boolean): Mask[] {
  const out: Mask[] = [];
  for (let i = a; i < b; ) {
    if (!TOKEN_CHAR.test(text[i]!)) {
      i++;
      continue;
    }
    let s = i;
    let e = i;
    while (e < b && TOKEN_CHAR.test(text[e]!)) e++;
    while (e < b && text[e] === '=') e++;
    i = e;
    if (openLeft && s === a) while (s > 0 && s > a - TOKEN_LOOKAROUND && TOKEN_CHAR.test(text[s - 1]!)) s--;
    if (openRight && e === b) while (e < text.length && e < b + TOKEN_LOOKAROUND && /[A-Za-z0-9+/_~.%=-]/.test(text[e]!)) e++;
    if (looksLikeSecretToken(text.slice(s, e))) {
      out.push({ start: Math.max(a, s), end: Math.min(b, e), whole: s >= a && e <= b });
    }
  }
  return out;
}

/** text[a, b) with every mask applied. */
function masked(text: string, a: number, b: number, spans: readonly Span[], own: string, edges: Edges): string {
  const masks = masksIn(text, a, b, spans, own, edges).sort((x, y) => x.start - y.start);
  let out = '';
  let at = a;
  for (let i = 0; i < masks.length; ) {
    const m = masks[i]!;
    const start = Math.max(at, m.start);
    let end = m.end;
    let whole = m.whole && start === m.start;
    for (i++; i < masks.length && masks[i]!.start < end; i++) {
      if (masks[i]!.end > end) {
        end = masks[i]!.end;
        whole = false;
      }
    }
    if (end <= at) continue;
    out += text.slice(at, start);
    const piece = text.slice(start, end);
    out += whole ? redactSecret(piece) : '*'.repeat(Math.min(16, Math.max(4, piece.length)));
    at = end;
  }
  return out + text.slice(at, b);
}

/** Tabs as single spaces so the caret lines up with the frame. */
function untab(s: string): string {
  return s.replace(/\t/g, ' ');
}

/** A long string as its start and end around an ellipsis. */
function clipMiddle(s: string, max: number): string {
  if (s.length <= max) return s;
  const half = Math.floor((max - 1) / 2);
  return s.slice(0, half) + ELLIPSIS + s.slice(s.length - half);
}

export interface FrameParts {
  /** What precedes the secret in the window (with a leading `…` when the line starts earlier). */
  readonly before: string;
  /** The secret as shown (redacted unless --no-redact). */
  readonly secret: string;
  /** What follows it (with a trailing `…` when the line goes on). */
  readonly after: string;
}

/**
 * The line's known spans near the window [ws, we) around the secret [s, e), plus what `detect`
 * finds on each side of the secret (with a margin past the window, so a secret cut by the window
 * is still recognised; the secret itself, which may be long, is not searched again), sorted and merged.
 */
function spansNear(text: string, window: Span, secret: Span, spans: readonly Span[], detect: DetectSecrets | undefined): Span[] {
  const from = Math.max(0, window[0] - TOKEN_LOOKAROUND);
  const to = Math.min(text.length, window[1] + TOKEN_LOOKAROUND);
  const near: Span[] = [];
  for (let i = firstEndingAfter(spans, from); i < spans.length && spans[i]![0] < to; i++) near.push(spans[i]!);
  if (detect) {
    for (const [a, b] of [[from, secret[0]], [secret[1], to]] as const) {
      if (b > a) for (const [s, e] of detect(text.slice(a, b))) near.push([a + s, a + e]);
    }
  }
  return mergeRanges(near);
}

/** The finding's frame, clipped, masked (when `redact`) and escaped for the terminal. */
export function frameParts(f: Finding, lineSpans: readonly Span[], redact: boolean, detect?: DetectSecrets): FrameParts {
  const text = f.lineText;
  const [s, e] = spanOnLine(f);
  const ws = Math.max(0, s - FRAME_CONTEXT);
  const we = Math.min(text.length, e + FRAME_CONTEXT);
  // A posture finding points at a construct, not a secret: it is shown, with any secret in it or
  // around it masked (the detectors also run over its own span).
  const posture = f.category === 'posture';
  const spans = redact ? spansNear(text, [ws, we], posture ? [s, s] : [s, e], lineSpans, detect) : [];
  const own = posture ? '' : f.secret;
  const show = (a: number, b: number, edges: Edges) => (redact ? masked(text, a, b, spans, own, edges) : text.slice(a, b));
  const before = (ws > 0 ? ELLIPSIS : '') + show(ws, s, { left: true, right: false });
  const after = show(e, we, { left: false, right: true }) + (we < text.length ? ELLIPSIS : '');
  const secret = posture
    ? clipMiddle(show(s, e, { left: false, right: false }), MAX_FRAME_SECRET)
    : redact
      ? redactSecret(f.secret)
      : clipMiddle(text.slice(s, e), MAX_FRAME_SECRET);
  return { before: escapeTerminal(untab(before)), secret: escapeTerminal(untab(secret)), after: escapeTerminal(untab(after)) };
}
