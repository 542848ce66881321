/**
 * A merged report in the format of the reports it merges: a JSON report with `scan` (one
 * repository: then it is the report the unsharded scan writes) or `repositories` (several: each
 * finding names its `repository`), or a SARIF log of one run; or text lines. Repositories a
 * scan-repos run could not scan are listed (`notScanned`).
 */
import { escapeTerminal } from '../terminal-escape.js';
import type { MergedScan } from './coverage.js';
import type { MergeEntry, NotScanned, ReadReport } from './read-report.js';
import { SARIF_SCHEMA } from '../sarif.js';

export interface MergedReport {
  readonly scans: readonly MergedScan[];
  readonly entries: readonly MergeEntry[];
  readonly notScanned: readonly NotScanned[];
  readonly reports: readonly ReadReport[];
  /** Each finding names its repository even when there is one (scan-repos). */
  readonly nameRepositories?: boolean;
}

/** Suppression counts summed over reports (a rule set "off" is counted once: the largest count). */
function sumCounts(reports: readonly ReadReport[]): Record<string, number> | undefined {
  const withCounts = reports.filter((r) => r.counts);
  if (withCounts.length === 0) return undefined;
  const out: Record<string, number> = {};
  for (const r of withCounts) {
    for (const [k, v] of Object.entries(r.counts!)) out[k] = k === 'disabledRules' ? Math.max(out[k] ?? 0, v) : (out[k] ?? 0) + v;
  }
  return out;
}

/** The finding's own object with the merged occurrences, and its repository when there are several. */
function findingObject(e: MergeEntry, several: boolean): Record<string, unknown> {
  const { repository: _own, ...raw } = e.raw;
  const body = e.occurrences !== undefined && 'occurrences' in raw ? { ...raw, occurrences: e.occurrences } : raw;
  return several ? { repository: e.repository, ...body } : body;
}

/** One repository, named once (`scan`), or several, named in each finding. */
const severalRepositories = (m: MergedReport) => m.nameRepositories === true || !(m.scans.length === 1 && m.notScanned.length === 0);

function coverageBlock(m: MergedReport): Record<string, unknown> {
  const block: Record<string, unknown> = severalRepositories(m) ? { repositories: m.scans } : { scan: m.scans[0] };
  if (m.notScanned.length > 0) block['notScanned'] = m.notScanned;
  return block;
}

export function renderMergedJson(m: MergedReport): string {
  const several = severalRepositories(m);
  const counts = sumCounts(m.reports);
  const body = { findings: m.entries.map((e) => findingObject(e, several)), ...(counts ? { suppressed: counts } : {}), ...coverageBlock(m) };
  return `${JSON.stringify(body, null, 2)}\n`;
}

/** One run: the first report's driver with every report's rules (by id, first seen first). */
export function renderMergedSarif(m: MergedReport): string {
  const first = m.reports[0];
  const rules: Record<string, unknown>[] = [];
  const index = new Map<string, number>();
  for (const r of m.reports) {
    const list = Array.isArray(r.driver?.['rules']) ? (r.driver['rules'] as Record<string, unknown>[]) : [];
    for (const rule of list) {
      const id = String(rule['id']);
      if (index.has(id)) continue;
      index.set(id, rules.length);
      rules.push(rule);
    }
  }
  const several = severalRepositories(m);
  const results = m.entries.map((e) => {
    const props = { ...((e.raw['properties'] as Record<string, unknown> | undefined) ?? {}) };
    delete props['repository'];
    if (e.occurrences !== undefined && 'occurrences' in props) props['occurrences'] = e.occurrences;
    const ruleIndex = index.get(e.ruleId);
    return {
      ...e.raw,
      ...('ruleIndex' in e.raw && ruleIndex !== undefined ? { ruleIndex } : {}),
      properties: several ? { repository: e.repository, ...props } : props,
    };
  });
  const log = {
    $schema: first?.sarifFrame?.schema ?? SARIF_SCHEMA,
    version: first?.sarifFrame?.version ?? '2.1.0',
    runs: [
      {
        tool: { driver: { ...(first?.driver ?? { name: 'keyless', informationUri: 'https://github.com/keyless-dev/keyless' }), rules } },
        columnKind: first?.sarifFrame?.columnKind ?? 'utf16CodeUnits',
        properties: { keyless: several ? coverageBlock(m) : m.scans[0] },
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** One line per reported finding (`repository: path:line:column severity rule commit`), escaped for a terminal. */
export function renderMergedText(m: MergedReport): string {
  const several = severalRepositories(m);
  const lines = m.entries
    .filter((e) => e.suppressed === '')
    .map((e) => {
      const commit = typeof e.raw['commit'] === 'string' ? e.raw['commit'] : (e.raw['properties'] as Record<string, unknown> | undefined)?.['commit'];
      const where = `${several ? `${e.repository}: ` : ''}${e.path}:${e.line}:${e.column}`;
      return escapeTerminal(`${where}  ${e.severity}  ${e.ruleId}${typeof commit === 'string' ? `  ${commit.slice(0, 12)}` : ''}`);
    });
  const missing = m.notScanned.map((n) => escapeTerminal(`not scanned: ${n.repository}: ${n.error}`));
  return [...lines, ...missing].map((l) => `${l}\n`).join('');
}
