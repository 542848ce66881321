import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MAX_CANDIDATE_LINE, assignmentCandidates, textReader, textStyleFor } from '../../src/formats/text.js';
import { at, fake, fakeToken, scan } from './helpers.js';

const pw = fake(51);

describe('text reader: assignments in source code', () => {
  const cases: [path: string, line: string, key: string, column: number][] = [
    ['a.ts', `const password: string = "${pw}";`, 'password', 27],
    ['a.js', `  db = { password: '${pw}' };`, 'password', 21],
    ['a.js', `const config = { "clientSecret": "${pw}" };`, 'clientSecret', 35],
    ['Startup.cs', `options.ClientSecret = "${pw}";`, 'options:ClientSecret', 25],
    ['Startup.cs', `var conn = new Db { Password = @"${pw}" };`, 'Password', 34],
    ['a.py', `client = connect(host="h", password="${pw}")`, 'password', 38],
    ['a.py', `self.api_secret = r'${pw}'`, 'api_secret', 21],
    ['main.go', `	secret := "${pw}"`, 'secret', 13],
    ['index.php', `$password = '${pw}';`, 'password', 14],
    ['conf.php', `'db_password' => '${pw}',`, 'db_password', 19],
    ['deploy.ps1', `$SqlPassword = "${pw}"`, 'SqlPassword', 17],
    ['App.java', `private static final String PASSWORD = "${pw}";`, 'PASSWORD', 41],
    ['a.rb', `  secret: '${pw}',`, 'secret', 12],
    ['a.ts', 'const apiSecret = `' + pw + '`;', 'apiSecret', 20],
    ['wp-config.php', `define( 'DB_PASSWORD', '${pw}' );`, 'DB_PASSWORD', 25],
    ['a.py', `DB_PW = "${pw}"`, 'DB_PW', 10],
    ['App.java', `props.setProperty("mail.password", "${pw}");`, 'mail:password', 37],
    ['Program.cs', `settings.Add("AzureAd:ClientSecret", "${pw}");`, 'AzureAd:ClientSecret', 39],
  ];
  for (const [path, line, key, column] of cases) {
    test(`${path}: ${line.replace(pw, '<value>').trim()}`, () => {
      assert.deepEqual(scan(path, `// header\n${line}\n`).findings, [at('test-password', key, pw, 2, column)]);
    });
  }

  test('comparisons, interpolated templates and lines without a keyword yield nothing', () => {
    const text = [
      `if (password === "${pw}") {}`,
      `if (password == "${pw}") {}`,
      'const secret = `${prefix}' + pw + '`;',
      `const greeting = "${pw}";`,
    ].join('\n');
    assert.deepEqual(textReader.read(text, 'a.ts').candidates, []);
  });

  test('a name inside a string value is not an assignment', () => {
    const text = `const msg = "password=${pw}";`;
    assert.deepEqual(
      textReader.read(text, 'a.ts').candidates.map((c) => c.key),
      ['msg'],
    );
  });

  test('escapes make the value transformed with the raw range', () => {
    const text = `const pwd = "${pw}\\t";`;
    const [c] = textReader.read(text, 'a.js').candidates;
    assert.deepEqual([c?.key, c?.value, c?.start, c?.end, c?.transformed], ['pwd', `${pw}\t`, 13, 13 + pw.length + 2, true]);
  });
});

describe('text reader: shell and ini files', () => {
  test('styles by path', () => {
    assert.equal(textStyleFor('scripts/deploy.sh'), 'shell');
    assert.equal(textStyleFor('Dockerfile'), 'shell');
    assert.equal(textStyleFor('.pypirc'), 'ini');
    assert.equal(textStyleFor('src/a.ts'), 'code');
  });

  test('unquoted PASSWORD=value at line start in shell scripts and Dockerfiles', () => {
    assert.deepEqual(scan('deploy.sh', `#!/bin/sh\nexport DB_PASSWORD=${pw} # c\nSECRET="${pw}"\n`).findings, [
      at('test-password', 'DB_PASSWORD', pw, 2, 20),
      at('test-password', 'SECRET', pw, 3, 9),
    ]);
    assert.deepEqual(scan('Dockerfile', `FROM node:20\nENV SA_PASSWORD=${pw}\n`).findings, [at('test-password', 'SA_PASSWORD', pw, 2, 17)]);
  });

  test('extensionless config files and dotfiles read as ini; with a shebang as shell', () => {
    assert.equal(textStyleFor('cloud/.s3cfg'), 'ini');
    assert.equal(textStyleFor('hub'), 'ini');
    assert.equal(textStyleFor('bin/deploy', '#!/bin/bash\n'), 'shell');
    assert.equal(textStyleFor('LICENSE'), 'code');
    assert.equal(textStyleFor('Gemfile'), 'code');
    assert.deepEqual(scan('.s3cfg', `[default]\nsecret_key = ${pw} # sensitive\n`).findings, [at('test-password', 'secret_key', pw, 2, 14)]);
    assert.deepEqual(scan('.tugboat', `authentication:\n  client_secret: ${pw}\n`).findings, [at('test-password', 'client_secret', pw, 2, 18)]);
  });

  test('unquoted values are not read from source code', () => {
    assert.deepEqual(scan('a.ts', `PASSWORD=${pw}\n`).findings, []);
  });

  test('ini values run to the end of the line, minus comments', () => {
    assert.deepEqual(scan('.pypirc', `[pypi]\nusername = __token__\npassword = ${pw} ; note\n`).findings, [
      at('test-password', 'password', pw, 3, 12),
    ]);
  });
});

describe('text reader: generated code and inline data', () => {
  test('minified files yield no candidates, but patterns in them are still found', () => {
    const tok = fakeToken(52);
    const text = `var password="${pw}",t="${tok}";`;
    assert.deepEqual(scan('dist/app.min.js', text).findings, [at('test-token', undefined, tok, 1, 20 + pw.length)]);
    assert.deepEqual(textReader.read(text, 'app.js.map').candidates, []);
  });

  test('lines longer than MAX_CANDIDATE_LINE yield no candidates', () => {
    const long = `x=${'a'.repeat(MAX_CANDIDATE_LINE)};password="${pw}";`;
    assert.deepEqual(assignmentCandidates(long, 'code'), []);
    assert.equal(assignmentCandidates(`y=1;password="${pw}";`, 'code').length, 1);
  });

  test('base64 data: URIs are skip ranges', () => {
    const tok = fakeToken(53);
    const text = `const logo = "data:image/png;base64,iVBOR${tok}w0KGgo=";\nconst t = "${tok}";\n`;
    const read = textReader.read(text, 'a.ts');
    assert.deepEqual(read.skipRanges, [[14, 14 + 'data:image/png;base64,iVBOR'.length + tok.length + 'w0KGgo='.length]]);
    assert.deepEqual(scan('a.ts', text).findings, [at('test-token', undefined, tok, 2, 12)]);
  });

  test('work is linear: a large file of keyword lines is read quickly', () => {
    const line = `const tokenValue = compute(key, "${pw}") + other.secretKey;\n`;
    const text = line.repeat(50_000);
    const started = performance.now();
    const n = textReader.read(text, 'big.ts').candidates.length;
    assert.equal(n, 0);
    assert.ok(performance.now() - started < 3000);
  });
});
