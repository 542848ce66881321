/**
 * docs/posture.md, generated from the posture catalog: what the family is, how it runs (scan paths,
 * exit policy, configuration), then one section per rule with its languages, defaults, migration
 * steps, replacement per language and documentation links. Pure.
 */
import type { PostureRule } from './types.js';

const FENCE: Readonly<Record<string, string>> = { bicep: 'bicep', arm: 'json', terraform: 'hcl', 'github-actions': 'yaml', 'azure-pipelines': 'yaml' };

const INTRO = `# Posture rules

<!-- Generated from src/detect/posture/catalog.ts by tests/posture/posture-docs.test.ts (KEYLESS_UPDATE_DOCS=1). -->

A leaked secret is half of the problem; the other half is the wiring that made it necessary. Posture
rules (ids \`posture-*\`, category \`posture\`) report pipelines and infrastructure code that mint, pass
or accept secrets where Azure has a secret-free replacement, and write that replacement out in the
file's own language.

## Files read

| Language | Files |
| --- | --- |
| GitHub Actions | \`.github/workflows/*.yml\` / \`*.yaml\` |
| Azure Pipelines | \`*.yml\` / \`*.yaml\` with a path segment naming a pipeline (\`azure-pipelines.yml\`, \`ci/build-pipeline.yml\`, \`.pipelines/\`, \`.azuredevops/\`) |
| Bicep | \`*.bicep\` |
| ARM JSON | \`*.json\` whose first 2 KiB name the \`deploymentTemplate.json\` schema |
| Terraform | \`*.tf\` |

Bicep and Terraform are read by small readers in \`src/formats/posture/\` (declarations, object
literals and expressions with positions; they never throw and run in linear time): no maintained Bicep
parser runs in Node (the compiler is .NET), and the HCL options (\`@cdktf/hcl2json\`, a WASM build of
HashiCorp's Go parser) return JSON without source positions. YAML and ARM JSON use the \`yaml\` and
\`jsonc-parser\` packages the secret scan already uses. Other files never reach the posture readers:
the path check (one extension test) comes first, so secret scans of code are not slowed down.

## How they run

- **Scan paths**: working tree, \`--range\` and \`--staged\` scans run them on the same files as the
  secret detectors, into the same reports. \`--history\` scans do not: history is for leaked secrets
  that must be rotated; posture is about the code as it is now (a range or tree scan reports it).
- **Reports**: every format. Text shows the construct found (\`found\`), the migration and the
  replacement for the file's language, and counts posture findings apart in the summary; JSON adds
  \`"category": "posture"\` and \`replacement\`; SARIF gives each posture rule its own entry tagged
  \`posture\` (with \`properties.category: "posture"\`); GitHub and Azure annotations name the rule.
- **Federated credential subjects**: CI findings name the subject to create
  (\`repo:<owner>/<repo>:environment:prod\`, \`repo:<owner>/<repo>:ref:refs/heads/main\`,
  \`sc://<organization>/<project>/<connection>\`). When the scanned repository's \`origin\` remote is a
  GitHub URL, reports and \`keyless explain\` (run inside the repository) put its \`owner/name\` in
  place of \`<owner>/<repo>\` (an Azure DevOps origin: \`organization/project\` in place of
  \`<organization>/<project>\`); the remote is read through the safe git module and used only when both
  parts are names GitHub allows (letters, digits, \`-\`; \`.\` and \`_\` in the repository name), else
  the placeholder stays. The subject is not part of the fingerprint.
- **Exit policy**: a working-tree or range scan (the CI gate) fails on posture findings like on
  secrets, under \`--fail-on\`. The pre-commit hook (\`--staged\`) reports them but never fails on
  them, unless the config says \`"posture": "fail"\`.
- **Configuration**: \`"posture": false\` in keyless.config.json or \`--no-posture\` turns the family
  off; \`"posture": "report"\` reports without ever failing; \`"rules": { "posture-…": "off" | severity }\`
  per rule.
- **Suppressions**: inline \`keyless-ignore posture-…\` comments (YAML, HCL and Bicep comments; ARM
  templates accept \`//\` comments too), the allowlist's fingerprints and baselines work as for
  secrets. A posture finding's fingerprint hashes the rule and the construct found (not the path), so
  one baseline entry covers the same construct wherever it is.
`;

function section(r: PostureRule): string {
  const lines = [
    `## ${r.id}`,
    '',
    `**${r.title}** — severity ${r.severity}; reads ${r.languages.join(', ')}.`,
    '',
    r.description,
    '',
    `**Replacement:** ${r.summary}`,
    '',
    ...r.steps.map((s, i) => `${i + 1}. ${s}`),
    '',
  ];
  if (r.defaults) lines.push(`**Defaults:** ${r.defaults}`, '');
  for (const s of r.snippets) lines.push(`${s.language}:`, '', `\`\`\`${FENCE[s.language] ?? ''}`, s.code, '```', '');
  lines.push(...r.docs.map((d) => `- ${d}`), '');
  return lines.join('\n');
}

export function renderPostureDocs(rules: readonly PostureRule[]): string {
  return `${INTRO}\n${rules.map(section).join('\n')}`;
}
