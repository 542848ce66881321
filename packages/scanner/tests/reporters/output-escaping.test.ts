/**
 * Output cannot be turned against the reader (issue 12, item 5), as pure functions: the terminal
 * escape, the GitHub and Azure command escapes, SARIF URIs, the stderr summary, and the text
 * report's code frame (clipped to a window, every secret on the line masked, linear in findings).
 * Secrets are generated at run time from the catalog's generators.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { summaryLines } from '../../src/cli/summary.js';
import { generateBase64Key, generateEntraClientSecret, generateIdentifiableKey, generateLegacyAccountKey } from '../../src/detect/examples/generate.js';
import type { Finding } from '../../src/finding/finding.js';
import { redactSecret } from '../../src/finding/redact.js';
import { escapeAzureLogCommand } from '../../src/report/azure-escape.js';
import { ELLIPSIS, FRAME_CONTEXT } from '../../src/report/code-frame.js';
import { escapeGithubData, escapeGithubProperty } from '../../src/report/github-escape.js';
import { githubAnnotation } from '../../src/report/github.js';
import type { ReportContext, RuleInfo } from '../../src/report/report-context.js';
import { sarifUri } from '../../src/report/sarif-uri.js';
import { sarifLog } from '../../src/report/sarif.js';
import { escapeTerminal } from '../../src/report/terminal-escape.js';
import { renderText } from '../../src/report/text.js';

const RULE: RuleInfo = { id: 'demo-key', title: 'Demo key', description: 'A demo key.', severity: 'high', remediation: 'storage-key' };
const ctx = (overrides: Partial<ReportContext> = {}): ReportContext => ({
  rules: new Map([[RULE.id, RULE]]),
  redact: true,
  toolVersion: '9.9.9',
  color: false,
  ...overrides,
});

/** A finding of `secret` at its first occurrence in `lineText`. */
function findingAt(lineText: string, secret: string, overrides: Partial<Finding> = {}): Finding {
  const column = overrides.column ?? lineText.indexOf(secret) + 1;
  assert.ok(column > 0, 'secret not on the line');
  return {
    ruleId: RULE.id,
    title: RULE.title,
    severity: 'high',
    confidence: 'high',
    path: 'src/app.js',
    line: 3,
    column,
    endLine: 3,
    endColumn: column + secret.length,
    secret,
    lineText,
    ...overrides,
  };
}

/** The `N | ...` code frame line and the caret line under it. */
function frameOf(out: string, line = 3): { code: string; caret: string } {
  const lines = out.split('\n');
  const i = lines.findIndex((l) => l.startsWith(`    ${line} | `));
  assert.ok(i >= 0, out);
  return { code: lines[i]!, caret: lines[i + 1]! };
}

/** Every 12-char piece of `secret` that `text` contains. */
function piecesIn(text: string, secret: string): string[] {
  const found: string[] = [];
  for (let i = 0; i + 12 <= secret.length; i++) if (text.includes(secret.slice(i, i + 12))) found.push(secret.slice(i, i + 12));
  return found;
}

describe('escapeTerminal', () => {
  test('C0, DEL and C1 controls become \\xHH', () => {
    assert.equal(escapeTerminal('a\x1b]0;pwned\x07b'), 'a\\x1b]0;pwned\\x07b');
    assert.equal(escapeTerminal('\x1b[2Jx'), '\\x1b[2Jx');
    assert.equal(escapeTerminal('1\r2\n3\t4\x005\x7f6\u00857\u009b8'), '1\\x0d2\\x0a3\\x094\\x005\\x7f6\\x857\\x9b8');
  });

  test('bidi overrides and isolates ("Trojan Source") and line separators become \\uHHHH', () => {
    assert.equal(escapeTerminal('a\u202ab\u202ec\u2066d\u2069e\u200ff\u2028'), 'a\\u202Ab\\u202Ec\\u2066d\\u2069e\\u200Ff\\u2028');
  });

  test('no CI command can start from the data', () => {
    assert.equal(escapeTerminal('::error::pwned'), '\\x3a:error::pwned');
    assert.equal(escapeTerminal('  ::add-mask::x'), '  \\x3a:add-mask::x');
    assert.equal(escapeTerminal('std::string a::b'), 'std::string a::b');
    assert.equal(escapeTerminal('x ##vso[task.setvariable variable=A]1'), 'x ##vso\\x5btask.setvariable variable=A]1');
    assert.equal(escapeTerminal('x ##VSO[task.complete]'), 'x ##VSO\\x5btask.complete]');
    assert.equal(escapeTerminal('y ##[add-mask]z'), 'y ##\\x5badd-mask]z');
    assert.equal(escapeTerminal('p\n::set-env name=A::b'), 'p\\x0a::set-env name=A::b');
  });

  test('ordinary text, including non-ASCII, is unchanged', () => {
    assert.equal(escapeTerminal('src/Größe/中文 file.json # a: b, c'), 'src/Größe/中文 file.json # a: b, c');
  });
});

