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
  const r = remediationFor(d.remediation, d.kind === 'pattern' && d.rotation ? { rotation: d.rotation } : undefined);
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
    '- Weak but real passwords assigned to a password-named key are reported (`hunter22`, `admin123`,',
    '  `Mailpass1234!`, `swordfish!23`): 6+ characters, two character classes, some entropy; a symbol',
    '  makes even a word-based value count. Not',
    '  reported: placeholders and references (`password`, `changeme`, `<password>`, `${PASS}`, `xxx`,',
    '  `your-...`, anything containing `example`, `sample`, `dummy`), values that name or repeat the key',
    '  (`irc_pass` for `IRC_PASS`, `AdminPassword123`), `test`-prefixed values (`testpass`), 5-char',
    '  defaults (`admin`, `guest`) and single lower-case words (`swordfish`, `mongopass`). Those dominate',
    '  code, tests and sample configs; reporting them costs every repository its precision.',
    '- In a config file (JSON, YAML, .env, ini, XML settings, tfvars, .pgpass) a password-named key holds',
    '  the password as written, so a mixed-case value made of words counts there (`roboMongoSSHPass`);',
    '  in code the same text is as often a field name or label, and is not reported. One word alone',
    '  (`Postgres`, `Milvus`, `Swordfish`) is a product default or a name, and is not reported in either.',
    '- User names, host names and e-mail addresses are never reported on their own.',
    '- 40 hex characters are a commit SHA unless assigned to a credential-named key (`*_TOKEN`,',
    '  `oauth_token`, `api_key`), where they are a classic GitHub / OAuth token; GUIDs are identifiers,',
    '  except an `.npmrc` `_authToken` (legacy npm tokens were UUIDs), reported with its `_authToken=` key.',
    '- Credential files are recognised by their own syntax, not their names: `.netrc` entries, `.npmrc`',
    '  `_auth`/`_password`/`_authToken`, docker `auth` (base64 of `user:password`), PuTTY `Private-Lines`,',
    '  Firefox `encryptedUsername`/`encryptedPassword` (opened by the profile\'s `key4.db`); only `.pgpass`',
    '  and Rails `config/master.key` / `config/credentials/*.key` are read by path, as their lines carry no key.',
    '- Password hashes (bcrypt, sha-crypt, md5-crypt, apr1, argon2) are reported at medium severity: not',
    '  the password, but crackable offline.',
    '- A string password passed to `login(user, password)`-style calls is reported only when both',
    '  arguments are string literals and the second is not a placeholder, route or identifier.',
    '',
    '| id | title | severity | confidence |',
    '|---|---|---|---|',
    ...sorted.map((d) => `| [${d.id}](#${d.id}) | ${d.title} | ${d.severity} | ${d.confidence} |`),
    '',
    ...sorted.map(section),
  ].join('\n');
}
