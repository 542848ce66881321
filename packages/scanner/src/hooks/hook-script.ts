/**
 * The text of the git pre-commit hook that `keyless install-hook` writes. Pure: no I/O, so tests can
 * read the script without installing it.
 */

/** A line every keyless-written hook carries; a hook without it belongs to someone else. */
export const HOOK_MARKER = '# keyless-managed-hook';

/** Where the hook finds keyless and node; both are recorded as absolute paths at install time. */
export interface HookScriptOptions {
  /** Absolute path of the `bin/keyless.js` that installed the hook (tried first). */
  readonly keylessBin: string;
  /** Absolute path of the node that installed the hook (used when `node` is not on PATH). */
  readonly nodePath: string;
}

/** Quotes a value for a POSIX shell: single quotes, with each `'` written as `'\''`. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The POSIX sh pre-commit hook. It scans the index (`keyless scan --staged`) from the top of the work
 * tree and exits with keyless's status, so findings (exit 1) or a failed scan (exit 2) block the commit.
 * keyless is looked up in order: the recorded bin, the repository's `node_modules/.bin/keyless`,
 * then `npx --no-install keyless` (never downloads anything).
 */
export function hookScript(options: HookScriptOptions): string {
  const bin = toPosixPath(options.keylessBin);
  const node = toPosixPath(options.nodePath);
  return `#!/bin/sh
${HOOK_MARKER}
# keyless pre-commit hook: blocks a commit whose staged changes add a secret.
# Written by \`keyless install-hook\`: run it again to update this file, delete the file to remove the hook.
# Bypass once (not recommended): git commit --no-verify

keyless_bin=${shellQuote(bin)}
keyless_node=${shellQuote(node)}

cd "$(git rev-parse --show-toplevel)" || exit 2

run_keyless() {
  if [ -f "$keyless_bin" ]; then
    if [ -x "$keyless_node" ]; then
      "$keyless_node" "$keyless_bin" "$@"
    else
      node "$keyless_bin" "$@"
    fi
  elif [ -x node_modules/.bin/keyless ]; then
    node_modules/.bin/keyless "$@"
  elif command -v npx >/dev/null 2>&1; then
    npx --no-install keyless "$@"
  else
    echo "keyless: cannot find keyless (not at $keyless_bin, not in node_modules/.bin, no npx); reinstall it and run keyless install-hook" >&2
    return 2
  fi
}

run_keyless scan --staged
status=$?
if [ "$status" -eq 1 ]; then
  echo "keyless: commit blocked: the staged changes add the secret(s) listed above." >&2
  echo "keyless: remove each one (see its remediation), or mark a false positive with a keyless-ignore comment on its line." >&2
elif [ "$status" -ne 0 ]; then
  echo "keyless: commit blocked: the secret scan failed (exit $status); see the message above." >&2
fi
exit "$status"
`;
}

/** Git for Windows runs hooks with its own sh, which takes forward slashes (`C:/...`). */
function toPosixPath(path: string): string {
  return path.replace(/\\/g, '/');
}
