#!/usr/bin/env bash
# Runs every check and every test: types, lint, format, unit, integration, end to end.
# Installs what is missing first (scripts/setup.sh --test).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test

step() { printf '\n\033[1;36m[test]\033[0m %s\n' "$*"; }
step "typecheck"; pnpm run typecheck
step "lint (no warnings)"; pnpm run lint
step "format"; pnpm run format:check
step "unit, integration and end-to-end tests"
pnpm exec vitest run "$@"
