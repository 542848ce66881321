/**
 * The labelled provider corpus, generated at test time from the providers' documented formats (so
 * the repository holds no token): per family, realistic positives (each token in several file and
 * command contexts) and negatives (look-alikes: placeholders, filler, sequences, truncated tokens,
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

/** Look-alikes built from a real-shaped token: none of them may be reported by any detector. */
function lookalikes(d: ProviderTokenDetector, t: string): string[] {
  const name = d.embed('').replace(/=.*$/, '');
  // A token cut short (copied half, or a prefix in docs): at most 24 characters of it.
  const half = t.slice(0, Math.min(Math.ceil(t.length / 2), 24));
  return [
    `${name}=`,
    `${name}=<your ${d.rotation.provider} token>`,
    `${name}=\${${name}}`,
    `${name}=${half}`,
    `${name}=${t.replace(/[A-Za-z0-9]/g, (c, i: number) => (i < 8 ? c : 'x'))}`,
    `${name}=${t.replace(/[A-Za-z0-9]/g, (c, i: number) => (i < 8 ? c : '0123456789abcdef'[i % 16]!))}`,
    `see the docs for ${name}: https://example.com/docs/${d.id}`,
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
          for (const ctx of d.distinctive ? POSITIVE_CONTEXTS : POSITIVE_CONTEXTS.slice(0, 4)) {
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
