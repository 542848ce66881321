/**
 * A serialisable description of everything that decides what a scan finds (config, detectors and
 * their code, scanner version), for cache keys: when any of it changes, cached verdicts are void.
 */
import { readFileSync } from 'node:fs';
import type { ScanContext } from '../config/scan-context.js';
import type { KeylessConfig } from '../config/types.js';
import { isNotSecret } from '../filters/not-secrets.js';

function scannerVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '?';
  } catch {
    return '?';
  }
}

export function detectionSetup(config: KeylessConfig, ctx: ScanContext): unknown {
  return {
    version: scannerVersion(),
    config,
    notSecret: isNotSecret.toString(),
    detectors: ctx.engine.detectors.map((d) =>
      d.kind === 'pattern'
        ? [d.id, d.severity, d.priority, d.keywords, d.pattern.source, d.pattern.flags, d.window, d.validate?.toString() ?? '']
        : [d.id, d.severity, d.priority, d.keywords, d.matchesKey.toString(), d.acceptsValue.toString()],
    ),
  };
}
