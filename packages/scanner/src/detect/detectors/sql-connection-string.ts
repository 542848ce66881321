/**
 * Passwords in SQL connection strings (ADO.NET, JDBC, ODBC): `Password=` / `Pwd=` with a literal
 * value, on a line that looks like a connection string (server/host/driver/user/database fields).
 *
 * The value is read as the driver reads it: quoted (`'p;w'`, `"p;w"`) or ODBC-braced (`{p;w}`, `}}`
 * escapes a brace) values run to their closing quote or brace; bare values run to `;`, quotes or
 * white space. `&` belongs to the password unless it starts the next `name=` parameter of a URL-style
 * string (`?user=a&password=b&ssl=true`), so a password is never cut in two (and half of it shown).
 */
import { generatePassword } from '../examples/generate.js';
import { isPlaceholderValue } from '../placeholders.js';
import type { PatternDetector } from '../types.js';

const CONNECTION_FIELDS =
  /(?:server|data source|host(?:name)?|jdbc:|driver|uid|user id|user(?:name)?|database|initial catalog|addr(?:ess)?)\s*=|jdbc:[a-z]+:/i;

export const sqlConnectionStringPassword: PatternDetector = {
  kind: 'pattern',
  id: 'sql-connection-string-password',
  title: 'Password in a SQL connection string',
  description: 'A literal `Password=` / `Pwd=` in an ADO.NET, JDBC or ODBC connection string (not empty, not a placeholder or variable).',
  severity: 'high',
  confidence: 'medium',
  priority: 60,
  keywords: ['password', 'pwd'],
  pattern:
    /(?<![A-Za-z0-9_.-])(?:password|pwd)[ \t]*=[ \t]*['"{]?(?<secret>(?<=')[^'\s][^'\r\n]{0,127}(?=')|(?<=")[^"\s+][^"\r\n]{0,127}(?=")|(?<=\{)(?:[^}\r\n]|\}\}){1,128}(?=\})|(?<!['"{])(?:[^;'"\s{}<>&]|&(?![A-Za-z_]{1,30}=)){1,128})/gi,
  validate: (secret, match) =>
    secret.length >= 4 &&
    !isPlaceholderValue(secret) &&
    !/passw(?:or)?d/i.test(secret) &&
    CONNECTION_FIELDS.test(match.input.replace(match[0], ' ')),
  remediation: 'sql-password',
  examples: () => {
    const pw = generatePassword(61, 14);
    return {
      positive: [
        `"Sql": "Server=tcp:contoso.database.windows.net,1433;Initial Catalog=orders;User ID=app;Password=${pw};Encrypt=True;"`,
        `jdbc:sqlserver://contoso.database.windows.net:1433;database=orders;user=app@contoso;password=${pw};encrypt=true`,
        `Driver={ODBC Driver 18 for SQL Server};Server=tcp:contoso,1433;Uid=app;Pwd={${pw}};`,
        `Server=tcp:contoso.database.windows.net;Database=orders;User ID=app;Password=${pw.slice(0, 6)}&${pw.slice(6)};`,
        `Server=contoso;Database=orders;User ID=app;Password='${pw.slice(0, 5)};${pw.slice(5)}';`,
        `Driver={ODBC Driver 18 for SQL Server};Server=contoso;Uid=app;Pwd={${pw.slice(0, 4)}}}${pw.slice(4)}};`,
        `jdbc:postgresql://db.contoso.com:5432/orders?user=app&password=${pw}&ssl=true`,
      ],
      negative: [
        'Server=tcp:contoso.database.windows.net;Database=orders;User ID=app;Password={your_password};',
        'Server=contoso;Database=orders;User ID=app;Password=<password>;',
        'Server=contoso;Database=orders;User ID=app;Password=****;',
        'Server=contoso;Database=orders;User ID=app;Password=$(SqlPassword);',
        'Server=contoso;Database=orders;User ID=app;Password=;',
        'Server=contoso;Database=orders;Authentication=Active Directory Default;',
        `password=${pw}`,
      ],
    };
  },
};
