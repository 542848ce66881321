/**
 * Line novelty (which lines of a version are new against the previous one) and the per-path
 * version scanner built on it: scanning only new and "hot" lines must report, for every version,
 * exactly the fingerprints a whole-file scan of that version reports (so history findings and
 * occurrence counts do not change), at the same positions.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import fc from 'fast-check';
import { createScanContext } from '../../src/pipeline/scan-context.js';
import { generateEntraClientSecret, generateGithubToken, generatePassword, generatePem } from '../../src/detect/examples/generate.js';
import type { Finding } from '../../src/finding/finding.js';
import { scanFileText } from '../../src/pipeline/scan-file.js';
import { createKeywordGate } from '../../src/pipeline/blob-scan.js';
import { novelLineRanges } from '../../src/sources/history/line-novelty.js';
import { PathVersionScanner } from '../../src/sources/history/path-version-scan.js';
import { check, reportRuns } from '../fuzz/fuzz-settings.js';

after(() => reportRuns('line-novelty'));

const lines = (s: string) => s.split(/(?<=\n)/);
const novelText = (cur: string, prev: string) =>
  novelLineRanges(Buffer.from(cur), Buffer.from(prev)).map(([s, e]) => Buffer.from(cur).subarray(s, e).toString());

describe('novelLineRanges', () => {
  test('an unchanged file has no novel lines; a new line and the line after it are novel', () => {
    // Short lines re-align only within a few lines of the change (two lines must agree), never by a search.
    assert.deepEqual(novelText('a = 1\nNEW\nc = 3\nd = 4\n', 'a = 1\nc = 3\nd = 4\n'), ['NEW\nc = 3\n']);
    assert.deepEqual(novelText('a = 1\nNEW\nc = 3\n', 'a = 1\nc = 3\n'), ['NEW\nc = 3\n']);
    const prev = 'alpha = 1\nbravo = 2\ncharlie = 3\ndelta = 4\n';
    assert.deepEqual(novelText(prev, prev), []);
    assert.deepEqual(novelText('alpha = 1\nbravo = 2\nNEW LINE\ncharlie = 3\ndelta = 4\n', prev), ['NEW LINE\ncharlie = 3\n']);
  });

  test('a changed line is novel, with the next line (its previous line changed)', () => {
    assert.deepEqual(novelText('one line\ntwo CHANGED\nthree line\nfour line\n', 'one line\ntwo line\nthree line\nfour line\n'), [
      'two CHANGED\nthree line\n',
    ]);
  });

  test('a few lines changed in place re-align without a search', () => {
    const prev = ['name "a"', 'version "1.0.0"', 'resolved "https://r/a-1.0.0.tgz"', 'integrity sha512-AAAA', '', 'name "b"', 'version "2.0.0"', ''].join('\n');
    const cur = ['name "a"', 'version "1.1.0"', 'resolved "https://r/a-1.1.0.tgz"', 'integrity sha512-BBBB', '', 'name "b"', 'version "2.0.0"', ''].join('\n');
    assert.deepEqual(novelText(cur, prev), ['version "1.1.0"\nresolved "https://r/a-1.1.0.tgz"\nintegrity sha512-BBBB\n\n']);
  });

  test('a deletion makes the line after it novel (a keyless-ignore-next-line above it may have gone)', () => {
    const prev = '// keyless-ignore-next-line\nsecret = "x"\nother line\n';
    assert.deepEqual(novelText('secret = "x"\nother line\n', prev), ['secret = "x"\n']);
  });

  test('insertions, deletions and edits far apart in a long file give small ranges', () => {
    const prev = Array.from({ length: 5000 }, (_, i) => `  "package-${i}": "^${i}.0.0",\n`).join('');
    const l = lines(prev);
    l.splice(4000, 3);
    l[2500] = '  "package-2500": "^9.9.9",\n';
    l.splice(100, 0, '  "inserted-a": "1",\n', '  "inserted-b": "2",\n');
    const cur = l.join('');
    assert.deepEqual(novelText(cur, prev), [
      '  "inserted-a": "1",\n  "inserted-b": "2",\n  "package-100": "^100.0.0",\n',
      '  "package-2500": "^9.9.9",\n  "package-2501": "^2501.0.0",\n',
      '  "package-4003": "^4003.0.0",\n',
    ]);
  });

  test('property: every line outside the ranges follows the same line in the previous version, and the ranges are whole lines', () => {
    const lineArb = fc.oneof(fc.constantFrom('', '}', '  return x;', 'const a = 1;', 'x'), fc.string({ maxLength: 12 }).map((s) => s.replace(/\n/g, '')));
    check(
      'novelty-invariant',
      fc.property(fc.array(lineArb, { maxLength: 40 }), fc.array(lineArb, { maxLength: 40 }), fc.boolean(), (a, b, trailing) => {
        const prev = a.join('\n') + (trailing ? '\n' : '');
        const cur = b.join('\n') + (b.length && trailing ? '\n' : '');
        const bytes = Buffer.from(cur);
        const ranges = novelLineRanges(bytes, Buffer.from(prev));
        const inRange = (o: number) => ranges.some(([s, e]) => o >= s && o < e);
        let last = -1;
        for (const [s, e] of ranges) {
          assert.ok(s > last && e > s && e <= bytes.length);
          assert.ok(s === 0 || bytes[s - 1] === 0x0a, 'range starts a line');
          assert.ok(e === bytes.length || bytes[e - 1] === 0x0a, 'range ends a line');
          last = e;
        }
        const prevLines = prev.length ? prev.split('\n') : [];
        const pairs = new Set(prevLines.map((l, i) => `${i === 0 ? '\u0000START' : prevLines[i - 1]}\u0001${l}`));
        const curLines = cur.split('\n');
        let offset = 0;
        curLines.forEach((l, i) => {
          if (offset < bytes.length && !inRange(offset)) {
            assert.ok(pairs.has(`${i === 0 ? '\u0000START' : curLines[i - 1]}\u0001${l}`), `line ${i + 1} ${JSON.stringify(l)} is not new`);
          }
          offset += Buffer.byteLength(l) + 1;
        });
      }),
    );
  });
});

describe('PathVersionScanner', () => {
  const ctx = createScanContext({});
  const whole = (text: string, path: string) => scanFileText(text, path, ctx).findings;
  /** What a finding is (rule, path, secret: what the older fingerprint hashed), without a slow hash. */
  const identity = (f: Finding) => `${f.ruleId}\0${f.path}\0${f.secret}`;
  const key = (f: Finding) => `${identity(f)}@${f.line}:${f.column}`;

  /** Scans the versions in order and checks each against a whole-file scan of that version. */
  function assertSameAsWholeScans(path: string, versions: readonly string[]): Finding[][] {
    const scanner = new PathVersionScanner(ctx, createKeywordGate(ctx.engine));
    return versions.map((v, i) => {
      const verdict = scanner.scan(path, Buffer.from(v));
      const got = verdict.kind === 'scanned' ? verdict.perPath[0]!.findings : [];
      const want = whole(v, path);
      const wantKeys = new Set(want.map(key));
      for (const f of got) assert.ok(wantKeys.has(key(f)), `version ${i + 1}: ${f.ruleId} at ${f.line}:${f.column} is not in the whole-file scan`);
      assert.deepEqual(new Set(got.map(identity)), new Set(want.map(identity)), `version ${i + 1}: rule, path and secret`);
      return got;
    });
  }

  /** The start and each state after applying `edits` in turn (splices of items at a bounded index). */
  function applyEdits<T>(start: readonly T[], edits: readonly { at: number; del: number; ins: readonly T[] }[]): T[][] {
    const states = [[...start]];
    for (const e of edits) {
      const next = [...states[states.length - 1]!];
      next.splice(Math.min(e.at, next.length), e.del, ...e.ins);
      states.push(next);
    }
    return states;
  }
  const asLines = (lines: readonly string[]) => lines.join('\n') + '\n';

  test('a secret kept over many edits is reported in every version that holds it, at its real line', () => {
    const secret = generateEntraClientSecret(41);
    const base = Array.from({ length: 200 }, (_, i) => `export const value${i} = compute(${i});\n`);
    const versions: string[] = [];
    let l = [...base];
    versions.push(l.join(''));
    l.splice(120, 0, `const clientSecret = "${secret}";\n`);
    versions.push(l.join(''));
    l.splice(10, 0, 'import { x } from "y";\n');
    versions.push(l.join(''));
    l[180] = 'export const changed = 1;\n';
    versions.push(l.join(''));
    l = l.filter((x) => !x.includes(secret));
    versions.push(l.join(''));
    const got = assertSameAsWholeScans('src/config.ts', versions);
    assert.deepEqual(
      got.map((fs) => fs.map((f) => [f.ruleId, f.line])),
      [[], [['azure-entra-client-secret', 121]], [['azure-entra-client-secret', 122]], [['azure-entra-client-secret', 122]], []],
    );
  });

  test('an ignore comment added above a secret suppresses it; removing the comment brings it back', () => {
    const token = generateGithubToken('ghp', 42);
    const v1 = `a = 1\nTOKEN = "${token}"\nb = 2\n`;
    const v2 = `a = 1\n# keyless-ignore-next-line\nTOKEN = "${token}"\nb = 2\n`;
    const got = assertSameAsWholeScans('deploy/run.py', [v1, v2, v1]);
    assert.deepEqual(got.map((fs) => fs.map((f) => [f.line, f.suppressed])), [[[2, undefined]], [[3, 'inline-ignore']], [[2, undefined]]]);
  });

  test('a private key whose body changes under an unchanged BEGIN line is found (multi-line anchor)', () => {
    const pem1 = generatePem(43);
    const pem2 = generatePem(44);
    const head = Array.from({ length: 50 }, (_, i) => `line ${i}\n`).join('');
    const v1 = `${head}${pem1}\nend\n`;
    const v2 = `${head}${pem2}\nend\n`;
    const got = assertSameAsWholeScans('notes/keys.txt', [`${head}end\n`, v1, v2]);
    assert.deepEqual(got.map((fs) => fs.map((f) => f.ruleId)), [[], ['private-key'], ['private-key']]);
  });

  test('property: random edit histories with secrets give the same fingerprints per version as whole-file scans', () => {
    const secrets = [generatePassword(45, 18), generateEntraClientSecret(46), generateGithubToken('ghp', 47)];
    const lineArb = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom('', '}', 'const a = 1;', 'function f() {', '  return compute(a, b);', '// comment') },
      { weight: 1, arbitrary: fc.constantFrom(...secrets.map((s, i) => `const password${i} = "${s}";`)) },
      { weight: 1, arbitrary: fc.constantFrom('// keyless-ignore-next-line', `const token = "${secrets[2]}"; // keyless-ignore`) },
    );
    const edit = fc.record({ at: fc.nat(60), del: fc.nat(3), ins: fc.array(lineArb, { maxLength: 4 }) });
    check(
      'version-scan-equivalence',
      fc.property(fc.array(lineArb, { maxLength: 40 }), fc.array(edit, { minLength: 1, maxLength: 8 }), (start, edits) => {
        assertSameAsWholeScans('src/app.ts', applyEdits(start, edits).map(asLines));
      }),
      300,
    );
  });

  test('property: the same holds for structured files (YAML, JSON), whose quiet versions are not read', () => {
    const secrets = [generatePassword(48, 18), generateEntraClientSecret(49)];
    const pem = generatePem(50).split('\n');
    const yamlLine = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom('', 'app:', '  name: web', '  replicas: 3', 'settings:', '  level: info', '# comment', '  - item') },
      { weight: 1, arbitrary: fc.constantFrom(`  password: "${secrets[0]}"`, `ClientSecret: ${secrets[1]}`, 'password:', `  ${secrets[0]}`) },
      { weight: 1, arbitrary: fc.constantFrom('# keyless-ignore-next-line', `  token: ${secrets[1]} # keyless-ignore`, 'key: |', ...pem.map((l) => `  ${l}`)) },
    );
    const jsonLine = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom('{', '}', '  "name": "web",', '  "replicas": 3,', '  "nested": {', '  },') },
      { weight: 1, arbitrary: fc.constantFrom(`  "password": "${secrets[0]}",`, `  "ClientSecret": "${secrets[1]}"`, '  "password":', `    "${secrets[0]}",`) },
    );
    const edit = (line: fc.Arbitrary<string>) => fc.record({ at: fc.nat(40), del: fc.nat(3), ins: fc.array(line, { maxLength: 4 }) });
    // JSON edited as data (valid in most versions, so quiet versions are skipped) and as lines (often malformed).
    const entry = fc.oneof(
      { weight: 12, arbitrary: fc.tuple(fc.constantFrom('name', 'replicas', 'level', 'url'), fc.constantFrom('web', 3, 'info', true)) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom('password', 'ClientSecret', 'note'), fc.constantFrom(secrets[0] as string, secrets[1] as string, 'changeme')) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom('nested', 'Smtp'), fc.dictionary(fc.constantFrom('Password', 'host', 'x'), fc.constantFrom(secrets[0] as string, 'mail.contoso.com', 1))) },
    );
    const dataEdit = fc.record({ at: fc.nat(12), del: fc.nat(2), ins: fc.array(entry, { maxLength: 3 }) });
    check(
      'json-data-version-scan-equivalence',
      fc.property(fc.array(entry, { maxLength: 12 }), fc.array(dataEdit, { minLength: 1, maxLength: 8 }), (start, edits) => {
        const render = (entries: readonly (readonly [string, unknown])[]) => JSON.stringify(entries.map(([k, v]) => ({ [k]: v })), null, 2) + '\n';
        assertSameAsWholeScans('config/appsettings.json', applyEdits(start, edits).map(render));
      }),
      200,
    );
    for (const [path, line] of [['deploy/values.yaml', yamlLine], ['config/appsettings.json', jsonLine]] as const) {
      check(
        `structured-version-scan-equivalence ${path}`,
        fc.property(fc.array(line, { maxLength: 30 }), fc.array(edit(line), { minLength: 1, maxLength: 8 }), (start, edits) => {
          assertSameAsWholeScans(path, applyEdits(start, edits).map(asLines));
        }),
        200,
      );
    }
  });
});

