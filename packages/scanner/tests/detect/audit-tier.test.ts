/**
 * The audit tier (`--confidence low`) in the credential files users commit by mistake: a weak or
 * sample password (`password`, `dummy-pass`, `testpass`) under a password key, on an rc-file
 * `password <value>` line, in a `.pgpass` entry, an XML attribute or element, or in a URL to a remote
 * host, is found with its exact position; the default gate reports none of them; what only stands
 * for a value (`<password>`, `your_password`, `changeme`, `****`, `${X}`) is never a finding.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { allDetectors, catalog } from '../../src/detect/catalog.js';
import { createEngine } from '../../src/detect/engine.js';
import { generatePassword } from '../../src/detect/examples/generate.js';
import { scanContent } from '../../src/pipeline/scan-content.js';

const audit = createEngine(allDetectors);
const precise = createEngine(catalog);

/** [rule, line, column (1-based), secret] of every finding. */
function findings(engine: ReturnType<typeof createEngine>, path: string, text: string): [string, number, number, string][] {
  return scanContent(text, path, engine).matches.map(({ match: m }) => {
    const before = text.slice(0, m.start);
    const line = before.split('\n').length;
    return [m.detector.id, line, m.start - before.lastIndexOf('\n'), m.secret];
  });
}

const word = ['pass', 'word'].join('');
const dummy = ['dummy', 'pass'].join('-');
const testpass = ['test', 'pass'].join('');

const CASES: readonly { name: string; path: string; text: string; expected: [string, number, number, string][] }[] = [
  {
    name: 'rc-file directive with the word password',
    path: '.esmtprc',
    text: `hostname smtp.contoso.com:587\nusername "mailer@contoso.com"\npassword "${word}"\nstarttls required\n`,
    expected: [
      ['credential-username', 2, 11, 'mailer@contoso.com'],
      ['weak-password-directive', 3, 11, word],
    ],
  },
  {
    name: '.pgpass entry',
    path: 'db/.pgpass',
    text: `#hostname:port:database:username:password\ndb.contoso.com:5432:orders:app:${word}\n`,
    expected: [['weak-password-assignment', 2, 32, word]],
  },
  {
    name: 'XML attribute (DBeaver data sources)',
    path: 'db/data-sources.xml',
    text: `<data-sources>\n  <connection host="db" port="1521" user="app" password="${word}"/>\n</data-sources>\n`,
    expected: [['weak-password-assignment', 2, 58, word]],
  },
  {
    name: 'XML element (FileZilla site manager)',
    path: 'filezilla/sitemanager.xml',
    text: `<Servers>\n  <Server>\n    <User>deploy</User>\n    <Pass>${['Sample', 'Pass', '12'].join('')}</Pass>\n  </Server>\n</Servers>\n`,
    expected: [
      ['credential-username', 3, 11, 'deploy'],
      ['weak-password-assignment', 4, 11, ['Sample', 'Pass', '12'].join('')],
    ],
  },
  {
    name: 'sample password in a shell profile',
    path: '.bash_profile',
    text: `export RDS_HOST='orders.contoso.net'\nexport RDS_PASSWORD='${dummy}'\n`,
    expected: [['weak-password-assignment', 2, 22, dummy]],
  },
  {
    name: 'weak password in a URL to a remote host',
    path: 'config/mongoid.yml',
    text: `production:\n  clients:\n    default:\n      uri: "mongodb://app:${testpass}@db0.contoso.net:27017/main"\n`,
    expected: [['weak-url-password', 4, 27, testpass]],
  },
];

