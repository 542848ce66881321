/**
 * no-hardcoded-credentials-json: the hardcoded-credentials check for JSON config files
 * (appsettings*.json, local.settings.json, ...) linted through @eslint/json's `json/json` language.
 * Every string value is run through the scanner's catalog, and a string assigned to a secret-named
 * member (`"ClientSecret": "..."`) is judged by its assignment detector. The secret is never echoed.
 */
import type { TSESLint } from '@typescript-eslint/utils';
import type { DetectorMatch, Severity } from '@keyless/scanner/detectors';
import { createRule } from '../create-rule.js';
import { mayBeSecretKey } from '../detection/engine.js';
import { configForFile, ignoredInline } from '../detection/project-config.js';
import { detectorMessageData, MIN_SEVERITY_SCHEMA, MIN_TEXT_LENGTH, severityFilter } from '../detection/report-options.js';

type MessageIds = 'hardcodedSecret' | 'secretAssignment' | 'configError';
export type Options = [{ minSeverity?: Severity }];


/** The few @eslint/json (momoa) node shapes this rule reads. */
interface JsonPosition {
  line: number;
  column: number;
  offset: number;
}
interface JsonString {
  type: 'String';
  value: string;
  range?: [number, number];
  loc: { start: JsonPosition; end: JsonPosition };
}
interface JsonMember {
  type: 'Member';
  name: JsonString | { type: 'Identifier'; name: string };
  value: { type: string } & Partial<JsonString>;
}

export default createRule<Options, MessageIds>({
  name: 'no-hardcoded-credentials-json',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow credentials in JSON config files (appsettings.json, local.settings.json); needs @eslint/json',
      recommended: false,
      requiresTypeChecking: false,
    },
    messages: {
      hardcodedSecret: 'Hardcoded {{title}} ({{severity}}, keyless {{id}}). {{hint}}',
      secretAssignment: 'Hardcoded secret in "{{key}}": {{title}} ({{severity}}, keyless {{id}}). {{hint}}',
      configError: '{{message}}',
    },
    schema: [
      {
        type: 'object',
        properties: {
          minSeverity: MIN_SEVERITY_SCHEMA,
        },
        additionalProperties: false,
      },
    ],
  },
  defaultOptions: [{ minSeverity: 'low' }],
  create(context, [options]) {
    // The repository's keyless.config.json, as the CLI reads it.
    const fileConfig = configForFile(context.filename);
    const sourceCode = context.sourceCode;
    if (fileConfig.error !== undefined) {
      const message = fileConfig.error;
      const onDocument = () => context.report({ loc: { line: 1, column: 0 }, messageId: 'configError', data: { message } });
      return { Document: onDocument } as unknown as TSESLint.RuleListener;
    }
    if (!fileConfig.wanted) return {};
    const engine = fileConfig.engine;
    const mayIgnore = sourceCode.text.includes('keyless-ignore');
    const kept = (ruleId: string, secret: string, line: number) =>
      fileConfig.keeps(ruleId, secret) && !(mayIgnore && ignoredInline(sourceCode.lines, line, ruleId));
    const wanted = severityFilter(options.minSeverity);
    const data = detectorMessageData;

    function locOf(node: JsonString, m: DetectorMatch) {
      const start = node.loc.start.offset;
      const raw = sourceCode.text.slice(start, node.loc.end.offset);
      // Without escapes the value sits 1:1 after the opening quote; else report the whole string.
      if (raw.length !== node.value.length + 2) return node.loc;
      return { start: sourceCode.getLocFromIndex(start + 1 + m.start), end: sourceCode.getLocFromIndex(start + 1 + m.end) };
    }

    /** Scans one string value; returns whether anything was reported. */
    function scan(node: JsonString): boolean {
      if (node.value.length < MIN_TEXT_LENGTH) return false;
      let reported = false;
      for (const m of engine.scanText(node.value)) {
        if (!wanted(m.detector)) continue;
        reported = true;
        const loc = locOf(node, m);
        if (!kept(m.detector.id, m.secret, loc.start.line)) continue;
        context.report({ loc, messageId: 'hardcodedSecret', data: data(m.detector) });
      }
      return reported;
    }

    const listener = {
      Member(member: JsonMember) {
        const value = member.value;
        if (value.type !== 'String') return;
        const str = value as JsonString;
        if (scan(str)) return;
        const key = member.name.type === 'String' ? member.name.value : member.name.name;
        if (!mayBeSecretKey(key)) return;
        const d = engine.judgeAssignment(key, str.value, 'config');
        if (d && wanted(d) && kept(d.id, str.value, str.loc.start.line)) context.report({ loc: str.loc, messageId: 'secretAssignment', data: { key, ...data(d) } });
      },
      'Element > String'(node: JsonString) {
        scan(node);
      },
    };
    // JSON node types are not in typescript-eslint's (JS) listener type.
    return listener as unknown as TSESLint.RuleListener;
  },
});
