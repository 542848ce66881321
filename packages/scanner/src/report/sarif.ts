/**
 * SARIF 2.1.0 report (design.md §2): one run, `tool.driver.rules` from the enabled detectors with
 * the managed-identity guidance as help text, one result per finding with a relative forward-slash
 * URI, region, keyless fingerprint in `partialFingerprints`, and commit/author/date properties for
 * history findings. Messages never contain an unredacted secret unless --no-redact; they are
 * escaped like the text report (`escapeTerminal`; a secret shown whole keeps its line breaks: a
 * viewer or `jq -r` shows no control or bidi character from the repository), and URIs are
 * percent-encoded (sarif-uri.ts).
 */
import type { Severity } from '../detect/types.js';
import type { Finding } from '../finding/finding.js';
import { findingFingerprint } from '../finding/fingerprint.js';
import { NOTICE_RULES, type Notice } from '../finding/notice.js';
import { guidanceFor } from './guidance.js';
import { postureRuleById } from '../detect/posture/catalog.js';
import { postureRemediation } from '../detect/posture/remediation.js';
import type { PostureRule } from '../detect/posture/types.js';
import { sarifUri } from './sarif-uri.js';
import { escapeTerminal, escapeTerminalLines } from './terminal-escape.js';
import {
  guidanceOf,
  guidanceText,
  ruleHelpUri,
  ruleOf,
  shownSecret,
  type ReportContext,
  type RuleInfo,
} from './report-context.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const FINGERPRINT_KEY = 'keyless/v2';

type SarifLevel = 'error' | 'warning' | 'note';

export function sarifLevel(severity: Severity): SarifLevel {
  return severity === 'critical' || severity === 'high' ? 'error' : severity === 'medium' ? 'warning' : 'note';
}

/** GitHub code scanning's numeric severity for security results. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };

/** A posture rule's replacement snippets, one fenced block per language. */
function replacementMarkdown(rule: PostureRule | undefined): string {
  if (!rule) return '';
  return rule.snippets.map((s) => `\n\nReplacement (${s.language}):\n\n\`\`\`${s.language === 'terraform' ? 'hcl' : s.language === 'bicep' ? 'bicep' : s.language === 'arm' ? 'json' : 'yaml'}\n${s.code}\n\`\`\``).join('');
}

