/**
 * Runs a set of detectors over text: one keyword prefilter pass for all pattern detectors, then each
 * detector's pattern only in a window around its keyword hits. Pure (no node:* imports).
 */
import { decodePercent } from './value-encodings.js';
import { createKeywordScanner } from './keyword-scan.js';
import { whyNotSecret } from './not-secrets.js';
import type { AssignmentDetector, AssignmentPlace, Detector, DetectorMatch, PatternDetector } from './types.js';

const DEFAULT_WINDOW_CAP = 4096;
/**
 * Not-secret reasons that an audit-tier judge (`screensWeakValues`) decides on its own: a word such as
 * `password` under a password key, or `dummy-pass`, is a weak credential to an auditor. References,
 * empty values, GUIDs and the like are never findings.
 */
const SCREENED_BY_AUDIT_JUDGES: ReadonlySet<string> = new Set(['placeholder', 'trivial value']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface CompiledPattern {
  readonly detector: PatternDetector;
  readonly regex: RegExp;
}

export interface Engine {
  readonly detectors: readonly Detector[];
  /** All pattern-detector matches in `text`, overlaps resolved by priority, not-secrets removed. */
  scanText(text: string): DetectorMatch[];
  /**
   * The assignment detector (if any) that reports `key = value` written in `place` (default: code),
   * after the not-secret filter.
   */
  judgeAssignment(key: string, value: string, place?: AssignmentPlace): AssignmentDetector | undefined;
}

function withFlags(re: RegExp, required: string): RegExp {
  let flags = re.flags;
  for (const f of required) if (!flags.includes(f)) flags += f;
  return flags === re.flags ? re : new RegExp(re.source, flags);
}

/** Keep the highest-priority match among overlapping secret spans; stable by position. */
export function resolveOverlaps(matches: DetectorMatch[]): DetectorMatch[] {
  if (matches.length < 2) return matches;
  const byPriority = [...matches].sort(
    (a, b) => b.detector.priority - a.detector.priority || a.start - b.start || b.end - a.end,
  );
  const kept: DetectorMatch[] = [];
  for (const m of byPriority) {
    if (!kept.some((k) => m.start < k.end && k.start < m.end)) kept.push(m);
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * Line bounds of increasing offsets in one text, in amortized linear time: each call only looks at
 * text after the previous line's end, so a multi-megabyte single line with thousands of keyword hits
 * is walked once (recomputing bounds per hit with lastIndexOf/indexOf was quadratic).
 */
function lineTracker(text: string): (index: number) => [number, number] {
  let start = 0;
  let end = -1;
  return (index) => {
    if (index > end || index < start) {
      start = text.lastIndexOf('\n', index - 1) + 1;
      end = text.indexOf('\n', index);
      if (end === -1) end = text.length;
    }
    return [start, end];
  };
}

/**
 * The match as its validator sees it: `input` is the text around the match that the detector's
 * window allows (at most `before`/`after` characters each side, within the scanned slice), not the
 * whole merged slice, so validators that test their context cost O(window) per match, not O(line).
 */
function localMatch(m: RegExpExecArray, slice: string, before: number, after: number): RegExpExecArray {
  const from = Math.max(0, m.index - before);
  const to = Math.min(slice.length, m.index + m[0].length + after);
  if (from === 0 && to === slice.length) return m;
  const local = Object.assign([...m], { index: m.index - from, input: slice.slice(from, to), groups: m.groups }) as RegExpExecArray;
  if (m.indices) local.indices = m.indices;
  return local;
}

export function createEngine(detectors: readonly Detector[]): Engine {
  const patterns: CompiledPattern[] = [];
  const assignments: AssignmentDetector[] = [];
  const byKeyword = new Map<string, CompiledPattern[]>();
  for (const d of detectors) {
    if (d.kind === 'assignment') {
      assignments.push(d);
      continue;
    }
    const compiled = { detector: d, regex: withFlags(d.pattern, 'gd') };
    patterns.push(compiled);
    for (const k of d.keywords) {
      const key = k.toLowerCase();
      const list = byKeyword.get(key) ?? [];
      list.push(compiled);
      byKeyword.set(key, list);
    }
  }
  const keywordList = [...byKeyword.keys()];
  const prefilter = keywordList.length ? createKeywordScanner(keywordList) : undefined;
  const detectorsOfKeyword = keywordList.map((k) => byKeyword.get(k)!);
  assignments.sort((a, b) => b.priority - a.priority);

  function windowFor(c: CompiledPattern, text: string, hit: number, hitEnd: number, line: [number, number]): [number, number] {
    const w = c.detector.window;
    if (w?.multiline) return [Math.max(0, hit - w.before), Math.min(text.length, hitEnd + w.after)];
    const [ls, le] = line;
    const before = w?.before ?? DEFAULT_WINDOW_CAP;
    const after = w?.after ?? DEFAULT_WINDOW_CAP;
    return [Math.max(ls, hit - before), Math.min(le, hitEnd + after)];
  }

  function scanText(text: string): DetectorMatch[] {
    if (!prefilter || text.length === 0) return [];
    const windows = new Map<CompiledPattern, [number, number][]>();
    const lineOf = lineTracker(text);
    // Every occurrence of every keyword, overlapping ones included ("key" inside "accountkey"); a
    // shorter keyword at the same start as a longer one only adds a window inside the longer's.
    prefilter.scan(text, (k, hitStart, hitEnd) => {
      const line = lineOf(hitStart);
      for (const c of detectorsOfKeyword[k]!) {
        const list = windows.get(c) ?? [];
        list.push(windowFor(c, text, hitStart, hitEnd, line));
        windows.set(c, list);
      }
    });
    const found: DetectorMatch[] = [];
    for (const [c, list] of windows) {
      list.sort((a, b) => a[0] - b[0]);
      const merged: [number, number][] = [];
      for (const w of list) {
        const last = merged[merged.length - 1];
        if (last && w[0] <= last[1]) last[1] = Math.max(last[1], w[1]);
        else merged.push([w[0], w[1]]);
      }
      const seen = new Set<number>();
      for (const [ws, we] of merged) {
        const slice = text.slice(ws, we);
        const re = c.regex;
        re.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = re.exec(slice)) !== null) {
          if (m[0].length === 0) re.lastIndex++;
          const span = m.indices?.groups?.['secret'];
          const written = m.groups?.['secret'];
          if (!span || written === undefined || written.length === 0) continue;
          const start = ws + span[0];
          if (seen.has(start)) continue;
          // A secret its syntax percent-encodes (URL user-info) is judged and reported decoded.
          const decoded = c.detector.percentEncoded ? decodePercent(written) : undefined;
          const secret = decoded?.value ?? written;
          const w = c.detector.window;
          if (c.detector.validate && !c.detector.validate(secret, localMatch(m, slice, w?.before ?? DEFAULT_WINDOW_CAP, w?.after ?? DEFAULT_WINDOW_CAP))) continue;
          const notSecret = whyNotSecret(secret);
          if (notSecret !== undefined && !(c.detector.uuidShaped && UUID.test(secret)) && !(c.detector.screensWeakValues && SCREENED_BY_AUDIT_JUDGES.has(notSecret))) continue;
          seen.add(start);
          found.push({ detector: c.detector, secret, start, end: ws + span[1], ...(decoded ? { encoding: 'percent' as const } : {}) });
        }
      }
    }
    return resolveOverlaps(found);
  }

  function judgeAssignment(key: string, value: string, place: AssignmentPlace = 'code'): AssignmentDetector | undefined {
    if (!value) return undefined;
    const notSecret = whyNotSecret(value);
    if (notSecret !== undefined && !SCREENED_BY_AUDIT_JUDGES.has(notSecret)) return undefined;
    const lowerKey = key.toLowerCase();
    for (const a of assignments) {
      if (notSecret !== undefined && !a.screensWeakValues) continue;
      if (!a.keywords.some((k) => lowerKey.includes(k.toLowerCase()))) continue;
      if (a.matchesKey(key) && a.acceptsValue(value, key, place)) return a;
    }
    return undefined;
  }

  return { detectors, scanText, judgeAssignment };
}

/**
 * Drops the matches of companion detectors (`PatternDetector.companionWithin`) that no finding of
 * another rule stands beside: a user name is reported only next to a password that is itself
 * reported (at the same confidence gate, after overlaps are resolved), never beside a stand-in.
 */
export function keepCompanions(matches: readonly DetectorMatch[], text: string): DetectorMatch[] {
  const within = (m: DetectorMatch): number | undefined => (m.detector.kind === 'pattern' ? m.detector.companionWithin : undefined);
  if (!matches.some((m) => within(m) !== undefined)) return [...matches];
  const anchors = matches.filter((m) => within(m) === undefined);
  const linesBetween = (a: number, b: number): number => {
    let n = 0;
    for (let i = Math.min(a, b); i < Math.max(a, b); i++) if (text.charCodeAt(i) === 10) n++;
    return n;
  };
  return matches.filter((m) => {
    const lines = within(m);
    if (lines === undefined) return true;
    // Bounded: a line of the window is at most a few hundred characters apart in any real file.
    return anchors.some((a) => Math.abs(a.start - m.start) <= 4000 && ((d) => d >= 1 && d <= lines)(linesBetween(a.start, m.start)));
  });
}

