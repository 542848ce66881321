/**
 * Reading endpoints out of connection strings that are visible in the file (a literal, or a `const`
 * initialised with one), so a suggestion can name the real account / namespace instead of a placeholder.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../ast-node-types.js';
import type { SourceCode } from '@typescript-eslint/utils/ts-eslint';
import { processEnvName, resolveConstValue, staticString, trailingName, unwrapExpression } from './ast.js';

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
const MAX_HOPS = 4;

/**
 * The value behind the usual wrappers of a configuration read: `x || ""`, `x ?? ""`, `x!`, `x as T`,
 * `String(x)`, `` `${x}` ``. Fallback literals are dropped: they are what the code uses when the
 * real value is missing.
 */
export function configuredValue(node: TSESTree.Node): TSESTree.Node {
  let n = unwrapExpression(node);
  for (let i = 0; i < MAX_HOPS; i++) {
    if (n.type === AST_NODE_TYPES.LogicalExpression && n.operator !== '&&') n = unwrapExpression(n.left);
    else if (
      n.type === AST_NODE_TYPES.CallExpression &&
      n.callee.type === AST_NODE_TYPES.Identifier &&
      n.callee.name === 'String' &&
      n.arguments.length === 1 &&
      n.arguments[0]!.type !== AST_NODE_TYPES.SpreadElement
    ) {
      n = unwrapExpression(n.arguments[0]!);
    } else if (n.type === AST_NODE_TYPES.TemplateLiteral && n.expressions.length === 1 && n.quasis.every((q) => q.value.raw === '')) {
      n = unwrapExpression(n.expressions[0]!);
    } else break;
  }
  return n;
}

/** Does the expression's own name (variable, property, environment variable) say `pattern`? */
function namedLike(node: TSESTree.Node, pattern: RegExp): boolean {
  const env = processEnvName(node);
  if (env !== undefined) return pattern.test(env);
  const name = trailingName(node);
  return name !== undefined && pattern.test(name);
}

/**
 * Does this argument evidently hold a connection string? A literal with `Endpoint=` /
 * `AccountEndpoint=` / `AccountKey=`, or a `process.env` variable, variable or config property named
 * like one, read directly or through `|| ""`, `?? ""`, `!`, `String()`, and `const`s.
 */
export function looksLikeConnectionString(sourceCode: Readonly<SourceCode>, node: TSESTree.Node): boolean {
  let current = configuredValue(node);
  for (let i = 0; i < MAX_HOPS; i++) {
    // The name decides first: a placeholder literal in `const connectionString = "<...>"` is one too.
    if (namedLike(current, CONNECTION_NAME)) return true;
    const resolved = configuredValue(resolveConstValue(sourceCode, current, 1));
    if (resolved === current) break;
    current = resolved;
  }
  const text = staticString(current);
  if (text !== undefined) return /(?:^|;)\s*(?:Account)?Endpoint=|AccountKey=|SharedAccessKey=/i.test(text);
  if (current.type === AST_NODE_TYPES.TemplateLiteral) {
    return current.quasis.some((q) => /Endpoint=|AccountKey=|SharedAccessKey=/i.test(q.value.raw));
  }
  return false;
}

/** Words of an identifier (`blobSasUrl` -> blob, sas, url; `SAS_TOKEN` -> sas, token). */
function words(name: string): string[] {
  return (name.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+/g) ?? []).map((w) => w.toLowerCase());
}

/** A name that says shared access signature: a `sas` word, `sasToken`, `sharedAccessSignature`. */
export function isSasName(name: string): boolean {
  return words(name).includes('sas') || /sharedaccesssignature/i.test(name);
}

/**
 * Does a URL argument carry a SAS: a SAS-named value (through the usual wrappers and `const`s), a
 * template literal or `+` concatenation with a SAS-named part, or literal text with `sig=`?
 */
export function urlCarriesSas(sourceCode: Readonly<SourceCode>, node: TSESTree.Node, depth = 2): boolean {
  const value = configuredValue(node);
  const env = processEnvName(value);
  const name = env ?? trailingName(value);
  if (name !== undefined && isSasName(name)) return true;
  if (value.type === AST_NODE_TYPES.TemplateLiteral) {
    if (value.quasis.some((q) => /[?&]sig=/i.test(q.value.raw))) return true;
    return depth > 0 && value.expressions.some((e) => urlCarriesSas(sourceCode, e, depth - 1));
  }
  if (value.type === AST_NODE_TYPES.BinaryExpression && value.operator === '+') {
    return depth > 0 && (urlCarriesSas(sourceCode, value.left, depth - 1) || urlCarriesSas(sourceCode, value.right, depth - 1));
  }
  const text = staticString(value);
  if (text !== undefined) return /[?&]sig=/i.test(text);
  if (value.type === AST_NODE_TYPES.Identifier && depth > 0) {
    const resolved = resolveConstValue(sourceCode, value, 1);
    return resolved !== value && urlCarriesSas(sourceCode, resolved, depth - 1);
  }
  return false;
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
