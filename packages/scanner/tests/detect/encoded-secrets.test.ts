/**
 * Issue 15, item 3: secrets written encoded in a config value or a string literal (base64 of text,
 * percent-encoding, `\u`/`\x` escapes, HTML entities) are found, reported at the encoded span with
 * the encoding named, and fingerprint like the same secret in clear. Not every base64 run is
 * decoded: bundles, data URIs, notebooks and base64 of ordinary text give nothing. Fake secrets
 * are generated at run time.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { catalog } from '../../src/detect/catalog.js';
import { createEngine } from '../../src/detect/engine.js';
import {
  generateGithubToken,
  generateLegacyAccountKey,
  generatePassword,
  generateStorageConnectionString,
} from '../../src/detect/examples/generate.js';
import { findingFingerprint } from '../../src/finding/fingerprint.js';
import { makeFinding } from '../../src/pipeline/make-finding.js';
import { LineIndex, scanContent } from '../../src/pipeline/scan-content.js';

const engine = createEngine(catalog);
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

interface Row {
  rule: string;
  line: number;
  column: number;
  endColumn: number;
  encoding: string | undefined;
  secret: string;
}
function scan(path: string, text: string): Row[] {
  return scanContent(text, path, engine).matches.map((m) => ({
    rule: m.match.detector.id,
    line: m.line,
    column: m.column,
    endColumn: m.endColumn,
    encoding: m.encoding,
    secret: m.match.secret,
  }));
}
/** The row a finding of `rule` on `secret` at the encoded text `encoded` of `text` must be. */
function at(text: string, encoded: string, rule: string, encoding: string, secret: string): Row {
  const offset = text.indexOf(encoded);
  assert.notEqual(offset, -1, 'encoded form not in fixture');
  const index = new LineIndex(text);
  const s = index.position(offset);
  const e = index.position(offset + encoded.length);
  return { rule, line: s.line, column: s.column, endColumn: e.column, encoding, secret };
}

const connection = generateStorageConnectionString(301);
const accountKey = connection.match(/AccountKey=([^;]+)/)![1]!;
const password = generatePassword(302, 16);
const sql = `Server=tcp:contoso.database.windows.net;Database=orders;User ID=app;Password=${password};`;
const github = generateGithubToken('ghp', 303);

describe('base64', () => {
  test('a storage connection string base64-encoded in an appsettings value', () => {
    const encoded = b64(connection);
    const text = `{\n  "Logging": { "Level": "Warning" },\n  "Blob": { "Settings": "${encoded}" }\n}\n`;
    assert.deepEqual(scan('appsettings.json', text), [at(text, encoded, 'azure-storage-connection-string', 'base64', accountKey)]);
  });
  test('a SQL connection string base64-encoded in a Kubernetes-style ConfigMap value', () => {
    const encoded = b64(sql);
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: orders\ndata:\n  db: ${encoded}\n`;
    assert.deepEqual(scan('k8s/orders.yaml', text), [at(text, encoded, 'sql-connection-string-password', 'base64', password)]);
  });
  test("a Kubernetes Secret's data: says base64 too", () => {
    const encoded = b64(accountKey);
    const text = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: files\ndata:\n  azurestorageaccountkey: ${encoded}\n`;
    assert.deepEqual(scan('k8s/files.yaml', text).map((r) => [r.line, r.column, r.encoding, r.secret]), [[6, 27, 'base64', accountKey]]);
  });
  test('a base64 password under a password key is judged decoded', () => {
    const encoded = b64(password);
    const text = `db:\n  password: ${encoded}\n`;
    assert.deepEqual(scan('config.yaml', text), [at(text, encoded, 'generic-secret-assignment', 'base64', password)]);
  });
  test('in a .env file and in a string literal of code', () => {
    const encoded = b64(`token ${github}`);
    const env = `APP_NAME=orders\nSETTINGS=${encoded}\n`;
    assert.deepEqual(scan('.env', env), [at(env, encoded, 'github-token', 'base64', github)]);
    const js = `export const authHeader = "${encoded}";\n`;
    assert.deepEqual(scan('src/client.js', js), [at(js, encoded, 'github-token', 'base64', github)]);
  });
});

