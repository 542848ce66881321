/**
 * Provider tokens are found by their own shape, with no key name around them: on a line of their
 * own, in an `Authorization: Bearer` header, as a CLI argument, in a log line and in a diff hunk.
 * Every provider with a distinctive shape (prefix or marker) is checked; providers whose keys have
 * no shape of their own (hex keys, UUIDs) are checked under their provider-named key instead, and
 * must stay silent bare. Every provider detector also carries its own revocation steps and link.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { catalog } from '../../src/detect/catalog.js';
import { createEngine } from '../../src/detect/engine.js';
import { providerTokenDetectors } from '../../src/detect/detectors/provider-families.js';
import { remediationFor } from '../../src/detect/remediation.js';
import { generateCommonAnnotatedKey } from '../../src/detect/examples/generate.js';

const engine = createEngine(catalog);

export const BARE_CONTEXTS: readonly { name: string; wrap: (t: string) => string }[] = [
  { name: 'a line of its own', wrap: (t) => `${t}\n` },
  { name: 'an Authorization: Bearer header', wrap: (t) => `curl -s https://api.example.com/v1/me -H "Authorization: Bearer ${t}"` },
  { name: 'a CLI argument', wrap: (t) => `$ deploytool publish --token ${t} --verbose` },
  { name: 'a log line', wrap: (t) => `2026-05-01T10:00:00.123Z INFO upload client ready, credential=${t} (retrying)` },
  { name: 'a diff hunk', wrap: (t) => `@@ -1,2 +1,3 @@\n HOST=api\n+TOKEN=${t}\n` },
];

describe('provider tokens, bare', () => {
  for (const d of providerTokenDetectors) {
    const token = d.generate(7);
    if (d.distinctive) {
      for (const c of BARE_CONTEXTS) {
        test(`${d.id} in ${c.name}`, () => {
          const text = c.wrap(token);
          const found = engine.scanText(text);
          assert.deepEqual(
            found.map((m) => [m.detector.id, m.start, m.end]),
            [[d.id, text.indexOf(token), text.indexOf(token) + token.length]],
          );
        });
      }
    } else {
      test(`${d.id} (no shape of its own) is found under its provider-named key, not bare`, () => {
        const text = d.embed(token);
        assert.deepEqual(engine.scanText(text).map((m) => [m.detector.id, m.secret]), [[d.id, token]]);
        assert.deepEqual(engine.scanText(`${token}\n`).filter((m) => m.detector.id === d.id), []);
      });
    }
    test(`${d.id} tells how to revoke the token at ${d.rotation.provider}`, () => {
      const r = remediationFor(d.remediation, { rotation: d.rotation, path: '.env', key: 'TOKEN' });
      assert.match(r.summary, new RegExp(`Revoke the ${d.rotation.provider.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} token`));
      assert.ok(r.steps.some((s) => s.includes(d.rotation.url)), 'no documentation link');
      assert.ok(!r.steps.some((s) => /ManagedIdentityCredential|DefaultAzureCredential/.test(s)), 'managed-identity advice for a provider token');
      assert.match(d.rotation.url, /^https:\/\//);
    });
  }

  test('an Azure OpenAI / AI services 84-char key (JQQJ99 ... ACOG) is found bare', () => {
    const key = generateCommonAnnotatedKey('ACOG', 11);
    for (const c of BARE_CONTEXTS) {
      const text = c.wrap(key);
      assert.deepEqual(engine.scanText(text).map((m) => [m.detector.id, m.secret]), [['azure-common-annotated-key', key]], c.name);
    }
  });

  test('every provider detector keeps off the hot path: a literal keyword of 3+ characters in each true positive', () => {
    for (const d of providerTokenDetectors) {
      assert.ok(d.keywords.length > 0, d.id);
      for (const k of d.keywords) assert.ok(k.length >= 3, `${d.id}: keyword '${k}' too short`);
      const text = d.embed(d.generate(3)).toLowerCase();
      assert.ok(d.keywords.some((k) => text.includes(k.toLowerCase())), d.id);
    }
  });
});