describe('PathVersionScanner with paths mixed', () => {
  test('a scanner fed two paths in turn gives what it gives each path alone', () => {
    const ctx = createScanContext({});
    const token = generateGithubToken('ghp', 48);
    const a = ['x = 1\n', `x = 1\nTOKEN = "${token}"\n`, `y = 2\nx = 1\nTOKEN = "${token}"\n`];
    const b = ['alpha\n', 'alpha\nbeta\n'];
    const alone = (path: string, versions: string[]) => {
      const s = new PathVersionScanner(ctx, createKeywordGate(ctx.engine));
      return versions.map((t, i) => s.scan(path, Buffer.from(t), i === versions.length - 1));
    };
    const mixed = new PathVersionScanner(ctx, createKeywordGate(ctx.engine));
    const got = [
      mixed.scan('a.sh', Buffer.from(a[0]!)),
      mixed.scan('b.sh', Buffer.from(b[0]!)),
      mixed.scan('a.sh', Buffer.from(a[1]!)),
      mixed.scan('b.sh', Buffer.from(b[1]!), true),
      mixed.scan('a.sh', Buffer.from(a[2]!), true),
    ];
    assert.deepEqual([got[0], got[2], got[4]], alone('a.sh', a));
    assert.deepEqual([got[1], got[3]], alone('b.sh', b));
    const found = got[4]!.kind === 'scanned' ? got[4]!.perPath[0]!.findings.map((f) => f.line) : [];
    assert.deepEqual(found, [3]);
  });
});
