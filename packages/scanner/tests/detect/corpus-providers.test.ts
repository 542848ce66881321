/**
 * The labelled provider corpus, generated at test time from the providers' documented formats (so
 * the repository holds no token): per family, realistic positives (each token in several file and
 * command contexts; tokens with a shape of their own also with no key name around them: alone on a
 * line, in an `Authorization` header, a CLI argument, a log line, a URL query, a quoted argument) and negatives (look-alikes: placeholders, filler, sequences, truncated tokens,
 * prefixes alone, tokens glued into longer words). Prints `# family: recall x/y, fp n` per family
 * and asserts full recall and no false positive.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { catalog } from '../../src/detect/catalog.js';
import { createEngine } from '../../src/detect/engine.js';
import { PROVIDER_FAMILIES } from '../../src/detect/detectors/provider-families.js';
import type { ProviderTokenDetector } from '../../src/detect/detectors/provider-token.js';

const engine = createEngine(catalog);

const POSITIVE_CONTEXTS: readonly ((d: ProviderTokenDetector, t: string) => string)[] = [
  (d, t) => d.embed(t),
  (d, t) => `{\n  "${d.embed('').replace(/=.*$/, '')}": "${t}"\n}\n`,
  (d, t) => `env:\n  ${d.embed('').replace(/=.*$/, '')}: '${t}'\n`,
  (d, t) => `export ${d.embed(t)}`,
  (d, t) => `    const client = new Client({ apiKey: process.env.KEY ?? "${t}" }); // ${d.embed('').replace(/=.*$/, '')}`,
];

/**
 * Contexts with no key name at all, for tokens whose shape identifies them: the token alone on a line
 * (shell history, a pasted note), an HTTP header, a CLI argument, a log line, a URL query parameter.
 */
const BARE_CONTEXTS: readonly ((t: string) => string)[] = [
  (t) => `${t}\n`,
  (t) => `curl -s -H "Authorization: Bearer ${t}" https://api.contoso.com/v1/items\n`,
  (t) => `GET /v1/items HTTP/1.1\nHost: api.contoso.com\nAuthorization: ${t}\n`,
  (t) => `$ deploy-tool login --token ${t} --region eu\n`,
  (t) => `2026-03-01T10:22:31.118Z INFO worker[3]: request sent with credential ${t} (retry 2)\n`,
  (t) => `https://hooks.contoso.com/notify?k=${t}&channel=ops\n`,
  (t) => `- run: ./publish.sh '${t}'\n`,
];

/** Look-alikes built from a real-shaped token: none of them may be reported by any detector. */
function lookalikes(d: ProviderTokenDetector, t: string): string[] {
  const name = d.embed('').replace(/=.*$/, '');
  // A token cut short (copied half, or a prefix in docs): at most 24 characters of it.
  const half = t.slice(0, Math.min(Math.ceil(t.length / 2), 24));
  const filled = [
    half,
    t.replace(/[A-Za-z0-9]/g, (c, i: number) => (i < 8 ? c : 'x')),
    t.replace(/[A-Za-z0-9]/g, (c, i: number) => (i < 8 ? c : '0123456789abcdef'[i % 16]!)),
  ];
  return [
    `${name}=`,
    `${name}=<your ${d.rotation.provider} token>`,
    `${name}=\${${name}}`,
    ...filled.map((v) => `${name}=${v}`),
    `see the docs for ${name}: https://example.com/docs/${d.id}`,
    // With no key name, where a distinctive shape alone would be reported: the filler and sequence
    // look-alikes in every bare context, the cut token alone on a line (after `--token` or `Bearer`
    // a random half-token is still a credential, found by the context rules).
    ...(d.distinctive ? [`${half}\n`, ...filled.slice(1).flatMap((v) => BARE_CONTEXTS.map((b) => b(v)))] : []),
  ];
}

describe('labelled provider corpus', () => {
  for (const f of PROVIDER_FAMILIES) {
    test(`${f.family}`, () => {
      let total = 0;
      let found = 0;
      let fp = 0;
      const misses: string[] = [];
      for (const d of f.detectors) {
        for (let seed = 100; seed < 110; seed++) {
          const t = d.generate(seed);
          // A key with no shape of its own is only identified by the provider-named key next to it.
          const contexts = d.distinctive ? [...POSITIVE_CONTEXTS, ...BARE_CONTEXTS.map((b) => (_: ProviderTokenDetector, tok: string) => b(tok))] : POSITIVE_CONTEXTS.slice(0, 4);
          for (const ctx of contexts) {
            const text = ctx(d, t);
            total++;
            const hits = engine.scanText(text);
            if (hits.some((m) => m.detector.id === d.id && m.secret === t)) found++;
            else misses.push(`${d.id}: ${JSON.stringify(text.slice(0, 90))} -> ${hits.map((m) => m.detector.id).join(',')}`);
          }
          for (const text of lookalikes(d, t)) {
            const hits = engine.scanText(text);
            if (hits.length) {
              fp++;
              misses.push(`fp ${hits.map((m) => m.detector.id).join(',')}: ${JSON.stringify(text.slice(0, 70))}`);
            }
          }
        }
      }
      console.log(`# ${f.family}: recall ${found}/${total}, fp ${fp}`);
      assert.deepEqual(misses.slice(0, 10), []);
      assert.equal(found, total);
      assert.equal(fp, 0);
    });
  }
});
