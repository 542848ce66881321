/**
 * Issue 15 item 4, checked as a whole in the pipeline (scanContent with the real catalog): Google's
 * published Firebase sample keys are not findings (a generated key of the same shape still is);
 * SQL passwords with `&`, quotes or braces are reported whole, so no part of them stays in clear
 * next to the redacted finding; Algolia search-only keys and typed placeholder tokens give nothing.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { catalog } from '../../src/detect/catalog.js';
import { createEngine } from '../../src/detect/engine.js';
import { generateGoogleApiKey, generatePassword } from '../../src/detect/examples/generate.js';
import { whyNotSecret } from '../../src/detect/not-secrets.js';
import { FIREBASE_SAMPLE_KEYS } from '../../src/detect/well-known-public-keys.js';
import { scanContent } from '../../src/pipeline/scan-content.js';

const engine = createEngine(catalog);
/** 1-based column of `needle` on its line in `text`. */
const columnOf = (text: string, needle: string) => text.indexOf(needle) - text.lastIndexOf('\n', text.indexOf(needle));
const rows = (path: string, text: string) => scanContent(text, path, engine).matches.map((m) => [m.match.detector.id, m.line, m.column, m.match.secret]);

describe('Firebase sample keys', () => {
  const firebaseConfig = (key: string) => `const firebaseConfig = {\n  apiKey: "${key}",\n  authDomain: "demo.firebaseapp.com",\n  projectId: "demo",\n};\n`;
  test("the Firebase SDK's and the Firebase docs' sample keys are not findings", () => {
    for (const key of FIREBASE_SAMPLE_KEYS) {
      assert.equal(whyNotSecret(key), 'published sample key');
      assert.deepEqual(rows('src/firebase.js', firebaseConfig(key)), [], key);
      assert.deepEqual(rows('GoogleService-Info.plist', `<key>API_KEY</key>\n<string>${key}</string>\n`), [], key);
      assert.deepEqual(rows('google-services.json', `{ "api_key": [{ "current_key": "${key}" }] }\n`), [], key);
    }
  });
  test('a generated key of the same shape is still a Google API key', () => {
    const key = generateGoogleApiKey(401);
    assert.deepEqual(rows('src/firebase.js', firebaseConfig(key)), [['google-api-key', 2, 12, key]]);
  });
});

describe('SQL connection-string passwords in the pipeline', () => {
  const pw = generatePassword(402, 14);
  const a = pw.slice(0, 6);
  const b = pw.slice(6);
  const conn = (password: string) => `{ "ConnectionStrings": { "Db": "Server=tcp:contoso.database.windows.net;Database=orders;User ID=app;Password=${password};Encrypt=True;" } }\n`;
  test('& inside the password: one finding with the whole password', () => {
    const text = conn(`${a}&${b}`);
    assert.deepEqual(rows('appsettings.json', text), [['sql-connection-string-password', 1, columnOf(text, `${a}&${b}`), `${a}&${b}`]]);
  });
  test("quoted ('...') and braced ({...}) passwords with ; inside", () => {
    const quoted = conn(`'${a};${b}'`);
    assert.deepEqual(rows('appsettings.json', quoted), [['sql-connection-string-password', 1, columnOf(quoted, `${a};${b}`), `${a};${b}`]]);
    const braced = `ConnectionString=Driver={ODBC Driver 18 for SQL Server};Server=contoso;Uid=app;Pwd={${a};${b}};\n`;
    assert.deepEqual(rows('app.odbc.ini', braced), [['sql-connection-string-password', 1, columnOf(braced, `${a};${b}`), `${a};${b}`]]);
  });
});

describe('placeholders and public search keys', () => {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  test('typed placeholder tokens are not findings', () => {
    const text = `STRIPE_SECRET_KEY=sk_${letters}123\nDATABRICKS_TOKEN=dapi${'1234567890'.repeat(3)}ab\nAPI_SECRET=${'1234567890'}abcdef${'1234567890'}abcdef\n`;
    assert.deepEqual(rows('.env', text), []);
  });
  test('an Algolia search-only key is not a finding', () => {
    const key = generatePassword(403, 32).replace(/[^A-Za-z0-9]/g, 'a');
    assert.deepEqual(rows('.env', `ALGOLIA_APP_ID=X1\nALGOLIA_SEARCH_KEY=${key}\n`), []);
  });
});
