/**
 * What the IaC rules share: finding key and connection-string expressions (Bicep/ARM `listKeys()`,
 * `listConnectionStrings()`; Terraform `primary_access_key`, `primary_connection_string` and their
 * kin) and the service they belong to. Pure; every pattern is linear (no nested quantifiers).
 */
import { entryOf, textOf, type PDecl, type PNode, type PostureDoc, type PValue } from '../tree.js';
import type { PostureService } from '../types.js';

/** `stg.listKeys(`, `stg!.listKeys(` (non-null), `listKeys(`, `sb::rule.listKeys(`, `listConnectionStrings(`, AI Search `listAdminKeys(` / `listQueryKeys(` (Bicep method and ARM function forms). */
const KEY_CALL = /(?:\b[A-Za-z_]\w{0,80}(?:::\w{1,80})?[!?]?\.)?\blist(?:Keys|ConnectionStrings|AccountSas|ServiceSas|AdminKeys|QueryKeys)\s{0,4}\(/gi;
/** `azurerm_storage_account.sa.primary_access_key`, `azurerm_servicebus_namespace.ns.default_primary_connection_string`, `azurerm_cosmosdb_account.db.connection_strings[0]`. */
const TF_KEY_REF = /\b(azurerm_[a-z_]{1,80})\.([\w-]{1,80})(?:\[[^\]\n]{0,40}\])?\.((?:default_)?(?:primary|secondary)_[a-z_]{1,40}|connection_strings)\b/g;
const TF_KEY_ATTR = /(?:key|connection_string|^connection_strings)$/;

export interface KeyExpression {
  /** Offset in the value's text. */
  readonly index: number;
  /** The call or reference as written (clipped), shown as the finding's evidence. */
  readonly evidence: string;
  readonly service?: PostureService;
}

