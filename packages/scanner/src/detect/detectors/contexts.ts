/**
 * Secrets recognised by where they are written rather than by their own shape: an `Authorization:
 * Bearer|Basic` header value, `curl -u user:password`, a credential passed as a CLI argument
 * (`--password`, `--token`, `docker login -p`, `huggingface-cli login --token`, `mysql -p...`) and a
 * literal compared with a secret-named variable (`if (apiKey == "...")`), a SQL login statement
 * (`IDENTIFIED BY '...'`, `WITH PASSWORD '...'`). Precision first: every
 * value must also pass the generic secret-value judge (generic-assignment.ts) for the key it stands
 * for, so references, placeholders, words and identifiers are not reported.
 */
import { decodeBase64, encodeBase64 } from '../encoding.js';
import { generatePassword } from '../examples/generate.js';
import { genericSecretAssignment } from './generic-assignment.js';
import { latin1Bytes } from '../checksums/crc32.js';
import { secretKeyKind } from '../key-names.js';
import { ALPHABETS } from '../examples/prng.js';
import { rngFor } from './provider-token.js';
import { looksGenerated } from './token-shape.js';
import type { PatternDetector } from '../types.js';

const judge = (value: string, key: string): boolean => genericSecretAssignment.acceptsValue(value, key, 'code');

/** The user:password inside a Basic credential, when it decodes to one. */
function basicPassword(b64: string): string | undefined {
  const bytes = decodeBase64(b64);
  if (!bytes) return undefined;
  let text = '';
  for (const b of bytes) {
    if (b < 0x20 || b > 0x7e) return undefined;
    text += String.fromCharCode(b);
  }
  const colon = text.indexOf(':');
  return colon > 0 ? text.slice(colon + 1) : undefined;
}

const bearer = (seed: number): string => rngFor('bearer', seed).chars(ALPHABETS.base64url, 40);

export const authorizationHeader: PatternDetector = {
  kind: 'pattern',
  id: 'authorization-header-credential',
  title: 'Credential in an Authorization header',
  description:
    'A literal `Bearer` token or `Basic` credential (base64 of `user:password`) in an Authorization header or string. The token must look generated (length, mixed characters, no filler); the Basic password must pass the secret-value judge.',
  severity: 'high',
  confidence: 'medium',
  priority: 40,
  keywords: ['bearer', 'basic'],
  pattern: /(?<![A-Za-z0-9_])(?<scheme>Bearer|Basic)[ \t]+(?<secret>[A-Za-z0-9._~+/-]{16,2048}={0,2})(?![A-Za-z0-9._~+/=-])/gi,
  window: { before: 10, after: 2060 },
  validate: (secret, match) => {
    if (match.groups?.['scheme']?.toLowerCase() === 'basic') {
      const pw = basicPassword(secret);
      return pw !== undefined && judge(pw, 'password');
    }
    return secret.length >= 20 && looksGenerated(secret) && /[0-9]/.test(secret) && /[A-Za-z]/.test(secret) && judge(secret, 'token');
  },
  remediation: 'generic-secret',
  examples: () => ({
    positive: [
      `curl -H "Authorization: Bearer ${bearer(1)}" https://api.contoso.com/v1/orders`,
      `headers = {"Authorization": "Basic ${encodeBase64(latin1Bytes(`deploy:${generatePassword(2, 14)}`))}"}`,
    ],
    negative: [
      'curl -H "Authorization: Bearer $TOKEN" https://api.contoso.com',
      'headers["Authorization"] = f"Bearer {token}"',
      'Authorization: Bearer <token>',
      `Authorization: Basic ${encodeBase64(latin1Bytes('user:password'))}`,
      'This is a basic introduction to the bearer authentication scheme used by the service',
    ],
  }),
};

