/**
 * Reading endpoints out of connection strings that are visible in the file (a literal, or a `const`
 * initialised with one), so a suggestion can name the real account / namespace instead of a placeholder.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import type { SourceCode } from '@typescript-eslint/utils/ts-eslint';
import { processEnvName, resolveConstValue, staticString, trailingName } from './ast.js';

/** `k=v;k=v` -> lower-cased keys to values. */
function parseSettings(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
  }
  return out;
}

/**
 * The static text of a connection-string argument, through `const`s, if it is in the file. In a
 * template literal the interpolations are left out (they hold the key, not the account or endpoint).
 */
export function connectionStringText(sourceCode: Readonly<SourceCode>, node: TSESTree.Node): string | undefined {
  const value = resolveConstValue(sourceCode, node);
  if (value.type === AST_NODE_TYPES.TemplateLiteral) return value.quasis.map((q) => q.value.cooked ?? '').join('');
  return staticString(value);
}

/** Storage service endpoint (`https://<account>.<service>.core.windows.net`) from a connection string. */
export function storageServiceUrl(text: string | undefined, service: 'blob' | 'queue' | 'table' | 'dfs'): string | undefined {
  if (!text) return undefined;
  const s = parseSettings(text);
  const explicit = s.get(`${service === 'dfs' ? 'blob' : service}endpoint`);
  if (explicit && service !== 'dfs') return explicit;
  const account = s.get('accountname');
  if (!account || !/^[a-z0-9]{3,24}$/.test(account)) return undefined;
  const suffix = s.get('endpointsuffix') ?? 'core.windows.net';
  return `https://${account}.${service}.${suffix}`;
}

/** `Endpoint=sb://<ns>.servicebus.windows.net/` -> `<ns>.servicebus.windows.net`. */
export function serviceBusNamespace(text: string | undefined): string | undefined {
  const endpoint = text ? parseSettings(text).get('endpoint') : undefined;
  const m = endpoint ? /^sb:\/\/([A-Za-z0-9.-]{1,253})\/?$/.exec(endpoint) : null;
  return m?.[1];
}

/** `AccountEndpoint=https://<acct>.documents.azure.com:443/` -> that URL. */
export function cosmosEndpoint(text: string | undefined): string | undefined {
  const endpoint = text ? parseSettings(text).get('accountendpoint') : undefined;
  return endpoint && /^https:\/\/[A-Za-z0-9.-]{1,253}(:\d{1,5})?\/?$/.test(endpoint) ? endpoint : undefined;
}

const CONNECTION_NAME = /conn(ection)?_?str|connection|_cs$/i;

/**
 * Does this argument evidently hold a connection string? A literal with `Endpoint=` /
 * `AccountEndpoint=` / `AccountKey=`, a `process.env` variable or identifier named like one.
 */
export function looksLikeConnectionString(sourceCode: Readonly<SourceCode>, node: TSESTree.Node): boolean {
  const resolved = resolveConstValue(sourceCode, node);
  const text = staticString(resolved);
  if (text !== undefined) return /(?:^|;)\s*(?:Account)?Endpoint=|AccountKey=|SharedAccessKey=/i.test(text);
  if (resolved.type === AST_NODE_TYPES.TemplateLiteral) {
    return resolved.quasis.some((q) => /Endpoint=|AccountKey=|SharedAccessKey=/i.test(q.value.raw));
  }
  const env = processEnvName(resolved);
  if (env !== undefined) return CONNECTION_NAME.test(env);
  const name = trailingName(resolved);
  return name !== undefined && CONNECTION_NAME.test(name);
}

/** A `new XCredential()` or a name that says credential: the token-credential overload is in use. */
export function looksLikeCredential(sourceCode: Readonly<SourceCode>, node: TSESTree.Node): boolean {
  const resolved = resolveConstValue(sourceCode, node);
  if (resolved.type === AST_NODE_TYPES.NewExpression) {
    const name = trailingName(resolved.callee);
    return name !== undefined && /Credential$/.test(name);
  }
  const name = trailingName(resolved);
  return name !== undefined && /cred/i.test(name);
}