const PROVIDER_SERVICES: readonly (readonly [RegExp, PostureService])[] = [
  [/^Microsoft\.Storage\//i, 'storage'],
  [/^Microsoft\.ServiceBus\//i, 'service-bus'],
  [/^Microsoft\.EventHub\//i, 'event-hubs'],
  [/^Microsoft\.DocumentDB\//i, 'cosmos'],
  [/^Microsoft\.Cache\//i, 'redis'],
  [/^Microsoft\.AppConfiguration\//i, 'app-configuration'],
  [/^Microsoft\.CognitiveServices\//i, 'ai-services'],
  [/^Microsoft\.Search\//i, 'search'],
  [/^Microsoft\.KeyVault\//i, 'key-vault'],
  [/^Microsoft\.OperationalInsights\//i, 'log-analytics'],
  [/^azurerm_storage_/, 'storage'],
  [/^azurerm_servicebus_/, 'service-bus'],
  [/^azurerm_eventhub/, 'event-hubs'],
  [/^azurerm_cosmosdb_/, 'cosmos'],
  [/^azurerm_redis_/, 'redis'],
  [/^azurerm_app_configuration/, 'app-configuration'],
  [/^azurerm_(?:cognitive_|ai_services)/, 'ai-services'],
  [/^azurerm_search_/, 'search'],
  [/^azurerm_key_vault/, 'key-vault'],
  [/^azurerm_log_analytics_workspace/, 'log-analytics'],
];

/** The service of a resource type (`Microsoft.Storage/storageAccounts`, `azurerm_storage_account`). */
export function serviceOfType(type: string): PostureService | undefined {
  return PROVIDER_SERVICES.find(([re]) => re.test(type))?.[1];
}

function clip(s: string, max = 120): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** The call's text up to its closing parenthesis (at most 120 characters). */
function callText(text: string, start: number, open: number): string {
  let depth = 0;
  const limit = Math.min(text.length, open + 200);
  for (let i = open; i < limit; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return clip(text.slice(start, i + 1));
  }
  return clip(text.slice(start, limit));
}

/** The service a Bicep/ARM key call reads: the symbol it is called on, its first argument's symbol, or a `resourceId('Type', ...)`. */
function serviceOfCall(call: string, byName: ReadonlyMap<string, PDecl>): PostureService | undefined {
  const typed = /'(Microsoft\.[A-Za-z]+\/[A-Za-z/]+)'/.exec(call);
  if (typed) return serviceOfType(typed[1]!);
  const method = /^([A-Za-z_]\w*)/.exec(call);
  const first = /\(\s*([A-Za-z_]\w*)/.exec(call);
  for (const symbol of [method?.[1], first?.[1]]) {
    const decl = symbol !== undefined ? byName.get(symbol) : undefined;
    if (decl?.kind === 'resource') return serviceOfType(decl.type);
  }
  return undefined;
}

/** Every key or connection-string expression in a value. */
export function keyExpressionsIn(value: PValue, doc: PostureDoc, byName: ReadonlyMap<string, PDecl>): KeyExpression[] {
  const out: KeyExpression[] = [];
  const text = value.text;
  if (doc.language === 'terraform') {
    TF_KEY_REF.lastIndex = 0;
    for (let m = TF_KEY_REF.exec(text); m !== null; m = TF_KEY_REF.exec(text)) {
      if (!TF_KEY_ATTR.test(m[3]!)) continue;
      const service = serviceOfType(m[1]!);
      out.push({ index: m.index, evidence: clip(m[0]), ...(service ? { service } : {}) });
    }
    return out;
  }
  if (doc.language === 'arm' && value.literal) return out;
  KEY_CALL.lastIndex = 0;
  for (let m = KEY_CALL.exec(text); m !== null; m = KEY_CALL.exec(text)) {
    const call = callText(text, m.index, m.index + m[0].length - 1);
    const service = serviceOfCall(call, byName);
    out.push({ index: m.index, evidence: call, ...(service ? { service } : {}) });
  }
  return out;
}

/** Declarations by symbolic name (Bicep symbols; Terraform resource names are qualified by type). */
export function declsByName(doc: PostureDoc): Map<string, PDecl> {
  return new Map(doc.decls.map((d) => [d.name, d]));
}

/**
 * Where a hit in a value points: at the expression itself when the value's text is the file's text
 * (Bicep, Terraform), else at the whole value (ARM strings with escapes).
 */
export function spanIn(value: PValue, doc: PostureDoc, index: number, length: number): { start: number; end: number } {
  const verbatim = doc.text.slice(value.start, value.end);
  const at = verbatim.indexOf(value.text.slice(index, index + length));
  if (at !== -1 && length > 0) return { start: value.start + at, end: value.start + at + length };
  return { start: value.start, end: value.end };
}

/**
 * Every value under `node` with its key path and the app setting it sets: the `name` of a
 * `{ name: 'X', value: ... }` item (Bicep/ARM `appSettings`, container `env`), else the key it is
 * under (`app_settings = { X = ... }`, a `sites/config` resource's properties).
 */
export function* settingValuesUnder(node: PNode | undefined, path: readonly string[] = [], named?: string): Generator<{ value: PValue; path: readonly string[]; setting?: string }> {
  if (!node) return;
  if (node.kind === 'value') {
    const setting = named ?? path[path.length - 1];
    yield { value: node, path, ...(setting !== undefined ? { setting } : {}) };
    return;
  }
  if (node.kind === 'array') {
    for (const item of node.items) yield* settingValuesUnder(item, path);
    return;
  }
  const name = textOf(entryOf(node, 'name')?.value);
  for (const e of node.entries) yield* settingValuesUnder(e.value, [...path, e.key], e.key === 'value' && name !== undefined ? name : undefined);
}

/** A resource's own body: an ARM resource without the child resources nested in it (they are declarations of their own). */
export function ownBody(d: PDecl): PNode | undefined {
  const body = d.body;
  if (body?.kind !== 'object' || d.kind !== 'resource' || !entryOf(body, 'resources')) return body;
  return { ...body, entries: body.entries.filter((e) => e.key !== 'resources') };
}
