/**
 * Temporary git repositories for the git-scan tests: deterministic authors and dates, files written
 * from strings or bytes, and a test-only detector so the tests do not depend on the catalog.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { KeylessConfig } from '../../src/config/types.js';

/** Only this test detector runs: `tok_` + 24 lowercase letters/digits is the secret. */
export const TEST_CONFIG: KeylessConfig = {
  detectors: [{ id: 'test-token', pattern: 'tok_(?<secret>[a-z0-9]{24})(?![a-z0-9])', keywords: ['tok_'] }],
  rules: {},
};

/** Every built-in detector off, only the test detector on. */
export async function testConfig(): Promise<KeylessConfig> {
  const { catalog } = await import('../../src/detect/catalog.js');
  const rules: Record<string, 'off'> = {};
  for (const d of catalog) rules[d.id] = 'off';
  return { ...TEST_CONFIG, rules };
}

let counter = 0;
/** A fresh fake token (built at run time, never a literal in the source). */
export function fakeToken(): string {
  counter++;
  const body = `${counter.toString(36)}${'q'.repeat(24)}`.slice(0, 24);
  return ['tok', body].join('_');
}

export class TempRepo {
  readonly dir: string;
  private tick = 0;

  constructor(dir?: string, init = true) {
    this.dir = dir ?? mkdtempSync(join(tmpdir(), 'keyless-git-'));
    if (init) {
      this.git('init', '-q', '-b', 'main');
      this.git('config', 'user.name', 'Test Author');
      this.git('config', 'user.email', 'author@example.test');
      this.git('config', 'commit.gpgsign', 'false');
    }
  }

  /** Runs git with fixed, increasing author/committer dates. */
  git(...args: string[]): string {
    this.tick++;
    const date = new Date(Date.UTC(2024, 0, 1) + this.tick * 60_000).toISOString();
    return execFileSync('git', args, {
      cwd: this.dir,
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_CONFIG_NOSYSTEM: '1', HOME: this.dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
  }

  write(path: string, content: string | Uint8Array): void {
    const abs = join(this.dir, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }

  /** Writes files, stages everything, commits; returns the new commit's full SHA. */
  commit(message: string, files: Record<string, string | Uint8Array> = {}): string {
    for (const [p, c] of Object.entries(files)) this.write(p, c);
    this.git('add', '-A');
    this.git('commit', '-q', '--allow-empty', '-m', message);
    return this.head();
  }

  head(): string {
    return this.git('rev-parse', 'HEAD');
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A private cache directory for one test (KEYLESS_CACHE_DIR), removed by the caller. */
export function tempCacheDir(): string {
  return mkdtempSync(join(tmpdir(), 'keyless-cache-'));
}
