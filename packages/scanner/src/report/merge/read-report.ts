/**
 * Reading a keyless JSON or SARIF report for `keyless merge`: what it covers (repositories and
 * shards: JSON `scan` / `repositories`, SARIF `runs[0].properties.keyless`) and its findings, each
 * with what merging needs (repository, path, fingerprint, suppression, commit order, occurrences).
 * Anything that is not such a report is refused with one line naming the file.
 */
import type { ReportedScan } from '../report-context.js';
import { FINGERPRINT_KEY } from '../sarif.js';

export type MergeFormat = 'json' | 'sarif';

/** One repository, or one shard of it, that a report covers. */
export interface ReportPart {
  readonly file: string;
  readonly repository: string;
  readonly shard?: { readonly index: number; readonly count: number; readonly split?: string };
  readonly commits: number;
  readonly unscanned: number;
  /** Shards a merged report already lacks (merged with --allow-partial), as `I/N`. */
  readonly missingShards?: readonly string[];
}

/** A finding of a report, with its identity for merging; `raw` is the report's own object. */
export interface MergeEntry {
  readonly repository: string;
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly ruleId: string;
  readonly fingerprint: string;
  /** '' for a reported finding; the suppression (SARIF) otherwise. */
  readonly suppressed: string;
  readonly severity: string;
  readonly commitOrder?: number;
  readonly occurrences?: number;
  readonly raw: Record<string, unknown>;
}

/** A repository a scan-repos run could not scan, and why (one line). */
export interface NotScanned {
  readonly repository: string;
  readonly error: string;
}

