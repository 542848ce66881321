/**
 * The job summary (GITHUB_STEP_SUMMARY) of the keyless GitHub Action: a Markdown table of the
 * findings (keyless's JSON report, secrets already redacted) with their remediation. Every cell is
 * escaped: a path in a scanned repository is hostile and must not break the table or inject markup.
 */

const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low'];

/** Text for one table cell: no line breaks, Markdown and HTML specials escaped. */
export function markdownCell(text) {
  return String(text)
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]()#+!|~-])/g, '\\$1');
}

/**
 * @param {{ findings: Array<Record<string, unknown>> }} report keyless --format json
 * @param {{ label: string, version: string, failOn: string, failing: number }} run
 */
export function jobSummary(report, run) {
  const findings = [...report.findings].sort(
    (a, b) => SEVERITY_ORDER.indexOf(String(a.severity)) - SEVERITY_ORDER.indexOf(String(b.severity)),
  );
  const n = findings.length;
  const lines = [`### keyless: ${n === 0 ? 'no new findings' : `${n} new ${n === 1 ? 'finding' : 'findings'}`}`, ''];
  lines.push(`Scanned ${markdownCell(run.label)} with keyless ${markdownCell(run.version)}.`);
  if (n > 0) {
    lines.push(
      run.failing > 0
        ? `${run.failing} at or above \`${run.failOn}\`: the check fails.`
        : `None at or above \`${run.failOn}\`: the check passes.`,
    );
    lines.push('', '| Severity | Rule | Location | Secret | Remediation |', '| --- | --- | --- | --- | --- |');
    for (const f of findings) {
      const where = `${f.path}:${f.line}:${f.column}${f.commit ? ` (commit ${String(f.commit).slice(0, 12)})` : ''}`;
      lines.push(
        `| ${[f.severity, `${f.title} (${f.ruleId})`, where, f.secret, f.remediation].map(markdownCell).join(' | ')} |`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/** How many findings are at or above `failOn` (`none` never fails). */
export function failingCount(findings, failOn) {
  if (failOn === 'none') return 0;
  const limit = SEVERITY_ORDER.indexOf(failOn);
  if (limit === -1) throw new Error(`input fail-on must be critical, high, medium, low or none (got '${failOn}')`);
  return findings.filter((f) => {
    const i = SEVERITY_ORDER.indexOf(String(f.severity));
    return i !== -1 && i <= limit;
  }).length;
}