export const curlUserPassword: PatternDetector = {
  kind: 'pattern',
  id: 'cli-user-password',
  title: 'Password in a curl / wget user argument',
  description: 'A literal `user:password` after `curl -u` / `--user` (or `wget --password`), as typed in scripts, READMEs and shell history.',
  severity: 'high',
  confidence: 'medium',
  priority: 45,
  keywords: ['-u ', '--user'],
  pattern: /(?<![A-Za-z0-9_-])(?:-u|--user)(?:[ \t]+|=)["']?[A-Za-z0-9._@+-]{1,64}:(?<secret>[^\s'"]{4,128})/g,
  window: { before: 300, after: 200 },
  validate: (secret, match) => /\b(?:curl|wget|http)/i.test(match.input) && judge(secret, 'password'),
  remediation: 'generic-secret',
  examples: () => ({
    positive: [`curl -u admin:${generatePassword(3, 14)} https://build.contoso.com/api/json`, `curl --user "deploy:${generatePassword(4, 12)}" -X POST https://x.contoso.com`],
    negative: ['docker run -u 1000:1000 image', 'curl -u "$USER:$PASS" https://x.contoso.com', 'curl -u admin:password https://localhost', 'git push -u origin main'],
  }),
};

/** Flag -> what kind of secret follows it. */
const FLAG_KEY: Record<string, string> = { '--password': 'password', '--passwd': 'password', '-p': 'password', '--token': 'token', '--api-key': 'api_key', '--apikey': 'api_key', '--secret': 'secret', '--client-secret': 'client_secret', '--auth-token': 'token', '--access-token': 'token' };

