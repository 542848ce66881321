import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { tfvarsReader } from '../../src/formats/tfvars.js';
import { at, fake, scan } from './helpers.js';

const pw = fake(31);
const pw2 = fake(32);

describe('tfvars / bicepparam reader', () => {
  test('terraform.tfvars: top-level, nested maps, lists, comments, heredoc', () => {
    const text = `# prod
location        = "westeurope"
admin_password  = "${pw}" // inline comment
database = {
  name     = "orders"
  password = "${pw2}"
}
secret_list = ["${pw}", "${pw2}"]
/* block
   comment with password = "not-read" */
db_secret = <<EOT
${pw}
EOT
`;
    assert.deepEqual(scan('env/prod.auto.tfvars', text).findings, [
      at('test-password', 'admin_password', pw, 3, 20),
      at('test-password', 'database:password', pw2, 6, 15),
      at('test-password', 'secret_list', pw, 8, 17),
      at('test-password', 'secret_list', pw2, 8, 21 + pw.length),
      at('test-password', 'db_secret', pw, 12, 1),
    ]);
  });

  test('a string with escapes is transformed', () => {
    const text = `sql_password = "${pw}\\"x"\n`;
    const [c] = tfvarsReader.read(text, 'a.tfvars').candidates;
    assert.deepEqual([c?.key, c?.value, c?.start, c?.end, c?.transformed], ['sql_password', `${pw}"x`, 16, 16 + pw.length + 3, true]);
  });

  test('main.bicepparam: param name = value; function arguments are not values', () => {
    const text = `using './main.bicep'

param location = 'westeurope'
param adminPassword = '${pw}'
param sqlPassword = az.getSecret('sub', 'rg', 'kv', 'sqlPassword')
`;
    assert.deepEqual(scan('infra/main.bicepparam', text).findings, [at('test-password', 'adminPassword', pw, 4, 24)]);
  });

  test('unbalanced brackets and unterminated strings throw', () => {
    assert.throws(() => tfvarsReader.read('a = {\n  b = "c"\n', 'x.tfvars'), /^Error: unclosed '\{' at line 1, column 5$/);
    assert.throws(() => tfvarsReader.read('a = "c\n', 'x.tfvars'), /^Error: unterminated string at line 1, column 5$/);
    assert.throws(() => tfvarsReader.read('a = [1 }', 'x.tfvars'), /^Error: unexpected '\}' at line 1, column 8$/);
  });
});