/** `azure-storage-account-key` -> `AzureStorageAccountKey`. */
function ruleName(id: string): string {
  return id
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

function sarifRule(r: RuleInfo): Record<string, unknown> {
  const posture = r.category === 'posture' ? postureRuleById(r.id) : undefined;
  const g = posture ? postureRemediation(posture) : guidanceFor(r.remediation, r.rotation ? { rotation: r.rotation } : {});
  const steps = g.steps.map((s) => `- ${s}`).join('\n');
  return {
    id: r.id,
    name: ruleName(r.id),
    shortDescription: { text: r.title },
    fullDescription: { text: r.description },
    help: { text: `${g.summary}\n${g.steps.map((s) => `- ${s}`).join('\n')}`, markdown: `**${g.summary}**\n\n${steps}${replacementMarkdown(posture)}` },
    helpUri: ruleHelpUri(r),
    defaultConfiguration: { level: sarifLevel(r.severity) },
    properties: posture
      ? { tags: ['security', 'posture', ...posture.languages], category: 'posture', 'security-severity': SECURITY_SEVERITY[r.severity] }
      : { tags: ['security', 'secret'], 'security-severity': SECURITY_SEVERITY[r.severity] },
  };
}

function sarifResult(f: Finding, ruleIndex: number, ctx: ReportContext): Record<string, unknown> {
  const rule = ruleOf(f, ctx);
  const region: Record<string, number> = {
    startLine: f.line,
    startColumn: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
  };
  const properties: Record<string, unknown> = { severity: f.severity, confidence: f.confidence };
  if (f.category === 'posture') properties['category'] = 'posture';
  if (f.commit) {
    properties['commit'] = f.commit.commit;
    properties['author'] = f.commit.author;
    properties['date'] = f.commit.date;
    if (f.commit.email) properties['authorEmail'] = f.commit.email;
  }
  if (f.encoding !== undefined) properties['encoding'] = f.encoding;
  if (f.occurrences !== undefined) properties['occurrences'] = f.occurrences;
  if (f.commitOrder !== undefined) properties['commitOrder'] = f.commitOrder;
  return {
    ruleId: f.ruleId,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    level: sarifLevel(f.severity),
    message: { text: `${escapeTerminal(rule.title)}: ${escapeTerminalLines(shownSecret(f, ctx))}. ${escapeTerminal(guidanceText(guidanceOf(f, ctx)))}` },
    locations: [{ physicalLocation: { artifactLocation: { uri: sarifUri(f.path) }, region } }],
    partialFingerprints: { [FINGERPRINT_KEY]: findingFingerprint(f) },
    properties,
  };
}

/**
 * SARIF's suppression for a suppressed finding: `inSource` for an inline ignore (the comment is in
 * the code), `external` for the config's allowlist and the baseline.
 */
function sarifSuppression(f: Finding): Record<string, unknown> {
  if (f.suppressed === 'inline-ignore') return { kind: 'inSource', justification: 'keyless-ignore comment' };
  return { kind: 'external', justification: f.suppressed === 'baseline' ? 'listed in the baseline' : 'allowlisted in the keyless config' };
}

/** A notice (range scans) as a result of level `note`. */
function sarifNotice(n: Notice, ruleIndex: number): Record<string, unknown> {
  return {
    ruleId: n.ruleId,
    ruleIndex,
    level: 'note',
    message: { text: n.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: n.path }, region: { startLine: n.line } } }],
  };
}

function noticeRule(r: (typeof NOTICE_RULES)[number]): Record<string, unknown> {
  return {
    id: r.id,
    name: ruleName(r.id),
    shortDescription: { text: r.title },
    fullDescription: { text: r.description },
    defaultConfiguration: { level: 'note' },
    properties: { tags: ['keyless-gate'] },
  };
}

/** The SARIF log as an object (for tests and embedding). */
export function sarifLog(findings: readonly Finding[], ctx: ReportContext): Record<string, unknown> {
  const rules = [...ctx.rules.values()];
  const suppressed = ctx.suppressed ?? [];
  const notices = ctx.notices ?? [];
  for (const f of [...findings, ...suppressed]) if (!ctx.rules.has(f.ruleId) && !rules.some((r) => r.id === f.ruleId)) rules.push(ruleOf(f, ctx));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const noticeRules = NOTICE_RULES.filter((r) => notices.some((n) => n.ruleId === r.id));
  const noticeIndex = new Map(noticeRules.map((r, i) => [r.id, rules.length + i]));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'keyless',
            version: ctx.toolVersion,
            semanticVersion: ctx.toolVersion,
            informationUri: 'https://github.com/keyless-dev/keyless',
            rules: [...rules.map(sarifRule), ...noticeRules.map(noticeRule)],
          },
        },
        columnKind: 'utf16CodeUnits',
        ...(ctx.scanned ? { properties: { keyless: ctx.scanned } } : {}),
        results: [
          ...findings.map((f) => sarifResult(f, index.get(f.ruleId) ?? -1, ctx)),
          ...suppressed.map((f) => ({ ...sarifResult(f, index.get(f.ruleId) ?? -1, ctx), suppressions: [sarifSuppression(f)] })),
          ...notices.map((n) => sarifNotice(n, noticeIndex.get(n.ruleId) ?? -1)),
        ],
      },
    ],
  };
}

export function renderSarif(findings: readonly Finding[], ctx: ReportContext): string {
  return `${JSON.stringify(sarifLog(findings, ctx), null, 2)}\n`;
}
