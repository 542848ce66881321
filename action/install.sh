#!/usr/bin/env bash
# The keyless GitHub Action's install step: builds keyless from the action's own checkout
# (ACTION_PATH, the ref the workflow names in `uses:`) with that checkout's pnpm lockfile, never the
# scanned project's dependencies, and exports KEYLESS_BIN for the scan step.
set -euo pipefail
action_path="${1:?usage: install.sh ACTION_PATH}"
cd "$action_path"
pnpm_version=$(node -p "require('./package.json').packageManager.split('@')[1]")
npx -y "pnpm@${pnpm_version}" install --frozen-lockfile --filter @keyless/scanner --config.confirmModulesPurge=false
npx -y "pnpm@${pnpm_version}" --filter @keyless/scanner exec tsc -b
bin="$action_path/packages/scanner/bin/keyless.js"
node "$bin" --version > /dev/null
if [ -n "${GITHUB_ENV:-}" ]; then echo "KEYLESS_BIN=$bin" >> "$GITHUB_ENV"; fi
echo "keyless $(node "$bin" --version) built from $action_path"