export const cliCredentialArgument: PatternDetector = {
  kind: 'pattern',
  id: 'cli-credential-argument',
  title: 'Credential passed as a command-line argument',
  description:
    'A literal value after `--password`, `--token`, `--api-key`, `--secret`, `--client-secret` (e.g. `huggingface-cli login --token`, `az login --password`), after `-p` in `docker login` / `az login` / `mysql -p` / `sshpass -p`, or after `-a` in `redis-cli`. The value must pass the secret-value judge.',
  severity: 'high',
  confidence: 'medium',
  priority: 45,
  keywords: ['--pass', '-token', '-secret', '--api', 'login', 'mysql', 'sshpass', 'redis-cli'],
  // A flag starts only after whitespace or a quote: a value's run of characters can then never hold the
  // start of another match, so the scan stays linear (recheck found `x-p=x-p=...` backtracking).
  pattern:
    /(?<![^\s"'`])(?<flag>--(?:password|passwd|token|api-?key|secret|client-secret|auth-token|access-token)|-p|-a)(?:[ \t]+|=|(?<=-p)(?=[^\s-]))["']?(?<secret>[^\s'"`$<>{}()|;&\\]{6,256})["']?(?=[\s;|&)]|$)/g,
  window: { before: 200, after: 270 },
  validate: (secret, match) => {
    const flag = match.groups?.['flag'] ?? '';
    if (flag === '-p' && !/\b(?:docker|podman|helm|oras|nerdctl|buildah|skopeo|az)[ \t]+(?:registry[ \t]+)?login\b|\bmysql(?:dump|admin)?\b|\bsshpass\b/i.test(match.input)) return false;
    if (flag === '-a' && !/\bredis-cli\b/.test(match.input)) return false;
    // A token-length value typed as filler across separators (`A3-9HKKD8-abcdef-12345-789ab`) is not a credential.
    if (secret.length >= 16 && !looksGenerated(secret)) return false;
    return judge(secret, FLAG_KEY[flag] ?? 'password');
  },
  remediation: 'generic-secret',
  examples: () => ({
    positive: [
      `docker login -u deploy -p ${generatePassword(5, 16)} registry.contoso.com`,
      `huggingface-cli login --token ${rngFor('hf-cli', 6).chars(ALPHABETS.base62, 37)}`,
      `az login --service-principal -u http://app --password ${generatePassword(7, 20)} --tenant contoso.onmicrosoft.com`,
      `mysql -h db -u root -p${generatePassword(8, 12)} orders`,
      `sshpass -p '${generatePassword(11, 14)}' ssh deploy@web01.contoso.net`,
      `redis-cli -h cache.contoso.net -a ${generatePassword(12, 16)} ping`,
      `az login --service-principal -u http://app -p ${generatePassword(13, 20)} --tenant contoso.onmicrosoft.com`,
    ],
    negative: [
      'mkdir -p build/output',
      'docker login -u deploy -p $REGISTRY_PASSWORD registry.contoso.com',
      'echo "$PW" | docker login --password-stdin -u deploy',
      'huggingface-cli login --token ${{ secrets.HF_TOKEN }}',
      'docker run -p 8080:80 nginx',
      `tar -a ${generatePassword(14, 12)} -cf out.tar`,
      'redis-cli -h cache -a $REDIS_PASSWORD ping',
      'tool --token <your-token>',
      'deploy-tool login --token A3-9HKKD8-abcdef-12345-789ab-def01-34567 --region eu',
    ],
  }),
};

export const secretComparison: PatternDetector = {
  kind: 'pattern',
  id: 'secret-comparison',
  title: 'Secret literal compared with a secret-named variable',
  description: 'A literal compared with a variable named like a secret (`if (apiKey == "...")`, `password === \'...\'`): a hard-coded credential check. The literal must pass the secret-value judge for that name.',
  severity: 'high',
  confidence: 'medium',
  priority: 40,
  keywords: ['pass', 'pwd', 'secret', 'token', 'apikey', 'api_key', 'accesskey', 'access_key'],
  pattern: /(?<![A-Za-z0-9_$.])(?<name>[A-Za-z_$][A-Za-z0-9_$]{0,60}(?:\.[A-Za-z_$][A-Za-z0-9_$]{0,60}){0,3})[ \t]*(?:===?|!==?)[ \t]*["'`](?<secret>[^"'`\s\\]{6,256})["'`]/g,
  window: { before: 300, after: 300 },
  validate: (secret, match) => {
    const name = (match.groups?.['name'] ?? '').split('.').pop() ?? '';
    return secretKeyKind(name) !== undefined && judge(secret, name);
  },
  remediation: 'generic-secret',
  examples: () => ({
    positive: [`if (apiKey == "${rngFor('cmp', 9).chars(ALPHABETS.base62, 32)}") { allow(); }`, `if req.headers.token != '${rngFor('cmp', 10).chars(ALPHABETS.base62, 28)}':`],
    negative: ['if (password == "") return;', 'if (token === undefined) {', "if (apiKey === 'your-api-key') {", 'if (passwordMode == "strict")'],
  }),
};

export const sqlUserPassword: PatternDetector = {
  kind: 'pattern',
  id: 'sql-user-password',
  title: 'Password in a SQL user statement (IDENTIFIED BY, PASSWORD)',
  description:
    "A literal password in a SQL statement that creates or changes a database login: MySQL/MariaDB `IDENTIFIED [WITH plugin] BY '...'` and `PASSWORD('...')`, PostgreSQL `WITH [ENCRYPTED] PASSWORD '...'` (migrations, dumps, `.mysql_history`, `.psql_history`). The value must pass the secret-value judge.",
  severity: 'high',
  confidence: 'medium',
  priority: 40,
  keywords: ['identified', 'password'],
  pattern: /(?<![A-Za-z0-9_])(?:IDENTIFIED[ \t]+(?:WITH[ \t]+[A-Za-z0-9_$]{1,64}[ \t]+)?BY|PASSWORD)[ \t]*(?:\([ \t]*)?'(?<secret>[^'\\\s]{1,128})'/gi,
  window: { before: 0, after: 260 },
  validate: (secret) => judge(secret, 'password'),
  remediation: 'generic-secret',
  examples: () => ({
    positive: [
      `CREATE USER 'app'@'%' IDENTIFIED BY '${generatePassword(15, 14)}';`,
      `ALTER USER 'root'@'localhost' IDENTIFIED WITH mysql_native_password BY '${generatePassword(16, 14)}';`,
      `SET PASSWORD FOR 'app'@'localhost' = PASSWORD('${generatePassword(17, 14)}');`,
      `CREATE ROLE app WITH LOGIN ENCRYPTED PASSWORD '${generatePassword(18, 14)}';`,
    ],
    negative: [
      "CREATE USER 'app'@'%' IDENTIFIED BY 'password';",
      "CREATE USER app WITH PASSWORD '${DB_PASSWORD}';",
      "ALTER USER 'app'@'%' IDENTIFIED BY '<your password>';",
      'CREATE USER app IDENTIFIED BY :password;',
    ],
  }),
};

export const contextDetectors: readonly PatternDetector[] = [authorizationHeader, curlUserPassword, cliCredentialArgument, secretComparison, sqlUserPassword];
