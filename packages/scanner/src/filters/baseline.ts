/**
 * Baselines: a JSON file of the fingerprints of accepted findings (never secrets), sorted by path,
 * rule and fingerprint so it diffs well; each entry keeps its rule id and path for humans.
 * `scan --baseline FILE` reports only findings whose fingerprint is not in it; entries that no
 * longer match anything are "stale" and can be dropped with `--prune`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Finding } from '../finding.js';

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

/** One entry per fingerprint, sorted. */
export function normalizeEntries(entries: Iterable<BaselineEntry>): BaselineEntry[] {
  const byFingerprint = new Map<string, BaselineEntry>();
  for (const e of entries) {
    if (!byFingerprint.has(e.fingerprint)) byFingerprint.set(e.fingerprint, { ruleId: e.ruleId, path: e.path, fingerprint: e.fingerprint });
  }
  return [...byFingerprint.values()].sort(compareEntries);
}

export function entriesFromFindings(findings: readonly Finding[]): BaselineEntry[] {
  return normalizeEntries(findings.map((f) => ({ ruleId: f.ruleId, path: f.path, fingerprint: f.fingerprint })));
}

/** The file's text: stable key order, one entry per line group, trailing newline. */
export function serializeBaseline(entries: readonly BaselineEntry[]): string {
  const body = {
    version: BASELINE_VERSION,
    tool: 'keyless',
    description: 'Fingerprints of accepted findings (hash of rule, path and secret; never the secret). Regenerate with keyless baseline.',
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
  /** Findings whose fingerprint is not in the baseline. */
  readonly fresh: Finding[];
  /** Baseline entries that match no current finding. */
  readonly stale: BaselineEntry[];
  /** Baseline entries still matched. */
  readonly kept: BaselineEntry[];
}

export function applyBaseline(findings: readonly Finding[], entries: readonly BaselineEntry[]): BaselineResult {
  const known = new Set(entries.map((e) => e.fingerprint));
  const current = new Set(findings.map((f) => f.fingerprint));
  return {
    fresh: findings.filter((f) => !known.has(f.fingerprint)),
    stale: entries.filter((e) => !current.has(e.fingerprint)),
    kept: entries.filter((e) => current.has(e.fingerprint)),
  };
}