describe('percent-encoding', () => {
  test('a connection string percent-encoded whole (a URL parameter): the password is placed on its encoded characters', () => {
    const pw = `${password.slice(0, 6)}@/${password.slice(6)}`;
    const encoded = encodeURIComponent(`Server=contoso;Database=orders;User ID=app;Password=${pw};`);
    const text = `export const connectionUrl = "https://contoso.com/setup?conn=${encoded}";\n`;
    assert.deepEqual(scan('src/db.ts', text), [at(text, encodeURIComponent(pw), 'sql-connection-string-password', 'percent', pw)]);
  });
  test('a password with %XX in a connection string (taken literally by ADO.NET) is reported as written', () => {
    const written = encodeURIComponent(`${password.slice(0, 6)}@/${password.slice(6)}`);
    const text = `const connection = "Server=contoso;Database=orders;User ID=app;Password=${written};";\n`;
    assert.deepEqual(scan('src/db.ts', text), [{ ...at(text, written, 'sql-connection-string-password', '', written), encoding: undefined }]);
  });
  test('a percent-encoded token in a .properties value', () => {
    const encoded = [...github].map((ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`).join('');
    const text = `service.url=https://api.contoso.com\nservice.auth=${encoded}\n`;
    assert.deepEqual(scan('app.properties', text), [at(text, encoded, 'github-token', 'percent', github)]);
  });
});

describe("a URL's user-info password (percent-encoded by the URL syntax)", () => {
  const pw = `${password.slice(0, 6)}@:/%${password.slice(6)}`;
  const written = encodeURIComponent(pw);
  test('is reported decoded, at its encoded characters, with the encoding named', () => {
    const text = `# orders\nDATABASE_URL=postgres://app:${written}@db.contoso.com:5432/orders\n`;
    assert.deepEqual(scan('.env', text), [at(text, written, 'url-credentials', 'percent', pw)]);
    // In code too, wherever the URL stands in the line (the password starts at column 33 here).
    const code = `const url = new URL("amqp://svc:${written}@mq.contoso.com/vhost");\n`;
    assert.deepEqual(scan('src/mq.ts', code), [at(code, written, 'url-credentials', 'percent', pw)]);
    assert.equal(at(code, written, '', '', '').column, 33);
  });
  test('fingerprints like the same password written in clear in a URL', () => {
    const clearPw = password.replace(/[^A-Za-z0-9]/g, 'x') + '@9';
    const f = (t: string) => scanContent(t, '.env', engine).matches.map((m) => makeFinding(m, '.env'));
    const clear = f(`URL=redis://:${clearPw.replace('@', '!')}@cache.contoso.com:6380\n`);
    const encodedRows = f(`URL=redis://:${encodeURIComponent(clearPw.replace('@', '!'))}@cache.contoso.com:6380\n`);
    assert.equal(clear.length, 1);
    assert.equal(encodedRows.length, 1);
    // `!` is not escaped by encodeURIComponent: encode one character by hand to get a real %XX.
    const handEncoded = clearPw.replace('@', '%21');
    const hand = f(`URL=redis://:${handEncoded}@cache.contoso.com:6380\n`);
    assert.deepEqual(hand.map((x) => [x.ruleId, x.encoding, x.secret]), [['url-credentials', 'percent', clearPw.replace('@', '!')]]);
    assert.equal(findingFingerprint(hand[0]!), findingFingerprint(clear[0]!));
  });
  test('a password that decodes to a placeholder word is not a finding; a %XX that is not UTF-8 is judged as written', () => {
    assert.deepEqual(scan('.env', 'URL=postgres://app:p%61ssword@db.contoso.com/orders\n'), []);
    const notUtf8 = `${password.replace(/[^A-Za-z0-9]/g, 'x')}%FF`;
    const text = `URL=postgres://app:${notUtf8}@db.contoso.com/orders\n`;
    assert.deepEqual(scan('.env', text), [{ ...at(text, notUtf8, 'url-credentials', '', notUtf8), encoding: undefined }]);
  });
});

describe('a decoding never cuts a secret in two', () => {
  test("a URL's percent-encoded user-info password stays whole, as written", () => {
    const pw = password.replace(/[^A-Za-z0-9]/g, 'x');
    for (const escape of ['%40', '%2F', '%3A', '%25']) {
      const written = `${pw.slice(0, 5)}${escape}${pw.slice(5)}`;
      const env = `DATABASE_URL=postgres://app:${written}@db.contoso.com:5432/orders\n`;
      const rows = scan('.env', env);
      assert.equal(rows.length, 1, escape);
      assert.deepEqual([rows[0]!.rule, rows[0]!.column, rows[0]!.endColumn], ['url-credentials', at(env, written, '', '', '').column, at(env, written, '', '', '').endColumn], escape);
      // Decoded once (`%25` is `%`, never on to the character after it), at the written span.
      assert.deepEqual([rows[0]!.secret, rows[0]!.encoding], [decodeURIComponent(written), 'percent'], escape);
    }
  });
});

describe('\\u and \\x escapes', () => {
  test('a \\u-escaped token in a JS string is reported at the escaped span', () => {
    const escaped = [...github].map((ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
    const text = `// client\nconst token = "${escaped}";\n`;
    assert.deepEqual(scan('src/client.js', text), [at(text, escaped, 'github-token', 'escape', github)]);
  });
  test('one \\x escape in a Python string', () => {
    const escaped = `${github.slice(0, 4)}\\x${github.charCodeAt(4).toString(16)}${github.slice(5)}`;
    const text = `API_TOKEN = '${escaped}'\n`;
    assert.deepEqual(scan('settings.py', text), [at(text, escaped, 'github-token', 'escape', github)]);
  });
  test('a .env value with escapes the format does not interpret', () => {
    const escaped = `${github.slice(0, 10)}\\u00${github.charCodeAt(10).toString(16)}${github.slice(11)}`;
    const text = `GH=${escaped}\n`;
    assert.deepEqual(scan('.env', text), [at(text, escaped, 'github-token', 'escape', github)]);
  });
});

describe('HTML entities', () => {
  test('a hex-entity-encoded token in an XML .config attribute', () => {
    const encoded = [...github].map((ch) => `&#x${ch.charCodeAt(0).toString(16)};`).join('');
    const text = `<configuration>\n  <appSettings>\n    <add key="GitHub" value="${encoded}" />\n  </appSettings>\n</configuration>\n`;
    assert.deepEqual(scan('web.config', text), [at(text, encoded, 'github-token', 'html-entity', github)]);
  });
  test('&amp; inside a SQL password of a .config connection string', () => {
    const pw = `${password.slice(0, 5)}&${password.slice(5)}`;
    const encoded = pw.replace('&', '&amp;');
    const text = `<configuration>\n  <connectionStrings>\n    <add name="Db" connectionString="Server=contoso;Database=orders;User ID=app;Password=${encoded};" />\n  </connectionStrings>\n</configuration>\n`;
    const rows = scan('web.config', text);
    assert.equal(rows.length, 1);
    assert.deepEqual([rows[0]!.rule, rows[0]!.encoding, rows[0]!.secret], ['sql-connection-string-password', 'html-entity', pw]);
  });
  test('decimal entities in a JSON value', () => {
    const encoded = [...github].map((ch) => `&#${ch.charCodeAt(0)};`).join('');
    const text = `{ "deploy": { "token": "${encoded}" } }\n`;
    assert.deepEqual(scan('deploy.json', text), [at(text, encoded, 'github-token', 'html-entity', github)]);
  });
});

describe('two encodings deep', () => {
  const percentAll = (t: string) => [...t].map((ch) => `%${ch.charCodeAt(0).toString(16).padStart(2, '0')}`).join('');
  test('base64 of a percent-encoded token', () => {
    const encoded = b64(percentAll(`token ${github}`));
    const text = `{ "Deploy": "${encoded}" }\n`;
    assert.deepEqual(scan('appsettings.json', text), [at(text, encoded, 'github-token', 'base64+percent', github)]);
  });
  test('base64 of a connection string whose password holds %XX: the secret is the clear string\'s', () => {
    const written = encodeURIComponent(`${password.slice(0, 4)}#${password.slice(4)}`);
    const encoded = b64(`Server=contoso;Database=orders;User ID=app;Password=${written};`);
    const text = `{ "Db": "${encoded}" }\n`;
    assert.deepEqual(scan('appsettings.json', text), [at(text, encoded, 'sql-connection-string-password', 'base64', written)]);
  });
});

describe('every pattern detector, every encoding', () => {
  const encoders: Record<string, (s: string) => string> = {
    base64: b64,
    percent: (s) => [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''),
    escape: (s) => [...s].map((ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''),
    'html-entity': (s) => [...s].map((ch) => `&#x${ch.codePointAt(0)!.toString(16)};`).join(''),
  };
  test("each single-line positive example, encoded as a JSON value under a neutral key, is the clear line's finding", () => {
    const missed: string[] = [];
    let checked = 0;
    for (const d of catalog) {
      // Whole-line syntaxes (`password <value>` rc directives) are not values: behind a key they are not that line.
      if (d.kind !== 'pattern' || (d.pattern.source.startsWith('^') && d.pattern.flags.includes('m'))) continue;
      for (const line of d.examples().positive) {
        const clear = engine.scanText(line);
        // An example already written encoded (a percent-encoded URL password) is not re-encoded here.
        if (line.includes('\n') || clear.length !== 1 || clear[0]!.detector.id !== d.id || clear[0]!.encoding !== undefined) continue;
        for (const [encoding, encode] of Object.entries(encoders)) {
          const value = encode(line);
          if (value.length > 4096) continue;
          checked++;
          const text = `{\n  "Settings": ${JSON.stringify(value)}\n}\n`;
          const found = scan('appsettings.json', text);
          // Percent and entity encodings map back character by character: the span is the secret's
          // own encoded characters; base64, and escapes the JSON reader undid, are placed at the value.
          const secret = clear[0]!.secret;
          const exact = encoding === 'percent' || encoding === 'html-entity';
          const expected = [at(text, JSON.stringify(exact ? encode(secret) : value).slice(1, -1), d.id, encoding, secret)];
          if (JSON.stringify(found) !== JSON.stringify(expected)) missed.push(`${d.id} ${encoding}: ${JSON.stringify(found.map((f) => [f.rule, f.encoding]))}`);
        }
      }
    }
    assert.ok(checked > 400, `${checked} encoded examples`);
    assert.deepEqual(missed, []);
  });
});

describe('not decoded, not findings', () => {
  test('base64 of ordinary text, and of a placeholder under a password key', () => {
    const text = `description: ${b64('Orders service, handles checkout and refunds.')}\nbanner: ${b64('Welcome to the orders service')}\npassword: ${b64('changeme')}\n`;
    assert.deepEqual(scan('config.yaml', text), []);
  });
  test('image data URIs and binary base64 values', () => {
    const png = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 131 + 7) & 0xff)).toString('base64');
    const text = `{ "logo": "data:image/png;base64,${png}", "icon": "${png}", "secretIcon": "${png.slice(0, 64)}" }\n`;
    assert.deepEqual(scan('theme.json', text).filter((r) => r.encoding !== undefined), []);
  });
  test('a bundle with long base64 runs and data URIs: nothing, in bounded time', () => {
    const blob = (seed: number, n: number) => b64(`Server=contoso;User ID=app;Password=${generatePassword(seed, 16)};`.repeat(n));
    const lines: string[] = [];
    for (let i = 0; i < 200; i++) {
      lines.push(`var a${i}="data:font/woff2;base64,${blob(400 + i, 40)}",k${i}=atob("${blob(600 + i, 3)}");`);
    }
    const text = lines.join('') + '\n';
    const started = performance.now();
    const bundle = scan('dist/app.bundle.js', text);
    const elapsed = performance.now() - started;
    assert.deepEqual(bundle, []);
    assert.ok(elapsed < 2000, `${elapsed} ms for ${text.length} characters`);
  });
  test("a notebook's base64 outputs are not decoded", () => {
    const out = b64(`Password=${password}; `.repeat(8));
    const nb = JSON.stringify({
      cells: [{ cell_type: 'code', execution_count: 1, metadata: {}, source: ['print(1)\n'], outputs: [{ output_type: 'display_data', data: { 'image/png': out, 'text/plain': ['<Figure>'] }, metadata: {} }] }],
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5,
    });
    assert.deepEqual(scan('analysis.ipynb', nb), []);
  });
});

describe('fingerprints', () => {
  test('a decoded finding fingerprints like the same secret in clear', () => {
    const clearText = `{ "Blob": "${connection}" }\n`;
    const encodedText = `{ "Blob": "${b64(connection)}" }\n`;
    const clear = scanContent(clearText, 'appsettings.json', engine).matches.map((m) => makeFinding(m, 'appsettings.json'));
    const encoded = scanContent(encodedText, 'appsettings.json', engine).matches.map((m) => makeFinding(m, 'appsettings.json'));
    assert.equal(clear.length, 1);
    assert.equal(encoded.length, 1);
    assert.equal(clear[0]!.encoding, undefined);
    assert.equal(encoded[0]!.encoding, 'base64');
    assert.equal(findingFingerprint(encoded[0]!), findingFingerprint(clear[0]!));
  });
});

describe('the decoded value is judged with its key, as in clear', () => {
  test('a storage account key base64-encoded under AccountKey: same rule and fingerprint as in clear', () => {
    const key = generateLegacyAccountKey(305);
    const findings = (text: string) => scanContent(text, 'appsettings.json', engine).matches.map((m) => makeFinding(m, 'appsettings.json'));
    const clear = findings(`{ "Storage": { "AccountKey": "${key}" } }\n`);
    const encodedText = `{ "Storage": { "AccountKey": "${b64(key)}" } }\n`;
    const encoded = findings(encodedText);
    assert.equal(clear.length, 1);
    assert.deepEqual(
      encoded.map((f) => [f.ruleId, f.column, f.endColumn, f.encoding, f.secret]),
      [[clear[0]!.ruleId, at(encodedText, b64(key), '', '', '').column, at(encodedText, b64(key), '', '', '').endColumn, 'base64', key]],
    );
    assert.equal(findingFingerprint(encoded[0]!), findingFingerprint(clear[0]!));
  });
});

describe('redaction of the span', () => {
  test("the finding's line keeps the encoded form, and the span to mask covers all of it", () => {
    const encoded = b64(sql.replace(password, generateLegacyAccountKey(304)));
    const text = `{ "X": "${encoded}" }\n`;
    const [m] = scanContent(text, 'x.json', engine).matches;
    assert.ok(m);
    assert.equal(m.lineText.slice(m.column - 1, m.endColumn - 1), encoded);
  });
});
