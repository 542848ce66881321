/**
 * Application signing secrets of web frameworks, whose values the generic judge cannot accept on
 * its own (they contain code-like punctuation or spaces): Django/Flask `SECRET_KEY`, Rails
 * `secret_key_base`, WordPress authentication keys and salts. Plus a narrow code form: a string
 * password passed to a `login(user, password)`-style call.
 */
import { generatePassword } from '../examples/generate.js';
import { generateDjangoSecretKey, generateHex, generateWordPressSalt } from '../examples/generate-credentials.js';
import { isPlaceholderValue } from '../placeholders.js';
import { shannonEntropy } from '../secret-values.js';
import type { PatternDetector } from '../types.js';

/** Random enough to be a generated key: long, varied, not a placeholder or a reference. */
function isGeneratedKey(secret: string, minEntropy: number): boolean {
  return !isPlaceholderValue(secret) && !/\$\{|\{\{|%\(/.test(secret) && shannonEntropy(secret) >= minEntropy && !/(.)\1{5}/.test(secret);
}

export const frameworkSecretKey: PatternDetector = {
  kind: 'pattern',
  id: 'framework-secret-key',
  rotation: {
    provider: 'Django / Flask / Rails',
    credential: 'secret key',
    steps: ['Generate a new key (Django: `get_random_secret_key()`, Flask: `secrets.token_hex()`, Rails: `bin/rails secret`) and set it from the environment: sessions, signed cookies and password-reset links signed with the leaked key stop working, as they must (do not list the leaked key in Django\'s `SECRET_KEY_FALLBACKS`).'],
    url: 'https://docs.djangoproject.com/en/stable/ref/settings/#secret-key-fallbacks',
  },
  title: 'Web framework secret key (Django / Flask SECRET_KEY, Rails secret_key_base)',
  description:
    'A literal `SECRET_KEY = \'...\'` (Django, Flask) or `secret_key_base: ...` (Rails `secrets.yml`): it signs sessions, cookies and password-reset tokens, so whoever has it can forge them.',
  severity: 'high',
  confidence: 'high',
  priority: 46,
  keywords: ['secret_key'],
  pattern:
    /(?<![\w.-])(?:SECRET_KEY["']?\]?[ \t]*[:=][ \t]*[rbu]?["']|secret_key_base["']?[ \t]*[:=][ \t]*["']?)(?<secret>[^"'\\\s]{32,256})/g,
  validate: (secret, match) =>
    match[0].startsWith('secret_key_base') ? /^[0-9a-f]{64,256}$/.test(secret) && isGeneratedKey(secret, 3.0) : isGeneratedKey(secret, 3.5),
  remediation: 'generic-secret',
  examples: () => ({
    positive: [
      `SECRET_KEY = '${generateDjangoSecretKey(241)}'`,
      `app.config['SECRET_KEY'] = "${generateDjangoSecretKey(242)}"`,
      `production:\n  secret_key_base: ${generateHex(243, 128)}\n`,
    ],
    negative: [
      "SECRET_KEY = os.environ['SECRET_KEY']",
      "SECRET_KEY = 'django-insecure-change-me-before-deploying-please'",
      'secret_key_base: <%= ENV["SECRET_KEY_BASE"] %>',
      `secret_key_base: ${'0'.repeat(128)}`,
    ],
  }),
};

export const wordpressSalt: PatternDetector = {
  kind: 'pattern',
  id: 'wordpress-auth-salt',
  rotation: {
    provider: 'WordPress',
    credential: 'keys and salts',
    steps: ['Replace all eight keys and salts in wp-config.php with new values from the WordPress.org secret-key service: every login cookie signed with the leaked ones stops working.'],
    url: 'https://api.wordpress.org/secret-key/1.1/salt/',
  },
  title: 'WordPress authentication key or salt',
  description:
    'A `define(\'AUTH_KEY\', \'...\')`-style WordPress key or salt (`AUTH`, `SECURE_AUTH`, `LOGGED_IN`, `NONCE` `_KEY`/`_SALT`) in `wp-config.php`: it signs login cookies. The shipped `put your unique phrase here` placeholder is not reported.',
  severity: 'high',
  confidence: 'high',
  priority: 46,
  keywords: ['AUTH_KEY', 'AUTH_SALT', 'LOGGED_IN_KEY', 'LOGGED_IN_SALT', 'NONCE_KEY', 'NONCE_SALT'],
  pattern:
    /define\([ \t]*["'](?:SECURE_AUTH|AUTH|LOGGED_IN|NONCE)_(?:KEY|SALT)["'][ \t]*,[ \t]*["'](?<secret>[^"'\\\r\n]{32,128})["']/g,
  validate: (secret) => isGeneratedKey(secret, 4.0),
  remediation: 'generic-secret',
  examples: () => ({
    positive: [`define('AUTH_KEY',         '${generateWordPressSalt(251)}');`, `define( "NONCE_SALT", "${generateWordPressSalt(252)}" );`],
    negative: ["define('AUTH_KEY', 'put your unique phrase here');", "define('AUTH_KEY', getenv('WP_AUTH_KEY'));"],
  }),
};

export const loginCallPassword: PatternDetector = {
  kind: 'pattern',
  id: 'login-call-password',
  title: 'Password literal passed to a login call',
  description:
    'A string literal password passed as the second argument of a `login` / `logIn` / `signIn` / `authenticate` call whose first argument is a string literal user name (`conn.login(\'user@contoso.com\', \'...\')`). Calls with variables, placeholders or empty strings are not reported.',
  severity: 'high',
  confidence: 'medium',
  priority: 35,
  keywords: ['login(', 'logIn(', 'signIn(', 'authenticate('],
  pattern:
    /\.(?:log[iI]n|signIn|authenticate)\([ \t]*["'][^"'\\\s]{1,100}["'][ \t]*,[ \t]*["'](?<secret>[^"'\\\s]{6,128})["']/g,
  validate: (secret, match) =>
    !/\([ \t]*["']\//.test(match[0]) && // a route (`router.login('/login', ...)`), not a user name
    !isPlaceholderValue(secret) &&
    !/^(?:pass(?:word)?|passwd|secret)$/i.test(secret) &&
    !/^(?:[a-z]+|[A-Z][a-z]+)(?:[A-Z][a-z]+)+$/.test(secret) && // camelCase / PascalCase words: a name, not a password
    !/[/\\]/.test(secret) &&
    new Set(secret).size >= 5,
  remediation: 'generic-secret',
  examples: () => ({
    positive: [`conn.login('ops@contoso.com', '${generatePassword(261, 14)}', callback);`, `await client.authenticate("svc-reporting", "${generatePassword(262, 12)}")`],
    negative: [
      "conn.login('user@contoso.com', settings.sfPassword)",
      "router.login('/login', 'LoginController')",
      "auth.authenticate('local', 'sessionStrategy')",
      "conn.login('user', '<password>')",
      "auth.signIn('alice', 'password')",
      'login(user, pass)',
    ],
  }),
};

export const frameworkSecretDetectors: readonly PatternDetector[] = [frameworkSecretKey, wordpressSalt, loginCallPassword];
