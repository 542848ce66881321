/**
 * What the GitHub Action scans, from the event that triggered the workflow (GITHUB_EVENT_NAME and the
 * payload at GITHUB_EVENT_PATH): a pull request's commits (base.sha..head.sha, or
 * origin/$GITHUB_BASE_REF..HEAD when the payload has no SHAs), a push's new commits (before..after),
 * and the whole history on schedule, workflow_dispatch, a new branch or a forced push whose `before`
 * is gone. Returns keyless's arguments and a label for the summary; never runs anything.
 */
import { readFileSync } from 'node:fs';

const ZERO_SHA = /^0+$/;
const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/** @param {string | undefined} path */
function readPayload(path) {
  if (!path) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read the event payload ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** @param {unknown} v */
const sha = (v) => (typeof v === 'string' && SHA.test(v) ? v : undefined);

/**
 * @param {NodeJS.ProcessEnv} env
 * @param {(sha: string) => boolean} hasCommit whether the clone holds a commit
 * @returns {{ args: string[], label: string }}
 */
export function scanTarget(env, hasCommit) {
  const event = env.GITHUB_EVENT_NAME ?? '';
  const scope = env.INPUT_SCAN ?? 'auto';
  if (scope === 'history') return { args: ['--history'], label: 'the whole history' };
  if (scope === 'tree') return { args: [], label: 'the working tree' };
  if (scope !== 'auto') throw new Error(`input scan must be auto, history or tree (got '${scope}')`);
  const payload = readPayload(env.GITHUB_EVENT_PATH);
  if (event === 'pull_request' || event === 'pull_request_target') {
    const base = sha(payload.pull_request?.base?.sha);
    const head = sha(payload.pull_request?.head?.sha);
    const range = base && head ? `${base}..${head}` : env.GITHUB_BASE_REF ? `origin/${env.GITHUB_BASE_REF}..HEAD` : undefined;
    if (range === undefined) throw new Error('the pull_request payload has no base and head SHAs, and GITHUB_BASE_REF is not set');
    for (const c of [base, head]) {
      if (c && !hasCommit(c)) throw new Error(`commit ${c} is not in the clone: check out with fetch-depth: 0`);
    }
    return { args: ['--range', range], label: `the pull request's commits (${range})` };
  }
  if (event === 'push') {
    const before = sha(payload.before);
    const after = sha(payload.after);
    if (after && before && !ZERO_SHA.test(before) && hasCommit(before)) {
      if (!hasCommit(after)) throw new Error(`commit ${after} is not in the clone: check out with fetch-depth: 0`);
      return { args: ['--range', `${before}..${after}`], label: `the pushed commits (${before.slice(0, 12)}..${after.slice(0, 12)})` };
    }
    return { args: ['--history'], label: 'the whole history (a new branch, or a push whose previous head is not in the clone)' };
  }
  return { args: ['--history'], label: 'the whole history' };
}
