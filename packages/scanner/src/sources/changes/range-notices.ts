/**
 * Notices for a range (see notice.ts): the gate's settings files it changes between BASE and HEAD,
 * and the `keyless-ignore` comments it adds (lines added between BASE and HEAD that hold a
 * directive). Both read from `git diff` between the two ends, so a change made and reverted inside
 * the range is no notice.
 */
import { directivesIn } from '../../filters/inline-ignore.js';
import type { Notice } from '../../finding/notice.js';
import { runGit, NulSplitter } from '../git/git-process.js';

const DIFF = ['diff', '--no-color', '--no-ext-diff', '--no-textconv', '--no-renames', '--no-abbrev'];
const STATUS: Record<string, string> = { A: 'added', M: 'changed', D: 'deleted', T: 'changed' };

/** Changes to `files` (paths from the top of the work tree) between `base` and `head`. */
export async function gateChangeNotices(cwd: string, base: string, head: string, files: readonly string[], prefix: string): Promise<Notice[]> {
  if (files.length === 0) return [];
  const specs = [...new Set(files)].map((f) => `:(top,literal)${f}`);
  const out = await runGit(cwd, [...DIFF, '--raw', '-z', '--no-relative', base, head, '--', ...specs]);
  const notices: Notice[] = [];
  let status: string | undefined;
  const splitter = new NulSplitter((t) => {
    const text = t.toString('utf8');
    if (status === undefined) {
      status = /^\n*:\d+ \d+ [0-9a-f]+ [0-9a-f]+ ([A-Z])/.exec(text)?.[1] ?? '?';
      return;
    }
    const path = text.startsWith(prefix) ? text.slice(prefix.length) : text;
    const what = STATUS[status] ?? 'changed';
    status = undefined;
    notices.push({
      ruleId: 'keyless-gate-change',
      path,
      line: 1,
      message: `${path} (a setting of the secret gate) is ${what} by the range: review the change`,
    });
  });
  splitter.push(out);
  splitter.end();
  return notices;
}

/** Undoes git's C-style quoting of a path in a diff header (`"a\tb"`). */
function unquote(s: string): string {
  if (!s.startsWith('"')) return s;
  const bytes: number[] = [];
  const esc: Record<string, number> = { n: 10, t: 9, '"': 34, '\\': 92, a: 7, b: 8, f: 12, r: 13, v: 11 };
  for (let i = 1; i < s.length - 1; i++) {
    const c = s[i]!;
    if (c !== '\\') {
      for (const b of Buffer.from(c, 'latin1')) bytes.push(b);
      continue;
    }
    const n = s[++i]!;
    if (/[0-7]/.test(n)) {
      bytes.push(parseInt(s.slice(i, i + 3), 8));
      i += 2;
    } else bytes.push(esc[n] ?? n.charCodeAt(0));
  }
  return Buffer.from(bytes).toString('utf8');
}

/**
 * Lines with a `keyless-ignore` directive that `git diff -U0` output adds, by new path and line.
 * Exported for tests.
 */
export function addedIgnoreLines(diff: string): { path: string; line: number }[] {
  const found: { path: string; line: number }[] = [];
  let path: string | undefined;
  let next = 0;
  let header = false;
  for (const raw of diff.split('\n')) {
    if (raw.startsWith('diff --git ')) {
      header = true;
      path = undefined;
      continue;
    }
    if (header && raw.startsWith('+++ ')) {
      // git ends a name that holds a space with a tab.
      const name = unquote(raw.slice(4).replace(/\t$/, ''));
      path = name === '/dev/null' ? undefined : name.replace(/^b\//, '');
      continue;
    }
    if (raw.startsWith('@@ ')) {
      header = false;
      next = Number(/\+(\d+)/.exec(raw)?.[1] ?? 0);
      continue;
    }
    if (header || path === undefined || next === 0) continue;
    if (raw.startsWith('+')) {
      if (directivesIn(raw.slice(1)).length > 0) found.push({ path, line: next });
      next++;
    } else if (raw.startsWith(' ')) next++; // context (should diff.interHunkContext join hunks)
  }
  return found;
}

/** The `keyless-ignore` comments the range adds (paths relative to the scan root). */
export async function ignoreAddedNotices(cwd: string, base: string, head: string): Promise<Notice[]> {
  // -G keeps only files whose added or removed lines mention the directive; `a/`/`b/` prefixes are
  // forced so a repository's diff.noprefix / diff.mnemonicPrefix cannot change the header shape.
  const out = await runGit(cwd, [...DIFF, '-U0', '--inter-hunk-context=0', '--relative', '--src-prefix=a/', '--dst-prefix=b/', '-G', 'keyless-ignore', base, head, '--']);
  return addedIgnoreLines(out.toString('utf8')).map(({ path, line }) => ({
    ruleId: 'keyless-ignore-added',
    path,
    line,
    message: `${path}:${line} adds a keyless-ignore comment; findings it silences are reported as suppressed`,
  }));
}
