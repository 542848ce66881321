/**
 * Baselines: a JSON file of the fingerprints of accepted findings (never secrets, nor a fast hash
 * of one: see fingerprint.ts), sorted by path, rule and fingerprint so it diffs well; each entry
 * keeps its rule id and a path where it was seen, for humans (the fingerprint has no path: a renamed
 * file keeps its entry). `scan --baseline FILE` reports only findings whose fingerprint is not in
 * it; entries that no longer match anything are "stale" and can be dropped with `--prune`, which
 * also rewrites entries of the older form (rule, path, SHA-256 of the secret) to the current one.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Finding } from '../finding/finding.js';
import { findingFingerprint, legacyFingerprintOf } from '../finding/fingerprint.js';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  readonly ruleId: string;
  readonly path: string;
  readonly fingerprint: string;
}

/** A missing or unreadable baseline file (one-line message; the CLI exits 2). */
export class BaselineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BaselineError';
  }
}

function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  const key = (e: BaselineEntry) => [e.path, e.ruleId, e.fingerprint];
  const ka = key(a);
  const kb = key(b);
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! < kb[i]! ? -1 : 1;
  return 0;
}

/**
 * One entry per fingerprint, sorted. The same secret under one rule at several paths is one
 * fingerprint: its entry names the first of those paths in sort order (whatever the input order).
 */
export function normalizeEntries(entries: Iterable<BaselineEntry>): BaselineEntry[] {
  const byFingerprint = new Map<string, BaselineEntry>();
  for (const e of [...entries].sort(compareEntries)) {
    if (!byFingerprint.has(e.fingerprint)) byFingerprint.set(e.fingerprint, { ruleId: e.ruleId, path: e.path, fingerprint: e.fingerprint });
  }
  return [...byFingerprint.values()];
}

/** The entry of a finding, in the current fingerprint form. */
export function entryOf(f: Finding): BaselineEntry {
  return { ruleId: f.ruleId, path: f.path, fingerprint: findingFingerprint(f) };
}

export function entriesFromFindings(findings: readonly Finding[]): BaselineEntry[] {
  return normalizeEntries(findings.map(entryOf));
}

/** The file's text: stable key order, one entry per line group, trailing newline. */
export function serializeBaseline(entries: readonly BaselineEntry[]): string {
  const body = {
    version: BASELINE_VERSION,
    tool: 'keyless',
    description: 'Fingerprints of accepted findings (hash of the rule and a slow scrypt hash of the secret; never the secret). Regenerate with keyless baseline.',
    findings: normalizeEntries(entries),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

function isEntry(v: unknown): v is BaselineEntry {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Record<string, unknown>;
  return typeof e['fingerprint'] === 'string' && /^[0-9a-f]{16,128}$/.test(e['fingerprint']) && typeof e['ruleId'] === 'string' && typeof e['path'] === 'string';
}

/** Parses baseline text; `name` is how the file is called in errors. */
export function parseBaseline(text: string, name: string): BaselineEntry[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new BaselineError(`baseline ${name} is not valid JSON; regenerate it with 'keyless baseline --output ${name}'`);
  }
  const body = value as Record<string, unknown> | null;
  if (typeof body !== 'object' || body === null || !Array.isArray(body['findings'])) {
    throw new BaselineError(`baseline ${name} has no "findings" array; regenerate it with 'keyless baseline --output ${name}'`);
  }
  if (body['version'] !== BASELINE_VERSION) {
    throw new BaselineError(`baseline ${name} has unsupported version ${JSON.stringify(body['version'])} (expected ${BASELINE_VERSION})`);
  }
  const entries = body['findings'] as unknown[];
  const bad = entries.findIndex((e) => !isEntry(e));
  if (bad !== -1) throw new BaselineError(`baseline ${name}: /findings/${bad} must have string ruleId, path and a hex fingerprint`);
  return normalizeEntries(entries as BaselineEntry[]);
}

export function readBaselineFile(file: string, name = file): BaselineEntry[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new BaselineError(code === 'ENOENT' ? `baseline file not found: ${name}` : `cannot read baseline ${name} (${code ?? 'error'})`);
  }
  return parseBaseline(text, name);
}

export function writeBaselineFile(file: string, entries: readonly BaselineEntry[]): void {
  writeFileSync(file, serializeBaseline(entries));
}

export interface BaselineResult {
  /** Findings whose fingerprint (either form) is not in the baseline. */
  readonly fresh: Finding[];
  /** Baseline entries that match no current finding. */
  readonly stale: BaselineEntry[];
  /** The entries still matched, all in the current form (what `--prune` writes). */
  readonly kept: BaselineEntry[];
  /** Entries of the older form that still matched (rewritten in `kept`). */
  readonly legacy: BaselineEntry[];
}

/**
 * Matches findings against baseline entries of both forms. Every finding's current fingerprint is
 * computed (one slow hash per distinct secret; call prepareFingerprints first to run them in
 * parallel): an older entry that matches is rewritten to it in `kept`.
 */
export function applyBaseline(findings: readonly Finding[], entries: readonly BaselineEntry[]): BaselineResult {
  if (entries.length === 0) return { fresh: [...findings], stale: [], kept: [], legacy: [] };
  const known = new Set(entries.map((e) => e.fingerprint));
  const matched = new Set<string>();
  const matchedLegacy = new Set<string>();
  const rewritten: BaselineEntry[] = [];
  const fresh: Finding[] = [];
  for (const f of findings) {
    let hit = false;
    const old = legacyFingerprintOf(f.ruleId, f.path, f.secret);
    if (known.has(old)) {
      matchedLegacy.add(old);
      rewritten.push(entryOf(f));
      hit = true;
    }
    const current = findingFingerprint(f);
    if (known.has(current)) {
      matched.add(current);
      hit = true;
    }
    if (!hit) fresh.push(f);
  }
  const isMatched = (e: BaselineEntry) => matched.has(e.fingerprint) || matchedLegacy.has(e.fingerprint);
  const legacy = entries.filter((e) => matchedLegacy.has(e.fingerprint) && !matched.has(e.fingerprint));
  return {
    fresh,
    stale: entries.filter((e) => !isMatched(e)),
    kept: normalizeEntries([...entries.filter((e) => matched.has(e.fingerprint)), ...rewritten]),
    legacy,
  };
}
