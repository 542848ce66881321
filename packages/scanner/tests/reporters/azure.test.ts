/**
 * `--format azure`: Azure Pipelines `task.logissue` commands, one per finding, every value escaped as
 * the agent unescapes it (a hostile path cannot end the property list or start a second command).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../../src/finding/finding.js';
import { escapeAzureLogCommand } from '../../src/report/azure-escape.js';
import { azureLogIssue, renderAzure } from '../../src/report/azure.js';
import { guidanceFor } from '../../src/report/guidance.js';
import type { ReportContext, RuleInfo } from '../../src/report/report-context.js';

/** A fake secret built at run time. */
const SECRET = ['Zq8x', 'x7Lm', 'P2vR', 'k9Tn', 'W4yB'].join('');

const RULE: RuleInfo = {
  id: 'demo-key',
  title: 'Demo key',
  description: 'A demo key for reporter tests.',
  severity: 'high',
  remediation: 'storage-key',
};

const ctx = (redact = true): ReportContext => ({ rules: new Map([[RULE.id, RULE]]), redact, toolVersion: '9.9.9' });

function finding(overrides: Partial<Finding> = {}): Finding {
  const lineText = `  "AccountKey": "${SECRET}",`;
  const column = lineText.indexOf(SECRET) + 1;
  return {
    ruleId: RULE.id,
    title: RULE.title,
    severity: 'high',
    confidence: 'high',
    path: 'config/appsettings.json',
    line: 7,
    column,
    endLine: 7,
    endColumn: column + SECRET.length,
    secret: SECRET,
    key: 'Storage:AccountKey',
    lineText,
    ...overrides,
  };
}

/** The agent's side (azure-pipelines-agent Command.TryParse): split properties on `;`, then unescape. */
function parseLogCommand(line: string): { area: string; props: Record<string, string>; data: string } {
  const m = /^##vso\[([a-z.]+) ([^\]]*)\](.*)$/.exec(line);
  assert.ok(m, `a logging command: ${line}`);
  const unescape = (s: string) =>
    s.replace(/%3B/g, ';').replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%5D/g, ']').replace(/%AZP25/g, '%');
  const props: Record<string, string> = {};
  for (const pair of (m[2] ?? '').split(';').filter(Boolean)) {
    const i = pair.indexOf('=');
    props[pair.slice(0, i)] = unescape(pair.slice(i + 1));
  }
  return { area: m[1] ?? '', props, data: unescape(m[3] ?? '') };
}

describe('azure reporter', () => {
  test('escapes % first, then ; CR LF and ]', () => {
    assert.equal(escapeAzureLogCommand('100%;\r\n]%3B'), '100%AZP25%3B%0D%0A%5D%AZP253B');
    assert.equal(escapeAzureLogCommand('plain/path.json'), 'plain/path.json');
  });

  test('one task.logissue per finding, with path, line, column and rule; redacted message with remediation', () => {
    const f = finding();
    const guidance = guidanceFor('storage-key', { key: 'Storage:AccountKey', path: f.path });
    const message = `Demo key (demo-key): Zq8x****************. ${[guidance.summary, ...guidance.steps].join(' ')}`;
    assert.equal(
      azureLogIssue(f, ctx()),
      `##vso[task.logissue type=error;sourcepath=config/appsettings.json;linenumber=7;columnnumber=18;code=demo-key]${escapeAzureLogCommand(message)}`,
    );
    assert.ok(!renderAzure([f], ctx()).includes(SECRET));
    assert.ok(renderAzure([f], ctx(false)).includes(SECRET), '--no-redact shows it');
  });

  test('medium and low findings are warnings; history findings name their commit', () => {
    assert.match(azureLogIssue(finding({ severity: 'medium' }), ctx()), /^##vso\[task\.logissue type=warning;/);
    assert.match(azureLogIssue(finding({ severity: 'low' }), ctx()), /^##vso\[task\.logissue type=warning;/);
    assert.match(azureLogIssue(finding({ severity: 'critical' }), ctx()), /^##vso\[task\.logissue type=error;/);
    const commit = { commit: 'b'.repeat(40), author: 'Dev One', email: 'dev@example.com', date: '2024-05-06T07:08:09Z' };
    assert.ok(parseLogCommand(azureLogIssue(finding({ commit }), ctx())).data.includes(`(commit ${'b'.repeat(12)})`));
  });

  test('a hostile path stays one property of one command on one line', () => {
    const path = 'a;type=warning]x\n##vso[task.complete result=Succeeded;]%AZP25.json';
    const out = renderAzure([finding({ path })], ctx());
    assert.equal(out.split('\n').length, 2, 'one line and the final newline');
    const parsed = parseLogCommand(out.trimEnd());
    assert.equal(parsed.area, 'task.logissue');
    assert.deepEqual(parsed.props, { type: 'error', sourcepath: path, linenumber: '7', columnnumber: '18', code: 'demo-key' });
    assert.match(parsed.data, /^Demo key \(demo-key\): Zq8x\*{16}\. /);
  });

  test('no findings, no output (the exit code, not task.complete, decides the step)', () => {
    assert.equal(renderAzure([], ctx()), '');
  });
});
