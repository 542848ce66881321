/**
 * Reporters as pure functions: exact JSON objects, SARIF levels/properties, GitHub annotation
 * escaping, and the text report's code frame (redacted, caret under the secret, multi-line secrets).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../../src/finding/finding.js';
import { fingerprintOf } from '../../src/finding/fingerprint.js';
import { escapeData, escapeProperty, githubAnnotation } from '../../src/report/github.js';
import { jsonFinding } from '../../src/report/json.js';
import type { ReportContext, RuleInfo } from '../../src/report/report-context.js';
import { sarifLevel, sarifLog } from '../../src/report/sarif.js';
import { renderText } from '../../src/report/text.js';

/** A fake secret built at run time. */
const SECRET = ['Zq8x', 'x7Lm', 'P2vR', 'k9Tn', 'W4yB'].join('');

const RULE: RuleInfo = {
  id: 'demo-key',
  title: 'Demo key',
  description: 'A demo key for reporter tests.',
  severity: 'high',
  remediation: 'storage-key',
};

function ctx(overrides: Partial<ReportContext> = {}): ReportContext {
  return { rules: new Map([[RULE.id, RULE]]), redact: true, toolVersion: '9.9.9', color: false, ...overrides };
}

function finding(overrides: Partial<Finding> = {}): Finding {
  const lineText = `  "AccountKey": "${SECRET}",`;
  const column = lineText.indexOf(SECRET) + 1;
  return {
    ruleId: RULE.id,
    title: RULE.title,
    severity: 'high',
    confidence: 'high',
    path: 'config/app settings.json',
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

const COMMIT = { commit: 'a'.repeat(40), author: 'Dev One', email: 'dev@example.com', date: '2024-05-06T07:08:09Z' };

describe('json reporter', () => {
  test('one finding, with the contract fields first and extras after', () => {
    const f = finding();
    const obj = jsonFinding(f, ctx());
    assert.deepEqual(Object.keys(obj).slice(0, 10), [
      'ruleId',
      'severity',
      'path',
      'line',
      'column',
      'endColumn',
      'secret',
      'fingerprint',
      'remediation',
      'title',
    ]);
    assert.equal(obj['path'], 'config/app settings.json');
    assert.equal(obj['line'], 7);
    assert.equal(obj['column'], 18);
    assert.equal(obj['endColumn'], 38);
    assert.equal(obj['secret'], 'Zq8x****************');
    assert.equal(obj['key'], 'Storage:AccountKey');
    assert.equal(obj['fingerprint'], fingerprintOf(RULE.id, SECRET));
    assert.match(String(obj['remediation']), /[Rr]otate the leaked value/);
    assert.equal('commit' in obj, false);
  });

  test('history findings carry the full commit SHA, author, author e-mail and date', () => {
    const obj = jsonFinding(finding({ commit: COMMIT, occurrences: 3 }), ctx());
    assert.equal(obj['commit'], COMMIT.commit);
    assert.equal(obj['author'], 'Dev One');
    assert.equal(obj['authorEmail'], 'dev@example.com');
    assert.equal(obj['date'], COMMIT.date);
    assert.equal(obj['occurrences'], 3);
  });

  test('--no-redact shows the secret', () => {
    assert.equal(jsonFinding(finding(), ctx({ redact: false }))['secret'], SECRET);
  });
});

describe('sarif reporter', () => {
  test('levels by severity', () => {
    assert.deepEqual(
      (['critical', 'high', 'medium', 'low'] as const).map(sarifLevel),
      ['error', 'error', 'warning', 'note'],
    );
  });

  test('results carry region, fingerprint, commit properties; messages are redacted', () => {
    const log = sarifLog([finding({ commit: COMMIT })], ctx()) as {
      runs: { tool: { driver: { rules: { id: string; helpUri: string }[] } }; results: Record<string, unknown>[] }[];
    };
    const result = log.runs[0]!.results[0]!;
    assert.deepEqual(result['locations'], [
      {
        physicalLocation: {
          artifactLocation: { uri: 'config/app%20settings.json' },
          region: { startLine: 7, startColumn: 18, endLine: 7, endColumn: 38 },
        },
      },
    ]);
    assert.deepEqual(result['partialFingerprints'], { 'keyless/v2': fingerprintOf(RULE.id, SECRET) });
    assert.deepEqual(result['properties'], {
      severity: 'high',
      confidence: 'high',
      commit: COMMIT.commit,
      author: 'Dev One',
      date: COMMIT.date,
      authorEmail: 'dev@example.com',
    });
    assert.equal(result['ruleIndex'], 0);
    assert.ok(!JSON.stringify(log).includes(SECRET));
    assert.equal(log.runs[0]!.tool.driver.rules[0]!.id, 'demo-key');
    assert.match(log.runs[0]!.tool.driver.rules[0]!.helpUri, /#demo-key$/);
  });
});

describe('github reporter', () => {
  test('escapes properties and data as the runner expects', () => {
    assert.equal(escapeProperty('a,b:c%d\ne'), 'a%2Cb%3Ac%25d%0Ae');
    assert.equal(escapeData('50% done\r\nnext, a:b'), '50%25 done%0D%0Anext, a:b');
  });

  test('one annotation per finding; command by severity', () => {
    const line = githubAnnotation(finding({ path: 'a,b.json' }), ctx());
    assert.match(
      line,
      /^::error file=a%2Cb\.json,line=7,col=18,endColumn=38,title=Demo key \(demo-key\)::Demo key: Zq8x\*{16}\. .*[Rr]otate the leaked value/,
    );
    assert.match(githubAnnotation(finding({ severity: 'medium' }), ctx()), /^::warning /);
    assert.match(githubAnnotation(finding({ severity: 'low' }), ctx()), /^::notice /);
    assert.match(githubAnnotation(finding({ endLine: 9, endColumn: 4 }), ctx()), /,line=7,col=18,endLine=9,endColumn=4,/);
    assert.ok(!line.includes(SECRET));
  });
});

describe('text reporter', () => {
  test('groups by file with a redacted code frame and a caret under the secret', () => {
    const out = renderText([finding()], ctx());
    const lines = out.split('\n');
    assert.equal(lines[0], 'config/app settings.json');
    assert.match(lines[1]!, /^ {2}7:18 +high +Demo key {2}demo-key$/);
    assert.equal(lines[2], '    7 |   "AccountKey": "Zq8x****************",');
    assert.equal(lines[3], `      | ${' '.repeat(17)}${'^'.repeat(20)}`);
    assert.match(out, /secret Zq8x\*{16} {2}key Storage:AccountKey/);
    assert.match(out, /[Rr]otate the leaked value/);
    assert.match(out, /✖ 1 finding \(1 high\) in 1 file\n$/);
    assert.ok(!out.includes(SECRET));
  });

  test('a secret spanning lines is masked to the end of its first line', () => {
    const secret = `${SECRET}\n${SECRET}`;
    const out = renderText([finding({ secret, lineText: `key = ${SECRET}`, column: 7, endLine: 8, endColumn: 21 })], ctx());
    assert.ok(!out.includes(SECRET), out);
    assert.match(out, /7 \| key = Zq8x\*{16}\n/);
  });

  test('tabs before the secret keep the caret aligned', () => {
    const lineText = `\t\tpassword: ${SECRET}`;
    const column = lineText.indexOf(SECRET) + 1;
    const out = renderText([finding({ lineText, column, endColumn: column + SECRET.length })], ctx());
    const frame = out.split('\n').findIndex((l) => l.startsWith('    7 | '));
    const code = out.split('\n')[frame]!;
    const caret = out.split('\n')[frame + 1]!;
    assert.equal(caret.indexOf('^'), code.indexOf('Zq8x'));
  });

  test('history findings show their commit and how often they were seen', () => {
    const out = renderText([finding({ commit: COMMIT, occurrences: 4 })], ctx());
    assert.match(out, new RegExp(`\\n {4}commit ${COMMIT.commit} Dev One <dev@example\\.com> 2024-05-06T07:08:09Z\\n {4}seen 4 times\\n`));
  });

  test('colour only when asked; a clean report says so', () => {
    assert.ok(renderText([finding()], ctx({ color: true })).includes('\u001b['));
    assert.equal(renderText([], ctx()), '✔ no secrets found\n');
  });
});
