/**
 * no-hardcoded-credentials-config: credentials in config files that are not code or JSON: `.env`
 * files (through the plugin's text parser) and YAML (pipelines, Kubernetes, compose; through
 * `yaml-eslint-parser`). The whole file goes through the scanner's own format readers and config
 * (`scanFileText`), so the editor reports exactly what `keyless scan` reports there, keyless-ignore
 * comments and keyless.config.json included. Posture rules stay in the CLI. The secret is never echoed.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { catalog, type Severity } from '@keyless/scanner/detectors';
import { scanFileText } from '@keyless/scanner/config';
import { createRule } from '../create-rule.js';
import { configForFile } from '../detection/project-config.js';
import { hintFor } from '../detection/hints.js';
import { MIN_SEVERITY_SCHEMA } from '../detection/report-options.js';

type MessageIds = 'hardcodedSecret' | 'configError' | 'notScanned';
export type Options = [{ minSeverity?: Severity }];

const SEVERITY_RANK: Record<Severity, number> = { low: 0, medium: 1, high: 2, critical: 3 };
const detectorOf = new Map(catalog.map((d) => [d.id, d]));

export default createRule<Options, MessageIds>({
  name: 'no-hardcoded-credentials-config',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow credentials in .env and YAML config files, found by the scanner’s own format readers',
      recommended: false,
      requiresTypeChecking: false,
    },
    messages: {
      hardcodedSecret: 'Hardcoded {{title}} ({{severity}}, keyless {{id}}). {{hint}}',
      configError: '{{message}}',
      notScanned: 'Not scanned for credentials: {{warning}}',
    },
    schema: [{ type: 'object', properties: { minSeverity: MIN_SEVERITY_SCHEMA }, additionalProperties: false }],
  },
  defaultOptions: [{ minSeverity: 'low' }],
  create(context, [options]) {
    const fileConfig = configForFile(context.filename);
    const minRank = SEVERITY_RANK[options.minSeverity ?? 'low'];
    return {
      Program(node: TSESTree.Program) {
        if (fileConfig.error !== undefined) {
          context.report({ node, loc: { line: 1, column: 0 }, messageId: 'configError', data: { message: fileConfig.error } });
          return;
        }
        if (!fileConfig.wanted) return;
        const { findings, warning } = scanFileText(context.sourceCode.text, fileConfig.path, fileConfig.scanContext());
        // Fail closed: what could not be scanned is said, never passed as clean.
        if (warning) context.report({ node, loc: { line: 1, column: 0 }, messageId: 'notScanned', data: { warning } });
        for (const f of findings) {
          // Inline ignores and the allowlist suppress as in the CLI (the finding comes back marked).
          if (f.suppressed !== undefined || SEVERITY_RANK[f.severity] < minRank) continue;
          context.report({
            loc: { start: { line: f.line, column: f.column - 1 }, end: { line: f.endLine ?? f.line, column: f.endColumn - 1 } },
            messageId: 'hardcodedSecret',
            data: { title: f.title, severity: f.severity, id: f.ruleId, hint: hintFor(detectorOf.get(f.ruleId)) },
          });
        }
      },
    };
  },
});