describe('CI command escapes', () => {
  test('GitHub data: %, CR, LF per the runner; other controls visibly', () => {
    assert.equal(escapeGithubData('50% a\r\n::set-env name=X::y'), '50%25 a%0D%0A::set-env name=X::y');
    assert.equal(escapeGithubData('a\x1b[31mb\u202e'), 'a\\x1b[31mb\\u202E');
  });

  test('GitHub properties additionally escape : and ,', () => {
    assert.equal(escapeGithubProperty('a,b:c%d\ne'), 'a%2Cb%3Ac%25d%0Ae');
    assert.equal(escapeGithubProperty('::error::x'), '%3A%3Aerror%3A%3Ax');
  });

  test('an annotation is one line whatever its fields hold', () => {
    const secret = generateEntraClientSecret(3);
    const key = 'Db\n::set-env name=NODE_OPTIONS::--require=/tmp/x\r\n::add-mask::';
    const f = findingAt(`x = "${secret}"`, secret, { path: 'a\n::error file=x::y,z.js', key, ruleId: 'r,1:2' });
    const line = githubAnnotation(f, ctx());
    assert.equal(line.split(/[\r\n]/).length, 1);
    assert.ok(line.startsWith('::error file=a%0A%3A%3Aerror file=x%3A%3Ay%2Cz.js,line=3,'), line);
    assert.ok(line.includes(',title=Demo key (r%2C1%3A2)::'), line);
    assert.ok(!line.includes(secret));
  });

  test('Azure Pipelines logging commands: % first, then ; CR LF ]', () => {
    assert.equal(escapeAzureLogCommand('a;b]c\r\nd%e'), 'a%3Bb%5Dc%0D%0Ad%AZP25e');
    assert.equal(escapeAzureLogCommand('%3B'), '%AZP253B');
    assert.equal(escapeAzureLogCommand('x]\n##vso[task.setvariable variable=A]1'), 'x%5D%0A##vso[task.setvariable variable=A%5D1');
  });
});

