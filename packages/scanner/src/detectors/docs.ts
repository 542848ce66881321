/**
 * Renders docs/detectors.md from the catalog, so the documentation cannot drift from the code
 * (a test compares the committed file with this output).
 */
import { remediationFor } from './remediation.js';
import type { Detector } from './types.js';

function keywordsOf(d: Detector): string {
  return d.keywords.map((k) => `\`${k}\``).join(', ');
}

function section(d: Detector): string {
  const r = remediationFor(d.remediation);
  const lines = [
    `## ${d.id}`,
    '',
    `**${d.title}** — severity \`${d.severity}\`, confidence \`${d.confidence}\`, priority ${d.priority}.`,
    '',
    d.description,
    '',
    d.kind === 'pattern'
      ? `- Finds: pattern \`/${d.pattern.source}/${d.pattern.flags}\`, run only near the keywords ${keywordsOf(d)}.`
      : `- Finds: values assigned to keys whose name contains ${keywordsOf(d)} and denotes a secret (the last word of the key decides).`,
    d.kind === 'pattern'
      ? `- Validates: ${d.validate ? 'structure/checksum/context check in code (see above), then the shared not-a-secret filter' : 'shape only, then the shared not-a-secret filter'}.`
      : '- Validates: the value must look like a secret (length, character classes, entropy; not a placeholder, reference, identifier, path, URL, number or GUID).',
    `- Remediation: ${r.summary}`,
    ...r.steps.map((s, i) => `  ${i + 1}. ${s}`),
    '',
  ];
  return lines.join('\n');
}

/** The whole docs/detectors.md text. */
export function renderDetectorDocs(detectors: readonly Detector[]): string {
  const sorted = [...detectors].sort((a, b) => b.priority - a.priority || (a.id < b.id ? -1 : 1));
  return [
    '# keyless detectors',
    '',
    '<!-- Generated from packages/scanner/src/detectors (renderDetectorDocs). Do not edit by hand:',
    '     run `KEYLESS_UPDATE_DOCS=1 node scripts/run-tests.mjs tests/detectors/docs` after a build. -->',
    '',
    'Every built-in detector, highest priority first. When two detectors report overlapping text, the',
    'higher priority wins (checksum-validated > structural > contextual > generic). Rule ids are stable:',
    'they are part of finding fingerprints.',
    '',
    'Decisions worth knowing:',
    '',
    '- Stripe test-mode keys (`sk_test_`) are not reported: they cannot move money and are routinely',
    '  committed in samples. Live keys (`sk_live_`, `rk_live_`) are.',
    '- The Azure DevOps legacy PAT checksum follows Microsoft\'s code as described in the design notes;',
    '  no real sample was at hand to confirm it, so its tests use vectors built from the algorithm.',
    '- AWS\'s documented `...EXAMPLE` keys, the Azurite development storage key and the Cosmos DB',
    '  emulator key are public and never reported.',
    '',
    '| id | title | severity | confidence |',
    '|---|---|---|---|',
    ...sorted.map((d) => `| [${d.id}](#${d.id}) | ${d.title} | ${d.severity} | ${d.confidence} |`),
    '',
    ...sorted.map(section),
  ].join('\n');
}
