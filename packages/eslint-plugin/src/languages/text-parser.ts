/**
 * A parser for files that are not code (`.env`): ESLint gets an empty program spanning the text, so
 * rules that read the whole text (no-hardcoded-credentials-config) can run on it. No tokens, no
 * comments: ESLint's own disable comments do not apply there; `keyless-ignore` comments do.
 */
interface Position {
  line: number;
  column: number;
}

function endOf(text: string): Position {
  let line = 1;
  let last = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i + 1;
  }
  return { line, column: text.length - last };
}

export const textParser = {
  meta: { name: '@keyless/eslint-plugin/text-parser', version: '0.1.0' },
  parseForESLint(text: string) {
    const loc = { start: { line: 1, column: 0 }, end: endOf(text) };
    return {
      ast: { type: 'Program', body: [], sourceType: 'script', range: [0, text.length], loc, tokens: [], comments: [] },
      visitorKeys: { Program: [] },
    };
  },
};
