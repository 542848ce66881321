/** Usage texts for `keyless --help` and `keyless <command> --help`. */

export const MAIN_HELP = `keyless: find secrets that should not exist, and make them unnecessary with managed identity

Usage:
  keyless scan [PATH]                      scan the working tree of PATH (default .)
  keyless scan PATH PATH...                scan several files or directories
  keyless scan - [--stdin-filename NAME]   scan standard input
  keyless scan [PATH] --history            scan every commit reachable from any ref
  keyless scan [PATH] --range A..B         scan the commits of a range (pull request gate)
  keyless scan [PATH] --staged             scan the index vs HEAD (pre-commit)
  keyless baseline [PATH] [--history] --output FILE
                                           write the fingerprints of current findings
  keyless scan [PATH] --history --shard I/N
                                           scan shard I of N of the history (split by path)
  keyless plan-shards N [PATH] --out DIR   list the history once and write each shard's part of it
                                           (then: scan --history --shard I/N --plan DIR)
  keyless merge REPORT...                  merge JSON or SARIF reports of shards and repositories
  keyless scan-repos LIST                  clone or fetch, then scan the history of each repository
  keyless explain <ruleId>                 print the full guidance for a rule (--list: all rules)
  keyless install-hook [PATH] [--force]    install the git pre-commit hook

Options: --help, --version. Run 'keyless <command> --help' for a command's options.
Exit codes: 0 no findings, 1 findings, 2 usage or runtime error.
`;

export const SCAN_HELP = `Usage: keyless scan [PATH...] [options]
       keyless scan - [--stdin-filename NAME] [options]

Scans the working tree of PATH (default .), honouring .gitignore files; or its git history.
Several paths (files or directories) are scanned as working trees and reported as given
(dir/config/app.env), with the config of the current directory. '-' scans standard input.

Options:
  --history             every commit reachable from any ref (branches, tags, others)
  --range A..B          commits in a range (CI gate on a pull request)
  --staged              the index vs HEAD (pre-commit)
                        (--history, --range and --staged are mutually exclusive)
  --format FORMAT       text (default, colour on a TTY) | json | sarif | github
                        | azure (Azure Pipelines task.logissue lines)
  -o, --output FILE     write the report to FILE instead of stdout
  --baseline FILE       report only findings whose fingerprint is not in FILE;
                        baseline entries that no longer match are listed on stderr
  --prune               with --baseline: remove those stale entries from FILE, and
                        rewrite entries of the older fingerprint form
  --config FILE         config file (default: keyless.config.json at PATH if present)
  --config-from WHERE   where the config and a --baseline inside the repository are read:
                          base      the range's base commit (default with --range; for A...B
                                    the merge base): a pull request cannot configure its gate
                          head      the range's last commit (outside ranges: HEAD)
                          worktree  the files on disk (default without --range)
                        A --config or --baseline outside the repository is read as given.
  --confidence LEVEL    high | medium (default: the precise gate) | low (also weak passwords
                        and other audit candidates); overrides the config's minConfidence
  --include GLOB        scan only paths matching GLOB (repeatable; added to the config's include)
  --exclude GLOB        never scan paths matching GLOB (repeatable; added to the config's exclude)
  --stdin-filename NAME with '-': the name that picks the format reader (appsettings.json,
                        .env...) and is reported as the path (default <stdin>)
  --no-redact           show full secrets (default: redacted everywhere)
  --no-posture          skip the posture rules (posture-*: pipelines and IaC that make secrets
                        necessary; config "posture": false). They fail tree and range scans like
                        secrets, never --staged unless the config says "posture": "fail"; --history
                        does not run them
  --fail-on SEVERITY    exit with findings only for critical | high | medium | low (default: any) | none
  --exit-code N         the exit code for findings (default 1)
  --no-cache            with --history: ignore and don't write the incremental cache
  --shard I/N           with --history: scan only the paths of shard I of N (the heaviest paths
                        placed by weight, the others by a stable hash); every shard lists every
                        commit, and 'keyless merge' joins the N reports into the whole scan's report
  --plan DIR            with --shard: start from the shard's listing that 'keyless plan-shards'
                        wrote into DIR (the history is not listed again, the split not planned
                        again); refused if the refs changed since; the cache is written, not read
  --allow-unscanned     files that could not be read (permissions, paths too long, missing
                        git objects) only warn; without it they are listed and the exit code is 2
  -q, --quiet           no progress or summary on stderr
  --debug               diagnostics (redacted) and stack traces on stderr
  -h, --help            this help

The summary on stderr counts what was suppressed, by cause: inline ignores, allowlisted
findings, baselined findings, excluded paths (files left out by include/exclude/allowlist.paths)
and disabled rules (rules set "off"). Suppressed findings never fail the scan; JSON counts them
in "suppressed", SARIF lists them as results with "suppressions". A --range that changes the
config or baseline, or adds keyless-ignore comments, gets notices (summary, JSON "notices",
SARIF level "note") that never change the exit code on their own.

Binary files and files over maxFileSize are skipped by policy: listed on stderr, exit code unchanged.
Exit codes: 0 no findings, 1 findings, 2 usage or runtime error, or a file that could not be scanned.
`;

