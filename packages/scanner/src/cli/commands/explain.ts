/** `keyless explain <ruleId>`: what a rule finds and the full remediation; `--list`: all rule ids. */
import type { Detector } from '../../detect/types.js';
import { postureRuleById, postureRules } from '../../detect/posture/catalog.js';
import { postureHelpUri, postureRemediation } from '../../detect/posture/remediation.js';
import type { PostureRule } from '../../detect/posture/types.js';
import { withOrigin, type RepositoryOrigin } from '../../detect/posture/subject.js';
import { repositoryOrigin } from '../../sources/git/repository-origin.js';
import { guidanceFor, helpUriFor } from '../../report/guidance.js';
import { flag, parseCommand, stringOption } from '../args.js';
import { EXIT_CLEAN, KeylessError, UsageError } from '../errors.js';
import { explainableRules } from '../explain-detectors.js';
import { EXPLAIN_HELP } from '../help.js';
import type { CliIO } from '../io.js';

/** The full guidance text for a detector. */
export function explainText(d: Detector, definedIn?: string): string {
  const g = guidanceFor(d.remediation, d.kind === 'pattern' && d.rotation ? { rotation: d.rotation } : {});
  return [
    `${d.id}: ${d.title}`,
    '',
    d.description,
    '',
    `Severity: ${d.severity}. Confidence: ${d.confidence}.`,
    '',
    `What to do: ${g.summary}`,
    ...g.steps.map((s) => `  - ${s}`),
    '',
    `Silence one finding with a trailing comment: keyless-ignore ${d.id} -- reason`,
    definedIn !== undefined ? `Defined in: ${definedIn}` : `More: ${helpUriFor(d.id)}`,
    '',
  ].join('\n');
}

/**
 * The migration of a posture rule: what it finds, the steps, each language's replacement; federated
 * credential subjects name the repository of `origin` when known (the current directory's remote).
 */
export function explainPostureText(r: PostureRule, origin: RepositoryOrigin = {}): string {
  const g = postureRemediation(r);
  const text = [
    `${r.id}: ${r.title}`,
    '',
    r.description,
    '',
    `Severity: ${r.severity}. Category: posture (not a secret: the wiring that makes one necessary). Reads: ${r.languages.join(', ')}.`,
    '',
    `What to do: ${g.summary}`,
    ...g.steps.map((s) => `  - ${s}`),
    ...r.snippets.flatMap((s) => ['', `Replacement (${s.language}):`, ...s.code.split('\n').map((l) => `    ${l}`)]),
    ...(r.defaults ? ['', `Defaults: ${r.defaults}`] : []),
    '',
    ...r.docs.map((d) => `Docs: ${d}`),
    `Silence one finding with a comment on its line or the line before: keyless-ignore ${r.id} -- reason`,
    `More: ${postureHelpUri(r.id)}`,
    '',
  ].join('\n');
  return withOrigin(text, origin);
}

export async function explainCommand(args: readonly string[], io: CliIO): Promise<number> {
  const p = parseCommand('explain', args, { list: { type: 'boolean' }, config: { type: 'string' } }, 1);
  if (flag(p, 'help')) {
    io.stdout.write(EXPLAIN_HELP);
    return EXIT_CLEAN;
  }
  const rules = explainableRules(io.cwd, stringOption(p, 'config'));
  if (flag(p, 'list')) {
    const ids = [...rules.detectors, ...postureRules].sort((a, b) => (a.id < b.id ? -1 : 1));
    io.stdout.write(ids.map((d) => `${d.id.padEnd(40)} ${d.severity.padEnd(8)} ${d.title}\n`).join(''));
    return EXIT_CLEAN;
  }
  const id = p.positionals[0];
  if (id === undefined) throw new UsageError('explain needs a rule id', 'explain');
  const posture = postureRuleById(id);
  if (posture) {
    io.stdout.write(explainPostureText(posture, await repositoryOrigin(io.cwd)));
    return EXIT_CLEAN;
  }
  const detector = rules.detectors.find((d) => d.id === id);
  if (!detector) throw new KeylessError(`unknown rule '${id}' (list the rule ids with 'keyless explain --list')`);
  io.stdout.write(explainText(detector, rules.customIds.has(id) ? rules.configFile : undefined));
  return EXIT_CLEAN;
}
