/**
 * A posture finding's migration, made concrete for its file: the rule's steps, then the service's
 * identity-based settings and role (name and built-in role definition id), the federated credential
 * subject for CI, and the replacement snippet in the file's language. Pure.
 */
import type { Remediation } from '../remediation.js';
import { rolesText, SERVICES } from './services.js';
import type { PostureLanguage } from './tree.js';
import type { PostureRule, PostureService } from './types.js';

export interface PostureRemediationContext {
  readonly language?: PostureLanguage;
  readonly service?: PostureService;
  readonly subject?: string;
}

export const POSTURE_DOCS_URL = 'https://github.com/keyless-dev/keyless/blob/main/packages/scanner/docs/posture.md';

export function postureHelpUri(ruleId: string): string {
  return `${POSTURE_DOCS_URL}#${ruleId}`;
}

export function postureRemediation(rule: PostureRule, ctx: PostureRemediationContext = {}): Remediation {
  const steps = [...rule.steps];
  if (ctx.service) {
    const s = SERVICES[ctx.service];
    steps.push(s.roles.length > 0 ? `${s.name}: give the app's managed identity ${rolesText(ctx.service)} on the resource; settings: ${s.settings}` : `${s.name}: ${s.settings}`);
    steps.push(`Then turn key access off: ${s.disableLocalAuth}`);
  }
  if (ctx.subject) steps.push(`Federated credential subject: ${ctx.subject}`);
  const snippet = rule.snippets.find((x) => x.language === ctx.language) ?? (ctx.language === undefined ? rule.snippets[0] : undefined);
  return { summary: rule.summary, steps, ...(snippet ? { replacement: { language: snippet.language, code: snippet.code } } : {}) };
}
