// A git repository for the hostile-input tests: a temp dir with an isolated git environment.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { hostileDir, put } from './hostile-tree.js';
import { isolatedEnv } from './sandbox-repo.js';

export interface Repo {
  readonly dir: string;
  readonly env: NodeJS.ProcessEnv;
  git(...args: string[]): string;
}

/** A repository in a temp dir with an isolated git environment (no user config, fixed identity). */
export function repo(prefix: string): Repo {
  const base = hostileDir(prefix);
  const dir = join(base, 'repo');
  const env = isolatedEnv(join(base, 'home'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
  put(base, 'home/.keep', '');
  put(base, 'repo/.keep', '');
  git('init', '-q', '-b', 'main');
  git('config', 'commit.gpgsign', 'false');
  return { dir, env, git };
}
