/**
 * Re-exports through the project's own modules, without type information: `import { Cred } from
 * "./auth"` where `./auth` says `export { ClientSecretCredential as Cred } from "@azure/identity"`,
 * `export * from "@azure/identity"` or `module.exports = require("@azure/identity")`.
 *
 * Bounded on purpose: the re-exporting module is read from disk relative to the linted file (the
 * usual extensions and `index` files), only its re-export statements are read (a linear regex scan,
 * no parse), at most MAX_HOPS local modules deep, and each file is read once per modification time.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const MAX_HOPS = 3;
/** Files larger than this are not read (a re-export barrel is small). */
const MAX_BYTES = 256 * 1024;
const EXTENSIONS = ['', '.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.jsx'];
const INDEXES = ['/index.ts', '/index.js', '/index.mjs', '/index.cjs', '/index.tsx'];

interface ModuleReexports {
  /** exported name -> [module, name in that module] */
  readonly named: Map<string, [string, string]>;
  /** `export * from "m"` / `module.exports = require("m")` */
  readonly star: string[];
}

const cache = new Map<string, { mtimeMs: number; size: number; exports: ModuleReexports }>();

const NAMED = /export\s+(?:type\s+)?\{([^}]{0,2000})\}\s*from\s*['"]([^'"\n]{1,200})['"]/g;
const STAR = /export\s+\*\s+from\s*['"]([^'"\n]{1,200})['"]/g;
const CJS_WHOLE = /module\.exports\s*=\s*require\(\s*['"]([^'"\n]{1,200})['"]\s*\)/g;
const CJS_MEMBER = /(?:module\.)?exports\.([A-Za-z_$][\w$]{0,100})\s*=\s*require\(\s*['"]([^'"\n]{1,200})['"]\s*\)\.([A-Za-z_$][\w$]{0,100})/g;

function parseReexports(text: string): ModuleReexports {
  const named = new Map<string, [string, string]>();
  const star: string[] = [];
  for (const m of text.matchAll(NAMED)) {
    for (const part of m[1]!.split(',')) {
      const words = part.replace(/^\s*type\s+/, '').trim().split(/\s+as\s+/);
      const imported = words[0]?.trim();
      const exported = (words[1] ?? words[0])?.trim();
      if (imported && exported && /^[A-Za-z_$][\w$]*$/.test(imported)) named.set(exported, [m[2]!, imported]);
    }
  }
  for (const m of text.matchAll(STAR)) star.push(m[1]!);
  for (const m of text.matchAll(CJS_WHOLE)) star.push(m[1]!);
  for (const m of text.matchAll(CJS_MEMBER)) named.set(m[1]!, [m[2]!, m[3]!]);
  return { named, star };
}

/** The file a relative specifier names, trying the usual extensions (`./a.js` may be `./a.ts`). */
function resolveFile(fromFile: string, specifier: string): string | undefined {
  const base = resolve(dirname(fromFile), specifier);
  const stems = [base];
  const js = /\.(m|c)?js$/.exec(base);
  if (js) stems.push(base.slice(0, -js[0].length));
  for (const stem of stems) {
    for (const ext of [...EXTENSIONS, ...INDEXES]) {
      const candidate = stem + ext;
      try {
        const st = statSync(candidate);
        if (st.isFile()) return candidate;
      } catch {
        // not this one
      }
    }
  }
  return undefined;
}

function reexportsOf(file: string): ModuleReexports | undefined {
  let st;
  try {
    st = statSync(file);
  } catch {
    return undefined;
  }
  if (st.size > MAX_BYTES) return undefined;
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.exports;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const exports = parseReexports(text);
  cache.set(file, { mtimeMs: st.mtimeMs, size: st.size, exports });
  return exports;
}

/**
 * Which package export `name` of the local module `specifier` (relative to `fromFile`) re-exports,
 * when `wanted(package)`; undefined when it is not a re-export the reader can see.
 */
export function followLocalReexport(
  fromFile: string,
  specifier: string,
  name: string,
  wanted: (module: string) => boolean,
  hops = MAX_HOPS,
): { module: string; name: string } | undefined {
  if (hops <= 0 || !fromFile || fromFile.startsWith('<')) return undefined;
  const file = resolveFile(fromFile, specifier);
  const exports = file ? reexportsOf(file) : undefined;
  if (!file || !exports) return undefined;
  const direct = exports.named.get(name);
  if (direct) {
    const [module, imported] = direct;
    if (module.startsWith('.')) return followLocalReexport(file, module, imported, wanted, hops - 1);
    return wanted(module) ? { module, name: imported } : undefined;
  }
  for (const module of exports.star) {
    if (module.startsWith('.')) {
      const found = followLocalReexport(file, module, name, wanted, hops - 1);
      if (found) return found;
    } else if (wanted(module)) {
      return { module, name };
    }
  }
  return undefined;
}
