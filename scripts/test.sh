#!/usr/bin/env bash
# Runs every check and every test: types, lint, format, unit, integration, end to end.
# Installs what is missing first (scripts/setup.sh --test). Extra arguments go to vitest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test

step() { printf '\n\033[1;36m[test]\033[0m %s\n' "$*"; }
step "typecheck"; pnpm run typecheck
step "lint (no warnings)"; pnpm run lint
step "format"; pnpm run format:check
step "unit, integration and end-to-end tests"
mkdir -p .var
status=0
pnpm exec vitest run --reporter=default --reporter=json --outputFile.json=.var/vitest-results.json "$@" || status=$?
# One plain closing line for CI: "N passed, N failed".
node -e '
  const r = JSON.parse(require("fs").readFileSync(".var/vitest-results.json", "utf8"));
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
' || true
exit "$status"
