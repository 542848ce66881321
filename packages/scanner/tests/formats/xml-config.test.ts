import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readerFor } from '../../src/formats/index.js';
import { xmlConfigReader } from '../../src/formats/xml-config.js';
import { at, fake, scan } from './helpers.js';

const pw = fake(41);
const pw2 = fake(42);

describe('xml config reader', () => {
  test('web.config appSettings, connectionStrings, applicationSettings and element text', () => {
    const text = `<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <!-- <add key="OldSecret" value="commented out" /> -->
  <appSettings>
    <add key="ClientSecret" value="${pw}" />
    <add key="ClientId" value="00000000-0000-0000-0000-000000000000" />
  </appSettings>
  <applicationSettings>
    <My.Settings>
      <setting name="ApiSecret" serializeAs="String">
        <value>${pw2}</value>
      </setting>
    </My.Settings>
  </applicationSettings>
  <system.net><mailSettings><smtp><network host="smtp.example.test" password='${pw}' /></smtp></mailSettings></system.net>
  <Password>
    ${pw2}
  </Password>
</configuration>
`;
    assert.deepEqual(scan('src/Web.config', text).findings, [
      at('test-password', 'configuration:appSettings:add:ClientSecret', pw, 5, 36),
      at('test-password', 'configuration:applicationSettings:My.Settings:setting:ApiSecret', pw2, 11, 16),
      at('test-password', 'configuration:system.net:mailSettings:smtp:network:password', pw, 15, 79),
      at('test-password', 'configuration:Password', pw2, 17, 5),
    ]);
  });

  test('entities make a value transformed', () => {
    const text = `<configuration><add key="DbPassword" value="${pw}&amp;x" /></configuration>`;
    const c = xmlConfigReader.read(text, 'app.config').candidates.find((x) => x.key === 'DbPassword');
    assert.deepEqual([c?.value, c?.start, c?.end, c?.transformed], [`${pw}&x`, 44, 44 + pw.length + 6, true]);
  });

  test('project files and *.xml are read; .resx and .svg are not', () => {
    assert.equal(readerFor('src/App/App.csproj', '').name, 'xml');
    assert.equal(readerFor('settings.xml', '').name, 'xml');
    assert.equal(readerFor('Resources.resx', '').name, 'text');
    assert.equal(readerFor('logo.svg', '').name, 'text');
  });

  test('mismatched tags fall back to text with a warning', () => {
    const text = `<configuration>\n  <appSettings>\n</configuration>\n`;
    assert.deepEqual(scan('web.config', text), {
      findings: [],
      warning: 'web.config: could not be read as xml (unexpected </configuration> at line 3, column 1 (open: <appSettings>)); scanned as plain text',
    });
  });

  test('a *.config file that is not XML is not silently read as empty', () => {
    assert.throws(() => xmlConfigReader.read(`password = "${pw}"\n`, 'tool.config'), /no XML element found/);
    assert.deepEqual(scan('tool.config', `password = "${pw}"\n`).findings, [at('test-password', 'password', pw, 1, 13)]);
  });
});