describe('audit tier: weak and sample passwords in credential files', () => {
  for (const c of CASES) {
    test(`${c.name}: found with --confidence low, at its position`, () => {
      assert.deepEqual(findings(audit, c.path, c.text), c.expected);
    });
    test(`${c.name}: not reported by the default gate`, () => {
      assert.deepEqual(findings(precise, c.path, c.text), []);
    });
  }

  test('a strong rc-file password is reported by the default gate (password-directive)', () => {
    const pw = generatePassword(148, 16);
    const text = `account default\nhost smtp.contoso.com\nuser mailer\npassword ${pw}\n`;
    assert.deepEqual(findings(precise, '.msmtprc', text), [['password-directive', 4, 10, pw]]);
    assert.deepEqual(findings(audit, '.msmtprc', text), [
      ['credential-username', 3, 6, 'mailer'],
      ['password-directive', 4, 10, pw],
    ]);
  });

  test('stand-ins are never findings, even in the audit tier', () => {
    for (const v of ['<password>', 'your_password', 'changeme', '********', '${DB_PASSWORD}', 'null', 'xxxxxx']) {
      assert.deepEqual(findings(audit, '.env', `DB_PASSWORD=${v}\n`), [], v);
      assert.deepEqual(findings(audit, '.esmtprc', `password "${v}"\n`), [], v);
      assert.deepEqual(findings(audit, 'app.yml', `url: postgres://app:${v}@db.contoso.net/orders\n`), [], v);
    }
  });

  test('weak URL passwords for local, bare-service and documentation hosts are not findings', () => {
    for (const host of ['localhost', '127.0.0.1', 'db', 'db.example.com']) {
      assert.deepEqual(findings(audit, 'app.yml', `url: mongodb://app:${testpass}@${host}:27017/main\n`), [], host);
    }
  });
});

describe('audit tier: the user name written beside a password (credential-username)', () => {
  const strong = generatePassword(157, 14);
  const USERNAME_CASES: readonly { name: string; path: string; text: string; expected: [string, number, number, string][] }[] = [
    {
      name: '.env with a comment line between name and password',
      path: 'web/.env',
      text: `DB_HOST=db.contoso.net\nDB_USERNAME=orders\n# Risk\nDB_PASSWORD=${strong}\n`,
      expected: [
        ['credential-username', 2, 13, 'orders'],
        ['generic-secret-assignment', 4, 13, strong],
      ],
    },
    {
      name: 'JSON (SFTP deployment config)',
      path: 'deployment-config.json',
      text: `{\n  "host": "ftp.contoso.com",\n  "user": "deploy",\n  "pass": "${strong}"\n}\n`,
      expected: [
        ['credential-username', 3, 12, 'deploy'],
        ['generic-secret-assignment', 4, 12, strong],
      ],
    },
    {
      name: 'PHP define() (wp-config)',
      path: 'wp-config.php',
      text: `<?php\ndefine( 'DB_USER', 'wp' );\ndefine( 'DB_PASSWORD', '${strong}' );\n`,
      expected: [
        ['credential-username', 2, 21, 'wp'],
        ['generic-secret-assignment', 3, 25, strong],
      ],
    },
  ];
  for (const c of USERNAME_CASES) {
    test(`${c.name}: the name is found with --confidence low, at its position`, () => {
      assert.deepEqual(findings(audit, c.path, c.text), c.expected);
    });
    test(`${c.name}: the default gate reports only the password`, () => {
      assert.deepEqual(findings(precise, c.path, c.text), c.expected.filter(([rule]) => rule !== 'credential-username'));
    });
  }

  test('a user name without a literal password within three lines is not reported', () => {
    for (const text of [
      'DB_USERNAME=orders\nDB_PASSWORD=${DB_PASSWORD}\n',
      'DB_USERNAME=orders\nDB_PASSWORD=<password>\n',
      `DB_USERNAME=orders\n\n\n\nDB_PASSWORD=${strong}\n`,
      'username = getUser()\npassword = process.env.DB_PASSWORD\n',
      `"user_id": "deploy",\n"password": "${strong}"\n`,
      'DB_USERNAME=${DB_USER}\nDB_PASSWORD=hunter2x\n',
      // A literal that no rule reports (a stand-in): its user name is no finding either.
      'DB_USERNAME=orders\nDB_PASSWORD=mypassword_here\n',
    ]) {
      assert.deepEqual(
        findings(audit, '.env', text).filter(([rule]) => rule === 'credential-username'),
        [],
        text,
      );
    }
  });
});

