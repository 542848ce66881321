/**
 * What the CI rules share: the steps, env maps and script bodies of a GitHub Actions workflow or an
 * Azure Pipelines file, found anywhere in the tree (stages, jobs, deployment strategies, templates),
 * and the federated credential subject a workflow's job would present. Pure.
 */
import { entryOf, nodeAt, objectsUnder, textOf, type PEntry, type PNode, type PostureDoc, type PValue } from './tree.js';

/**
 * Step keys that hold a script: GitHub `run`, Azure Pipelines `script` / `bash` / `pwsh` / `powershell`,
 * task `inputs.inlineScript` / `inputs.script` / `inputs.Inline` (AzurePowerShell@5), action
 * `with.inlineScript` (azure/cli, azure/powershell).
 */
const SCRIPT_KEYS = new Set(['run', 'script', 'bash', 'pwsh', 'powershell']);
const INPUT_SCRIPT_KEYS = new Set(['inlineScript', 'script', 'Inline']);

/** Every script body of the file, with its value node (offsets into the file). */
export function scriptsOf(doc: PostureDoc): PValue[] {
  const out: PValue[] = [];
  for (const o of objectsUnder(doc.root)) {
    for (const e of o.entries) {
      if (e.value.kind === 'value' && SCRIPT_KEYS.has(e.key)) out.push(e.value);
      else if ((e.key === 'inputs' || e.key === 'with') && e.value.kind === 'object') {
        for (const i of e.value.entries) if (i.value.kind === 'value' && INPUT_SCRIPT_KEYS.has(i.key)) out.push(i.value);
      }
    }
  }
  return out;
}

/** Every `env:` / `variables:` entry (maps, and Azure Pipelines `- name: X` / `value:` lists). */
export function envEntriesOf(doc: PostureDoc): { name: string; entry: PEntry; value?: PNode }[] {
  const out: { name: string; entry: PEntry; value?: PNode }[] = [];
  for (const o of objectsUnder(doc.root)) {
    for (const e of o.entries) {
      if (e.key !== 'env' && e.key !== 'variables') continue;
      if (e.value.kind === 'object') for (const v of e.value.entries) out.push({ name: v.key, entry: v, value: v.value });
      else if (e.value.kind === 'array') {
        for (const item of e.value.items) {
          const name = entryOf(item, 'name');
          if (name && textOf(name.value)) out.push({ name: textOf(name.value)!, entry: name, ...(entryOf(item, 'value') ? { value: entryOf(item, 'value')!.value } : {}) });
        }
      }
    }
  }
  return out;
}

/** `${{ secrets.X }}`, `${{ vars.X }}`, `$(X)`, `$[ variables.X ]`: a reference, safe to show. */
export function isReference(text: string): boolean {
  return /^\$\{\{[^}]{1,200}\}\}$|^\$\([\w.-]{1,200}\)$|^\$\[[^\]]{1,200}\]$/.test(text.trim());
}

/** `KEY: value` when the value is a reference, `KEY` alone otherwise (never a literal value). */
export function shownAssignment(key: string, value: PNode | undefined): string {
  const text = textOf(value);
  return text !== undefined && isReference(text) ? `${key}: ${text.trim()}` : key;
}

/**
 * The federated credential subject of the GitHub job holding `node` (a step or the job): its
 * `environment`, else the first `on.push.branches` entry, else `main`.
 */
export function githubSubject(doc: PostureDoc, node: PNode): string {
  const jobs = nodeAt(doc.root, 'jobs');
  let environment: string | undefined;
  if (jobs?.kind === 'object') {
    for (const j of jobs.entries) {
      if (node.start >= j.value.start && node.end <= j.value.end) {
        const env = nodeAt(j.value, 'environment');
        environment = textOf(env) ?? textOf(nodeAt(env, 'name'));
      }
    }
  }
  if (environment && !environment.includes('${{')) return `repo:<owner>/<repo>:environment:${environment}`;
  const branches = nodeAt(doc.root, 'on', 'push', 'branches');
  const first = branches?.kind === 'array' ? textOf(branches.items[0]) : textOf(branches);
  const branch = first && !/[*?[]/.test(first) ? first : 'main';
  return `repo:<owner>/<repo>:ref:refs/heads/${branch}`;
}
