import type { CommitInfo, Finding } from '../finding/finding.js';
import type { ContentMatch } from './scan-content.js';

/** Turns a content match in `path` (relative, forward slashes) into a reportable finding. */
export function makeFinding(m: ContentMatch, path: string, commit?: CommitInfo): Finding {
  const d = m.match.detector;
  return {
    ruleId: d.id,
    title: d.title,
    severity: d.severity,
    confidence: d.confidence,
    path,
    line: m.line,
    column: m.column,
    endLine: m.endLine,
    endColumn: m.endColumn,
    secret: m.match.secret,
    ...(m.key !== undefined ? { key: m.key } : {}),
    lineText: m.lineText,
    ...(m.encoding !== undefined ? { encoding: m.encoding } : {}),
    ...(commit ? { commit } : {}),
  };
}

/** Stable report order. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
    a.line - b.line ||
    a.column - b.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}
