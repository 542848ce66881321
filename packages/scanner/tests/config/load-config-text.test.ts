/** Config text read from a commit (`--config-from base|head`): the same parsing and validation as a file, named by its source. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '../../src/config/config-error.js';
import { loadConfigText } from '../../src/config/load-config.js';

const NAME = '1a2b3c4d5e6f:keyless.config.json';

test('loadConfigText: comments and trailing commas allowed, the value validated', () => {
  assert.deepEqual(loadConfigText('{ // base config\n "exclude": ["docs/**"], }', NAME), { exclude: ['docs/**'] });
});

test('loadConfigText: every problem is one ConfigError line naming the commit and path', () => {
  const cases: [string, string][] = [
    ['{ "exclude": [', `invalid config ${NAME}: not valid JSON (CloseBracketExpected at line 1)`],
    ['{ "rules": { "no-such-rule": "off" } }', `invalid config ${NAME}: /rules/no-such-rule is not a known rule id (list them with 'keyless explain --list')`],
    ['{ "allowlist": { "values": ["("] } }', `invalid config ${NAME}: /allowlist/values/0 is not a valid regular expression`],
  ];
  for (const [text, message] of cases) {
    assert.throws(() => loadConfigText(text, NAME), (err: unknown) => err instanceof ConfigError && err.message === message, text);
  }
});
