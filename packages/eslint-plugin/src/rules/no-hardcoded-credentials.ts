/**
 * no-hardcoded-credentials: string and template literals that the scanner's catalog recognises as a
 * secret (identifiable keys, client secrets, connection strings with keys or passwords, SAS tokens,
 * tokens...), and literals assigned to a secret-named variable, property or parameter. Detection is
 * entirely the scanner's (`@keyless/scanner/detectors`); this rule only maps literals to text and
 * offsets. The secret is never echoed in the message.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import { decodedLayers, type DetectorMatch, type Severity } from '@keyless/scanner/detectors';
import { createRule } from '../create-rule.js';
import { assignmentKeyFor } from '../detection/assignment-key.js';
import { credentialParameterFor } from '../detection/credential-parameter.js';
import { mayBeSecretKey } from '../detection/engine.js';
import { configForFile, ignoredInline } from '../detection/project-config.js';
import { detectorMessageData, MIN_SEVERITY_SCHEMA, MIN_TEXT_LENGTH, severityFilter } from '../detection/report-options.js';

type MessageIds = 'hardcodedSecret' | 'encodedSecret' | 'secretAssignment' | 'secretArgument' | 'configError';
export type Options = [{ minSeverity?: Severity; checkAssignments?: boolean }];


export default createRule<Options, MessageIds>({
  name: 'no-hardcoded-credentials',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow credentials (keys, client secrets, connection strings, tokens, passwords) written in the code',
      recommended: 'error',
      requiresTypeChecking: false,
    },
    messages: {
      hardcodedSecret: 'Hardcoded {{title}} ({{severity}}, keyless {{id}}). {{hint}}',
      encodedSecret: 'Hardcoded {{title}}, {{encoding}}-encoded ({{severity}}, keyless {{id}}). {{hint}}',
      secretAssignment: 'Hardcoded secret assigned to "{{key}}": {{title}} ({{severity}}, keyless {{id}}). {{hint}}',
      configError: '{{message}}',
      secretArgument: 'Hardcoded secret passed as {{key}} to {{callee}}: {{title}} ({{severity}}, keyless {{id}}). {{hint}}',
    },
    schema: [
      {
        type: 'object',
        properties: {
          minSeverity: MIN_SEVERITY_SCHEMA,
          checkAssignments: {
            type: 'boolean',
            description: 'Also judge literals assigned to secret-named variables, properties and parameters.',
          },
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ minSeverity: 'low', checkAssignments: true }],
  create(context, [options]) {
    // The repository's keyless.config.json, as the CLI reads it: paths, rules, allowlists, detectors.
    const fileConfig = configForFile(context.filename);
    const sourceCode = context.sourceCode;
    if (fileConfig.error !== undefined) {
      const message = fileConfig.error;
      return { Program: (node) => context.report({ node, loc: { line: 1, column: 0 }, messageId: 'configError', data: { message } }) };
    }
    if (!fileConfig.wanted) return {};
    const engine = fileConfig.engine;
    const wanted = severityFilter(options.minSeverity);
    const checkAssignments = options.checkAssignments !== false;
    const mayIgnore = sourceCode.text.includes('keyless-ignore');

    /** Kept by the config's allowlists and not ignored by a `keyless-ignore` comment on its line? */
    function kept(ruleId: string, secret: string, line: number): boolean {
      if (!fileConfig.keeps(ruleId, secret)) return false;
      return !(mayIgnore && ignoredInline(sourceCode.lines, line, ruleId));
    }

    function reportMatch(node: TSESTree.Node, m: DetectorMatch, sourceOffset: number): boolean {
      const d = m.detector;
      // A secret its syntax encodes (a URL's percent-encoded password) is reported naming the encoding.
      const messageId = m.encoding ? 'encodedSecret' : 'hardcodedSecret';
      const data = m.encoding ? { ...detectorMessageData(d), encoding: m.encoding } : detectorMessageData(d);
      const start = sourceOffset < 0 ? node.loc.start : sourceCode.getLocFromIndex(sourceOffset + m.start);
      if (!kept(d.id, m.secret, start.line)) return false;
      if (sourceOffset < 0) {
        context.report({ node, messageId, data });
        return true;
      }
      context.report({
        loc: { start, end: sourceCode.getLocFromIndex(sourceOffset + m.end) },
        messageId,
        data,
      });
      return true;
    }

    /**
     * Scans `text` (a literal's value); `sourceOffset` is where text[0] sits in the file when the
     * literal has no escapes (so offsets map 1:1), else -1 and the whole literal is reported.
     * Returns whether anything was reported.
     */
    function scan(node: TSESTree.Node, text: string, sourceOffset: number): boolean {
      const matches = engine.scanText(text);
      let reported = false;
      for (const m of matches) {
        if (!wanted(m.detector)) continue;
        // A match the config or a comment suppresses still counts as found (no second judgement).
        reportMatch(node, m, sourceOffset);
        reported = true;
      }
      return reported;
    }

    /**
     * The literal's value decoded as the scanner's encoded-secret layer does (whole-value base64 of
     * text, percent-encoding, HTML entities, escapes the parser left; two deep, 4 KiB): the first
     * secret found is reported on the whole literal, naming the encoding. Returns whether one was.
     */
    function scanEncoded(node: TSESTree.Node, value: string): boolean {
      for (const layer of decodedLayers(value)) {
        for (const m of engine.scanText(layer.value)) {
          if (!wanted(m.detector)) continue;
          if (kept(m.detector.id, m.secret, node.loc.start.line)) {
            context.report({ node, messageId: 'encodedSecret', data: { ...detectorMessageData(m.detector), encoding: layer.encodings.join('+') } });
          }
          return true;
        }
      }
      return false;
    }

    function judge(node: TSESTree.Node, value: string): void {
      if (!checkAssignments) return;
      const key = assignmentKeyFor(node);
      if (key === undefined) {
        // A literal passed straight into a credential's secret / key parameter.
        const parameter = credentialParameterFor(node);
        const d = parameter && engine.judgeAssignment(parameter.key, value);
        if (parameter && d && wanted(d) && kept(d.id, value, node.loc.start.line)) {
          context.report({ node, messageId: 'secretArgument', data: { ...parameter, ...detectorMessageData(d) } });
        }
        return;
      }
      if (!mayBeSecretKey(key)) return;
      const d = engine.judgeAssignment(key, value);
      if (!d || !wanted(d) || !kept(d.id, value, node.loc.start.line)) return;
      context.report({
        node,
        messageId: 'secretAssignment',
        data: { key, ...detectorMessageData(d) },
      });
    }

    return {
      Literal(node) {
        const value = node.value;
        if (typeof value !== 'string' || value.length < MIN_TEXT_LENGTH) return;
        const parentType = node.parent.type;
        if (parentType === AST_NODE_TYPES.ImportDeclaration || parentType === AST_NODE_TYPES.ExportAllDeclaration) return;
        const exact = node.raw.length === value.length + 2;
        if (!scan(node, value, exact ? node.range[0] + 1 : -1) && !scanEncoded(node, value)) judge(node, value);
      },
      TemplateElement(node) {
        const cooked = node.value.cooked;
        if (cooked === null || cooked.length < MIN_TEXT_LENGTH) return;
        const exact = node.value.raw === cooked;
        const found = scan(node, cooked, exact ? node.range[0] + 1 : -1) || scanEncoded(node, cooked);
        // The parent may also be a TS template literal *type*, which is never an assignment.
        const template = node.parent;
        if (!found && template.type === AST_NODE_TYPES.TemplateLiteral && template.expressions.length === 0) judge(template, cooked);
      },
    };
  },
});