export interface ReadReport {
  readonly file: string;
  readonly format: MergeFormat;
  readonly parts: readonly ReportPart[];
  readonly entries: readonly MergeEntry[];
  /** JSON `suppressed` counts. */
  readonly counts?: Readonly<Record<string, number>>;
  readonly notScanned: readonly NotScanned[];
  /** SARIF: the run's tool driver (rules included). */
  readonly driver?: Readonly<Record<string, unknown>>;
  /** SARIF: the log's `$schema` and `version`, and the run's `columnKind`. */
  readonly sarifFrame?: { readonly schema: unknown; readonly version: unknown; readonly columnKind: unknown };
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;

class ReportError extends Error {
  constructor(file: string, what: string) {
    super(`${file}: ${what}`);
  }
}

function readShard(file: string, x: unknown): ReportPart['shard'] {
  if (x === undefined) return undefined;
  if (!isObj(x) || !isCount(x['index']) || !isCount(x['count']) || x['index'] < 1 || x['index'] > x['count']) {
    throw new ReportError(file, 'its scan shard is not {index, count} with 1 <= index <= count');
  }
  const split = x['split'];
  if (split !== undefined && (typeof split !== 'string' || !/^[0-9a-f]{1,64}$/.test(split))) throw new ReportError(file, 'its scan shard split is not a digest');
  return { index: x['index'], count: x['count'], ...(split !== undefined ? { split } : {}) };
}

/** A `scan` block (ReportedScan) as a part. */
function readPart(file: string, x: unknown): ReportPart {
  const s = x as Partial<ReportedScan> & { missingShards?: unknown };
  if (!isObj(x) || s.kind !== 'history' || typeof s.repository !== 'string' || s.repository === '' || !isCount(s.commits) || !isCount(s.unscanned)) {
    throw new ReportError(file, 'its scan block is not that of a keyless history scan (kind, repository, commits, unscanned)');
  }
  const shard = readShard(file, s.shard);
  const missing = Array.isArray(s.missingShards) && s.missingShards.every((m) => typeof m === 'string') ? (s.missingShards as string[]) : undefined;
  return { file, repository: s.repository, ...(shard ? { shard } : {}), commits: s.commits, unscanned: s.unscanned, ...(missing ? { missingShards: missing } : {}) };
}

function readNotScanned(file: string, x: unknown): NotScanned[] {
  if (x === undefined) return [];
  if (!Array.isArray(x) || !x.every((n) => isObj(n) && typeof n['repository'] === 'string' && typeof n['error'] === 'string')) {
    throw new ReportError(file, "its 'notScanned' is not a list of {repository, error}");
  }
  return (x as Obj[]).map((n) => ({ repository: n['repository'] as string, error: n['error'] as string }));
}

/** The parts of a report: its `scan` (one repository), or `repositories` (a merged report of several). */
function partsOf(file: string, scan: unknown, repositories: unknown): ReportPart[] {
  if (scan !== undefined) return [readPart(file, scan)];
  if (Array.isArray(repositories)) return repositories.map((r) => readPart(file, r));
  throw new ReportError(file, "it does not say what was scanned (no 'scan' block): merge reports of 'keyless scan --history' or 'keyless scan-repos'");
}

/** The repository of a finding: its own `repository` (several in the report), else the report's one. */
function repositoryOf(file: string, f: Obj, parts: readonly ReportPart[]): string {
  const own = f['repository'];
  if (typeof own === 'string') {
    if (!parts.some((p) => p.repository === own)) throw new ReportError(file, `a finding names repository '${own}', which the report does not list`);
    return own;
  }
  if (parts.length !== 1) throw new ReportError(file, 'a finding does not say which of its repositories it is in');
  return parts[0]!.repository;
}

function readJson(file: string, body: Obj): ReadReport {
  const parts = partsOf(file, body['scan'], body['repositories']);
  const findings = body['findings'];
  if (!Array.isArray(findings)) throw new ReportError(file, "it has no 'findings' list");
  const entries = findings.map((f: unknown, i): MergeEntry => {
    if (!isObj(f)) throw new ReportError(file, `finding ${i + 1} is not an object`);
    const { path, line, column, ruleId, fingerprint, severity, commitOrder, occurrences } = f;
    if (typeof path !== 'string' || !isCount(line) || !isCount(column) || typeof ruleId !== 'string' || typeof fingerprint !== 'string' || typeof severity !== 'string') {
      throw new ReportError(file, `finding ${i + 1} lacks path, line, column, ruleId, fingerprint or severity`);
    }
    return {
      repository: repositoryOf(file, f, parts),
      path,
      line,
      column,
      ruleId,
      fingerprint,
      suppressed: '',
      severity,
      ...(isCount(commitOrder) ? { commitOrder } : {}),
      ...(isCount(occurrences) ? { occurrences } : {}),
      raw: f,
    };
  });
  const counts = body['suppressed'];
  if (counts !== undefined && !(isObj(counts) && Object.values(counts).every(isCount))) throw new ReportError(file, "its 'suppressed' counts are not numbers");
  return { file, format: 'json', parts, entries, ...(counts ? { counts: counts as Record<string, number> } : {}), notScanned: readNotScanned(file, body['notScanned']) };
}

function readSarif(file: string, log: Obj): ReadReport {
  const runs = log['runs'];
  if (!Array.isArray(runs) || runs.length !== 1 || !isObj(runs[0])) throw new ReportError(file, 'a keyless SARIF log has exactly one run');
  const run = runs[0];
  const driver = isObj(run['tool']) ? run['tool']['driver'] : undefined;
  if (!isObj(driver) || driver['name'] !== 'keyless') throw new ReportError(file, 'its run is not from keyless (tool.driver.name)');
  const keyless = isObj(run['properties']) ? run['properties']['keyless'] : undefined;
  const parts = partsOf(file, isObj(keyless) && keyless['kind'] !== undefined ? keyless : undefined, isObj(keyless) ? keyless['repositories'] : undefined);
  const results = run['results'];
  if (!Array.isArray(results)) throw new ReportError(file, 'its run has no results list');
  const entries: MergeEntry[] = [];
  results.forEach((r: unknown, i) => {
    const at = `result ${i + 1}`;
    if (!isObj(r)) throw new ReportError(file, `${at} is not an object`);
    const props = isObj(r['properties']) ? r['properties'] : {};
    const loc = Array.isArray(r['locations']) && isObj(r['locations'][0]) ? r['locations'][0]['physicalLocation'] : undefined;
    const uri = isObj(loc) && isObj(loc['artifactLocation']) ? loc['artifactLocation']['uri'] : undefined;
    const region = isObj(loc) && isObj(loc['region']) ? loc['region'] : {};
    const fingerprint = isObj(r['partialFingerprints']) ? r['partialFingerprints'][FINGERPRINT_KEY] : undefined;
    if (typeof r['ruleId'] !== 'string' || typeof uri !== 'string' || !isCount(region['startLine'])) throw new ReportError(file, `${at} lacks ruleId, location or line`);
    // Range notices carry no fingerprint: merging is for history scans' findings.
    if (typeof fingerprint !== 'string') throw new ReportError(file, `${at} has no keyless fingerprint (partialFingerprints)`);
    let path: string;
    try {
      path = decodeURIComponent(uri);
    } catch {
      throw new ReportError(file, `${at} has a malformed URI`);
    }
    const repository = typeof props['repository'] === 'string' ? props['repository'] : undefined;
    entries.push({
      repository: repositoryOf(file, repository !== undefined ? { repository } : {}, parts),
      path,
      line: region['startLine'],
      column: isCount(region['startColumn']) ? region['startColumn'] : 0,
      ruleId: r['ruleId'],
      fingerprint,
      suppressed: Array.isArray(r['suppressions']) && r['suppressions'].length > 0 ? JSON.stringify(r['suppressions']) : '',
      severity: typeof props['severity'] === 'string' ? props['severity'] : 'low',
      ...(isCount(props['commitOrder']) ? { commitOrder: props['commitOrder'] } : {}),
      ...(isCount(props['occurrences']) ? { occurrences: props['occurrences'] } : {}),
      raw: r,
    });
  });
  return {
    file,
    format: 'sarif',
    parts,
    entries,
    notScanned: readNotScanned(file, isObj(keyless) ? keyless['notScanned'] : undefined),
    driver,
    sarifFrame: { schema: log['$schema'], version: log['version'], columnKind: run['columnKind'] },
  };
}

/** Parses one report's text; `file` names it in errors. */
export function readReport(file: string, text: string): ReadReport {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ReportError(file, 'not a JSON or SARIF report (not valid JSON)');
  }
  if (!isObj(body)) throw new ReportError(file, 'not a JSON or SARIF report');
  if (Array.isArray(body['runs'])) return readSarif(file, body);
  return readJson(file, body);
}
