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
 * tree; any outcome but a clean scan blocks the commit, and the hook says which one it was:
 * - exit 1 with a report: the staged changes add secrets (the report is shown, with what to do);
 * - anything else — keyless or node not found (127), not executable (126), killed by a signal
 *   (128+N), a runtime or usage error (2), or an exit 1 without a report (node's own status for an
 *   uncaught exception or a syntax error in keyless.js) — "keyless could not run: ...", with what to
 *   do. Never "secrets found" for a scan that did not happen.
 * The report goes through a temporary file (`--output`), so that only a scan that finished tells
 * findings apart from a crash. keyless is looked up in order: the recorded bin, the repository's
 * `node_modules/.bin/keyless`, then `npx --no-install keyless` (never downloads anything).
 */
export function hookScript(options: HookScriptOptions): string {
  const bin = toPosixPath(options.keylessBin);
  const node = toPosixPath(options.nodePath);
  return `#!/bin/sh
${HOOK_MARKER}
# keyless pre-commit hook: blocks a commit whose staged changes add a secret, or that keyless could not check.
# Written by \`keyless install-hook\`: run it again to update this file, delete the file to remove the hook.
# Bypass once (not recommended): git commit --no-verify

keyless_bin=${shellQuote(bin)}
keyless_node=${shellQuote(node)}
cant_run=""
runner="$keyless_bin"

could_not_run() {
  echo "keyless could not run: $1." >&2
  echo "keyless: commit blocked: the staged changes were not checked for secrets. Fix the cause above (reinstall keyless and run keyless install-hook if it is missing or broken); to commit without the check (not recommended): git commit --no-verify" >&2
  exit 2
}

top=$(git rev-parse --show-toplevel) && cd "$top" || could_not_run "cannot find the top of the work tree (git rev-parse --show-toplevel failed)"
report=$(mktemp 2>/dev/null) || report="\${TMPDIR:-/tmp}/keyless-pre-commit.$$"
trap 'rm -f "$report"' EXIT
: > "$report" || could_not_run "cannot create a temporary file for the report ($report)"

run_keyless() {
  if [ -f "$keyless_bin" ]; then
    if [ -x "$keyless_node" ]; then
      "$keyless_node" "$keyless_bin" "$@"
    elif command -v node >/dev/null 2>&1; then
      node "$keyless_bin" "$@"
    else
      cant_run="node not found (not at $keyless_node, not on PATH)"
      return 127
    fi
  elif [ -x node_modules/.bin/keyless ]; then
    runner=node_modules/.bin/keyless
    node_modules/.bin/keyless "$@"
  elif command -v npx >/dev/null 2>&1; then
    runner="npx --no-install keyless"
    npx --no-install keyless "$@"
  else
    cant_run="keyless not found (not at $keyless_bin, not in node_modules/.bin, no npx)"
    return 127
  fi
}

run_keyless scan --staged --output "$report"
status=$?
[ -s "$report" ] && cat "$report"
case "$status" in
  0) exit 0 ;;
  1)
    if [ -s "$report" ]; then
      echo "keyless: commit blocked: the staged changes add the secret(s) listed above." >&2
      echo "keyless: remove each one (see its remediation), or mark a false positive with a keyless-ignore comment on its line." >&2
      exit 1
    fi
    could_not_run "it stopped with exit 1 before writing its report (a crash, or a broken installation: $runner); see the message above" ;;
  2) could_not_run "the scan failed (exit 2); see the message above" ;;
  126) could_not_run "\${cant_run:-a program could not be executed (exit 126)}" ;;
  127) could_not_run "\${cant_run:-a program was not found (exit 127: node or keyless is missing)}" ;;
esac
if [ "$status" -gt 128 ]; then
  could_not_run "it was killed by signal $((status - 128)) (exit $status)"
fi
could_not_run "it stopped with unexpected exit $status"
`;
}

/** Git for Windows runs hooks with its own sh, which takes forward slashes (`C:/...`). */
function toPosixPath(path: string): string {
  return path.replace(/\\/g, '/');
}