describe('SARIF URIs', () => {
  test('segments percent-encoded, / kept', () => {
    assert.equal(sarifUri('config/app settings.json'), 'config/app%20settings.json');
    assert.equal(sarifUri('a#b/c?d/100%/e.txt'), 'a%23b/c%3Fd/100%25/e.txt');
    assert.equal(sarifUri('Größe/日本.env'), 'Gr%C3%B6%C3%9Fe/%E6%97%A5%E6%9C%AC.env');
    assert.equal(sarifUri('x\x1b]0;pwned\x07\r\n.txt'), 'x%1B%5D0%3Bpwned%07%0D%0A.txt');
    assert.equal(sarifUri('::error::x.txt'), '%3A%3Aerror%3A%3Ax.txt');
    assert.equal(sarifUri('bad\ud800name'), 'bad%EF%BF%BDname');
  });

  test('the SARIF message is escaped; the URI is encoded', () => {
    const secret = generateEntraClientSecret(4);
    const f = findingAt(`k = ${secret}`, secret, { path: 'dir/a b\u202e.txt', key: 'K\x1b[2J' });
    const log = sarifLog([f], ctx()) as { runs: { results: { message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const result = log.runs[0]!.results[0]!;
    assert.equal(result.locations[0]!.physicalLocation.artifactLocation.uri, 'dir/a%20b%E2%80%AE.txt');
    assert.ok(!/[\u0000-\u001f\u202e]/.test(result.message.text), result.message.text);
    assert.ok(!JSON.stringify(log).includes(secret));
  });
});

describe('stderr summary', () => {
  test('warnings and skipped paths are escaped', () => {
    const lines = summaryLines({
      outcome: {
        findings: [],
        warnings: ['x\x1b]0;pwned\x07.yaml: could not be read as yaml (bad); scanned as plain text'],
        stats: { filesScanned: 1, bytesScanned: 1, skipped: [{ path: 'big\n::error::pwned\u202e.bin', reason: 'over the size limit' }] },
      },
      reported: 0,
      elapsedMs: 1,
      maxFileSize: 1024,
    });
    assert.deepEqual(lines.slice(0, 2), [
      'keyless: warning: x\\x1b]0;pwned\\x07.yaml: could not be read as yaml (bad); scanned as plain text',
      'keyless: skipped (over the size limit of 1.0 KiB, maxFileSize): big\\x0a::error::pwned\\u202E.bin',
    ]);
  });
});

describe('text report code frames', () => {
  test('two secrets on one line, one reported and one baselined: both are masked', () => {
    const reported = generateIdentifiableKey('storage', 11);
    const baselined = generateEntraClientSecret(12);
    const line = `const a = "${reported}", b = "${baselined}";`;
    const shown = findingAt(line, reported);
    const hidden = findingAt(line, baselined, { ruleId: 'azure-entra-client-secret' });
    const out = renderText([shown], ctx({ maskAlso: [shown, hidden] }));
    assert.equal(frameOf(out).code, `    3 | const a = "${redactSecret(reported)}", b = "${redactSecret(baselined)}";`);
    assert.deepEqual(piecesIn(out, reported), []);
    assert.deepEqual(piecesIn(out, baselined), []);
  });

  test('a weak baselined password on the line is masked through the baseline, not only by looks', () => {
    const reported = generateEntraClientSecret(13);
    const password = 'summerhouse';
    const line = `Password=${password}; ClientSecret=${reported}`;
    const shown = findingAt(line, reported);
    const out = renderText([shown], ctx({ maskAlso: [findingAt(line, password, { ruleId: 'sql' })] }));
    assert.equal(frameOf(out).code, `    3 | Password=${redactSecret(password)}; ClientSecret=${redactSecret(reported)}`);
  });

  test('a secret suppressed before it became a finding is masked when the detectors find it in the window', () => {
    const reported = generateEntraClientSecret(22);
    const weak = 'summerhouse';
    const line = `Pwd=${weak}; ClientSecret=${reported}`;
    const detectSecrets = (text: string) => {
      const at = text.indexOf(weak);
      return at === -1 ? [] : [[at, at + weak.length] as const];
    };
    const out = renderText([findingAt(line, reported)], ctx({ detectSecrets }));
    assert.equal(frameOf(out).code, `    3 | Pwd=${redactSecret(weak)}; ClientSecret=${redactSecret(reported)}`);
    assert.equal(frameOf(renderText([findingAt(line, reported)], ctx())).code, `    3 | ${line.replace(reported, redactSecret(reported))}`);
  });

  test('a secret no finding names is masked when it looks like one; words and code stay readable', () => {
    const reported = generateEntraClientSecret(14);
    const unknown = generateBase64Key(24, 15);
    const line = `new ManagedIdentityCredential(clientId), "${reported}", other="${unknown}"`;
    const out = renderText([findingAt(line, reported)], ctx());
    assert.equal(
      frameOf(out).code,
      `    3 | new ManagedIdentityCredential(clientId), "${redactSecret(reported)}", other="${redactSecret(unknown)}"`,
    );
  });

  test('frames are clipped to a window around the secret, with ellipses and an aligned caret', () => {
    const secret = generateEntraClientSecret(16);
    const line = `${'a = b; '.repeat(2000)}token("${secret}")${'; c = d'.repeat(2000)}`;
    const out = renderText([findingAt(line, secret)], ctx());
    const { code, caret } = frameOf(out);
    const shown = redactSecret(secret);
    const expected = `${ELLIPSIS}${line.slice(line.indexOf(secret) - FRAME_CONTEXT, line.indexOf(secret))}${shown}${line.slice(
      line.indexOf(secret) + secret.length,
      line.indexOf(secret) + secret.length + FRAME_CONTEXT,
    )}${ELLIPSIS}`;
    assert.equal(code, `    3 | ${expected}`);
    assert.equal(caret.indexOf('^'), code.indexOf(shown));
    assert.equal(caret.slice(caret.indexOf('^')), '^'.repeat(shown.length));
  });

  test('a secret cut by the window edge shows only stars, no piece of it', () => {
    const secret = generateEntraClientSecret(17);
    const blob = generateLegacyAccountKey(18) + generateLegacyAccountKey(19) + generateLegacyAccountKey(20);
    const line = `k("${secret}", ${'x'.repeat(40)} "${blob}")`;
    const out = renderText([findingAt(line, secret)], ctx());
    assert.deepEqual(piecesIn(out, blob), []);
    assert.match(frameOf(out).code, /"\*{16}…$/);
  });

  test('controls and bidi characters in the line, path, key and author are escaped; the caret still lines up', () => {
    const secret = generateEntraClientSecret(21);
    const line = `/*\u202e } \u2066*/ x\x1b[2J = "${secret}"; // \x07`;
    const f = findingAt(line, secret, {
      path: 'dir/\x1b]0;pwned\x07.js',
      key: 'K\r\n::add-mask::x',
      commit: { commit: 'c'.repeat(40), author: 'Eve\x1b[8m', email: 'e\x07@x', date: '2024-01-01T00:00:00Z' },
    });
    const out = renderText([f], ctx());
    assert.ok(!/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(out), JSON.stringify(out));
    assert.equal(out.split('\n')[0], 'dir/\\x1b]0;pwned\\x07.js');
    const { code, caret } = frameOf(out);
    assert.equal(code, `    3 | /*\\u202E } \\u2066*/ x\\x1b[2J = "${redactSecret(secret)}"; // \\x07`);
    assert.equal(caret.indexOf('^'), code.indexOf(redactSecret(secret)));
    assert.match(out, /key K\\x0d\\x0a::add-mask::x\n/);
    assert.match(out, /commit c{40} Eve\\x1b\[8m <e\\x07@x> 2024/);
  });

  test('10k findings on one 2 MiB line: output grows linearly, no line is longer than a frame', () => {
    const secrets = Array.from({ length: 10_000 }, (_, i) => generateEntraClientSecret(1000 + i));
    const pad = 'x'.repeat(160);
    const line = secrets.map((s) => `"${s}" ${pad} `).join('');
    let at = 0;
    const findings = secrets.map((s) => {
      const column = line.indexOf(s, at) + 1;
      at = column;
      return findingAt(line, s, { column, endColumn: column + s.length });
    });
    assert.ok(line.length > 2_000_000);
    const out = renderText(findings, ctx());
    const longest = Math.max(...out.split('\n').map((l) => l.length));
    assert.ok(longest < 2 * FRAME_CONTEXT + 200, `longest line ${longest}`);
    assert.ok(out.length < findings.length * 2048, `${out.length} chars`);
    for (const s of [secrets[0]!, secrets[4999]!, secrets[9999]!]) assert.deepEqual(piecesIn(out, s), []);
  });
});

describe('secrets shown whole (--no-redact)', () => {
  test('a multi-line secret keeps its line breaks; each line is escaped', () => {
    const body = `${generateBase64Key(48, 30)}\n::add-mask::x\x1b[2J\r\n${generateBase64Key(48, 31)}`;
    const line = `key = ${body.split('\n')[0]}`;
    const f = findingAt(line, body.split('\n')[0]!, { secret: body, endLine: 5, endColumn: 10 });
    const out = renderText([f], ctx({ redact: false }));
    const expected = body.replace('\x1b', '\\x1b').replace('\n::add', '\n\\x3a:add');
    assert.ok(out.includes(`secret ${expected}\n`), out);
    const log = sarifLog([f], ctx({ redact: false })) as { runs: { results: { message: { text: string } }[] }[] };
    assert.ok(log.runs[0]!.results[0]!.message.text.includes(`: ${expected}. `));
  });
});
