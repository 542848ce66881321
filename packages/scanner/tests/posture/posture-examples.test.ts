import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { postureRules } from '../../src/detect/posture/catalog.js';
import { postureLanguageOf } from '../../src/detect/posture/languages.js';
import { readPostureDoc } from '../../src/formats/posture/index.js';

function hitsOf(ruleId: string, path: string, text: string) {
  const rule = postureRules.find((r) => r.id === ruleId)!;
  const read = readPostureDoc(path, text);
  assert.ok(read && 'doc' in read, `${path} is read as a posture file`);
  assert.ok(rule.languages.includes(read.doc.language), `${ruleId} reads ${read.doc.language}`);
  return rule.check(read.doc);
}

describe('posture rules: self-testing examples', () => {
  test('ids are unique, under the posture- prefix, with docs, steps and a snippet per language', () => {
    assert.equal(new Set(postureRules.map((r) => r.id)).size, postureRules.length);
    for (const r of postureRules) {
      assert.match(r.id, /^posture-[a-z0-9-]+$/);
      assert.ok(r.steps.length > 0 && r.docs.length > 0, r.id);
      for (const lang of r.languages) assert.ok(r.snippets.some((s) => s.language === lang), `${r.id} has a ${lang} snippet`);
    }
  });

  for (const rule of postureRules) {
    test(`${rule.id}: one finding in each positive, none in each secret-free negative`, () => {
      const { positive, negative } = rule.examples();
      assert.ok(positive.length > 0 && negative.length > 0);
      const languages = new Set<string>();
      for (const ex of positive) {
        const hits = hitsOf(rule.id, ex.path, ex.text);
        assert.equal(hits.length, 1, `${rule.id} positive ${ex.path}:\n${ex.text}\n${JSON.stringify(hits)}`);
        const hit = hits[0]!;
        assert.ok(hit.start >= 0 && hit.end > hit.start && hit.end <= ex.text.length, 'span inside the file');
        assert.ok(hit.evidence.length > 0);
        languages.add(postureLanguageOf(ex.path, ex.text)!);
      }
      const negativeLanguages = new Set<string>();
      for (const ex of negative) {
        assert.deepEqual(hitsOf(rule.id, ex.path, ex.text), [], `${rule.id} negative ${ex.path}:\n${ex.text}`);
        negativeLanguages.add(postureLanguageOf(ex.path, ex.text)!);
      }
      // Every language the rule reads has a positive and a secret-free negative.
      for (const lang of rule.languages) {
        assert.ok(languages.has(lang), `${rule.id}: a ${lang} positive`);
        assert.ok(negativeLanguages.has(lang), `${rule.id}: a ${lang} negative`);
      }
    });
  }
});
