/**
 * A serialisable description of everything that decides what a scan finds (config, detectors, the
 * scanner's own code, its version), for cache keys: when any of it changes, cached verdicts are void.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScanContext } from '../../pipeline/scan-context.js';
import type { KeylessConfig } from '../../config/types.js';

/**
 * SHA-256 of every compiled module of the scanner (this file's `src` folder, sorted by path): a
 * change to any judge, filter or format reader voids the cache, not only a change to a detector
 * object's own text. About 120 files, read once per process.
 */
let codeHash: string | undefined;
export function scannerCodeHash(): string {
  if (codeHash !== undefined) return codeHash;
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const hash = createHash('sha256');
  const files = (readdirSync(root, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => f.endsWith('.js')).sort();
  for (const file of files) hash.update(file).update('\0').update(readFileSync(join(root, file))).update('\0');
  codeHash = hash.digest('hex');
  return codeHash;
}

function scannerVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '?';
  } catch {
    return '?';
  }
}

export function detectionSetup(config: KeylessConfig, ctx: ScanContext): unknown {
  return {
    version: scannerVersion(),
    config,
    code: scannerCodeHash(),
    detectors: ctx.engine.detectors.map((d) =>
      d.kind === 'pattern'
        ? [d.id, d.severity, d.priority, d.keywords, d.pattern.source, d.pattern.flags, d.window, d.validate?.toString() ?? '']
        : [d.id, d.severity, d.priority, d.keywords, d.matchesKey.toString(), d.acceptsValue.toString()],
    ),
  };
}
