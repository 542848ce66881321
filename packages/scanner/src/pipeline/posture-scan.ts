/**
 * Posture findings of one file: its posture reader (formats/posture/), then every enabled rule for
 * its language; each hit becomes a finding of category `posture` whose `secret` is the construct
 * found (never a credential value). Inline ignores apply as for secrets. Files whose extension no
 * posture language uses cost one string test (`mayBePostureFile`).
 */
import { mayBePostureFile } from '../detect/posture/languages.js';
import type { PostureRule } from '../detect/posture/types.js';
import type { Severity } from '../detect/types.js';
import { isIgnoredInline } from '../filters/inline-ignore.js';
import type { CommitInfo, Finding } from '../finding/finding.js';
import { readPostureDoc } from '../formats/posture/index.js';
import type { KeylessConfig } from '../config/types.js';
import { LineIndex } from './scan-content.js';

const SEVERITIES: readonly string[] = ['critical', 'high', 'medium', 'low'];

/** The posture rules a config enables (none with `posture: false`), with severity overrides applied. */
export function enabledPostureRules(config: KeylessConfig, all: readonly PostureRule[]): PostureRule[] {
  if (config.posture === false) return [];
  const out: PostureRule[] = [];
  for (const r of all) {
    const setting = config.rules?.[r.id];
    if (setting === 'off') continue;
    out.push(setting !== undefined && SEVERITIES.includes(setting) ? { ...r, severity: setting as Severity } : r);
  }
  return out;
}

export interface PostureScanResult {
  readonly findings: Finding[];
  /** Silenced by a `keyless-ignore` comment. */
  readonly ignored: Finding[];
  readonly warning?: string;
}

const NONE: PostureScanResult = { findings: [], ignored: [] };

export function scanPosture(text: string, path: string, rules: readonly PostureRule[], commit?: CommitInfo): PostureScanResult {
  if (rules.length === 0 || !mayBePostureFile(path)) return NONE;
  const read = readPostureDoc(path, text);
  if (!read) return NONE;
  if ('error' in read) return { findings: [], ignored: [], warning: read.error };
  const { doc } = read;
  const index = new LineIndex(text);
  const findings: Finding[] = [];
  const ignored: Finding[] = [];
  for (const rule of rules) {
    if (!rule.languages.includes(doc.language)) continue;
    const seen = new Set<number>();
    for (const hit of rule.check(doc)) {
      if (seen.has(hit.start)) continue;
      seen.add(hit.start);
      const s = index.position(hit.start);
      const e = index.position(Math.max(hit.start, hit.end));
      const finding: Finding = {
        ruleId: rule.id,
        title: rule.title,
        severity: rule.severity,
        confidence: 'high',
        path,
        line: s.line,
        column: s.column,
        endLine: e.line,
        endColumn: e.column,
        secret: hit.evidence,
        ...(hit.key !== undefined ? { key: hit.key } : {}),
        lineText: index.lineText(s.line),
        ...(commit ? { commit } : {}),
        category: 'posture',
        posture: { language: doc.language, ...(hit.service ? { service: hit.service } : {}), ...(hit.subject ? { subject: hit.subject } : {}) },
      };
      const ignoredHere = isIgnoredInline(index.lineText(s.line), s.line > 1 ? index.lineText(s.line - 1) : undefined, rule.id);
      (ignoredHere ? ignored : findings).push(finding);
    }
  }
  return { findings, ignored };
}