export const BASELINE_HELP = `Usage: keyless baseline [PATH] [--history | --range A..B | --staged] --output FILE

Writes the fingerprints of the current findings (never the secrets) to FILE, sorted and
diff-friendly. Later, 'keyless scan --baseline FILE' reports only new findings. A fingerprint
hashes the rule and a slow scrypt hash of the secret (no path, line or commit): moving lines,
renaming files or rewriting history keeps it, and it does not give a weak password away to a
dictionary. An existing FILE is replaced. Use 'keyless scan --baseline FILE --prune' to drop
entries that no longer match anything while keeping the rest (and to rewrite entries of the
older form, which hashed the path too).

Options:
  --history, --range A..B, --staged   what to scan (default: the working tree)
  -o, --output FILE     the baseline file to write (required)
  --config FILE         config file (default: keyless.config.json at PATH if present)
  --config-from WHERE   base | head | worktree: where the config is read (as for scan;
                        base, the range's base commit, is the default with --range)
  --confidence LEVEL    high | medium (default) | low, as for scan
  --no-posture          leave posture findings out, as for scan
  --no-cache            with --history: ignore and don't write the incremental cache
  -q, --quiet           no summary on stderr
  --debug               diagnostics and stack traces on stderr
`;

export const EXPLAIN_HELP = `Usage: keyless explain <ruleId>
       keyless explain --list

Prints what a rule finds and how to remove the need for the secret (managed identity, Key Vault).
--list prints every rule id with its title. Custom detectors of keyless.config.json in the current
directory (or of --config FILE) are explained too.
`;

export const INSTALL_HOOK_HELP = `Usage: keyless install-hook [PATH] [--force]

Installs a git pre-commit hook in the repository at PATH (default .) that runs
'keyless scan --staged' and blocks commits that add secrets. Respects core.hooksPath.

Options:
  --force     replace a pre-commit hook keyless did not write (kept as pre-commit.keyless-backup)
`;

export const MERGE_HELP = `Usage: keyless merge REPORT... [options]

Merges the JSON or SARIF reports of 'keyless scan --history [--shard I/N]' and 'keyless scan-repos'
into one: findings are deduplicated by fingerprint within a repository and path (the earliest
commit, by the scan's commit order, is kept; occurrences are summed); findings of different
repositories or paths are never merged. The merged report of all N shards of a scan is the report
of the unsharded scan.

Options:
  --format FORMAT       json | sarif (default: the reports' own format) | text
  -o, --output FILE     write the merged report to FILE instead of stdout
  --allow-partial       merge an incomplete set of shards (the report lists the missing ones);
                        without it a missing shard is an error (exit 2)
  --allow-unscanned     files or repositories that could not be scanned only warn; without it
                        the exit code is 2
  --fail-on SEVERITY    exit with findings only for critical | high | medium | low (default: any) | none
  --exit-code N         the exit code for findings (default 1)
  -q, --quiet           no summary on stderr
  -h, --help            this help

Shards that overlap (a shard twice, two splits, a whole scan with shards), or that scanned
different commits, are refused (exit 2).
Exit codes: 0 no findings, 1 findings, 2 usage or runtime error, missing shards or unscanned parts.
`;

export const SCAN_REPOS_HELP = `Usage: keyless scan-repos LIST [options]

Scans the history of every repository in LIST (one clone URL or local path per line; paths are
relative to LIST's directory; blank lines and # comments are skipped). Each is mirrored into the
work dir (git clone --mirror: every ref and every object, since a history scan reads every blob;
an existing mirror is fetched), through keyless's safe git settings (https, ssh and local paths
only; no configured program runs), then scanned with the incremental cache in a process of its
own. One merged report names the repository of each finding.

Options:
  --workdir DIR         where the mirrors are kept (default: the keyless cache dir's repos/)
  -j, --jobs N          repositories cloned and scanned at once (default: half the cores, at most 4)
  --format FORMAT       json (default) | sarif | text
  -o, --output FILE     write the merged report to FILE instead of stdout
  --config FILE         the config for every repository (default: each repository's own
                        keyless.config.json at its HEAD, else keyless's defaults)
  --confidence LEVEL    high | medium | low (as for scan)
  --no-cache            scan without the incremental history cache
  --allow-unscanned     repositories or files that could not be scanned only warn; without it
                        they are listed (stderr and the report's "notScanned") and the exit code is 2
  --fail-on SEVERITY    exit with findings only for critical | high | medium | low (default: any) | none
  --exit-code N         the exit code for findings (default 1)
  -q, --quiet           no progress or summary on stderr (failures are still listed)
  -h, --help            this help

A repository that cannot be cloned or scanned does not stop the others.
Exit codes: 0 no findings, 1 findings, 2 usage or runtime error, or a repository not scanned.
`;

export const PLAN_SHARDS_HELP = `Usage: keyless plan-shards N [PATH] --out DIR [options]

Lists the history of PATH (default .) once, plans its split into N shards by path exactly as
'keyless scan --history --shard I/N' does, and writes into DIR one file per shard,
shard-I-of-N.listing: every commit, with the blobs of that shard's paths only. Each shard job then
runs 'keyless scan --history --shard I/N --plan DIR' on its own clone at the same refs, and does not
list the history or plan the split again. Upload DIR as an artifact of the workflow's first job.

Options:
  --out DIR             where the listings are written (made if missing)
  --config FILE         the config (as for scan: it decides which paths are scanned and split)
  --config-from SOURCE  worktree (default) | head
  --include GLOB        also as for scan (repeatable)
  --exclude GLOB        also as for scan (repeatable)
  -q, --quiet           no summary on stderr
  --debug               the split on stderr
  -h, --help            this help

A shard refuses a listing made from other refs or another shallow boundary than its clone has,
one for another shard, and one cut short (exit 2). The listing is trusted input: it says which
versions exist. Pass it only between the jobs of one workflow, as their reports are.
Exit codes: 0 written, 2 usage or runtime error.
`;
