#!/usr/bin/env bash
# Installs what a fresh Debian machine with Node 20 lacks, then the workspace's packages, then builds.
#   scripts/setup.sh          what the control room needs (ffmpeg, pnpm, packages, build)
#   scripts/setup.sh --test   also what the tests need (Chromium)
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

say() { printf '\033[1;36m[setup]\033[0m %s\n' "$*"; }

need_apt=()
command -v ffmpeg >/dev/null 2>&1 || need_apt+=(ffmpeg)
if [ "$want_test" = 1 ]; then
  command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
  command -v unshare >/dev/null 2>&1 || need_apt+=(util-linux)
  command -v ip >/dev/null 2>&1 || need_apt+=(iproute2)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  say "installing ${need_apt[*]} from Debian's packages"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${need_apt[@]}"
fi

pnpm_version=$(node -p "require('./package.json').packageManager.split('@')[1]")
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$pnpm_version" ]; then
  say "installing pnpm $pnpm_version"
  npm install -g "pnpm@$pnpm_version" >/dev/null
fi

# better-sqlite3 compiles against the local Node headers (its prebuilt download is out of reach here);
# Electron's binary cannot be downloaded here either: the shell is type-checked, not run.
export npm_config_nodedir="${npm_config_nodedir:-/usr}"
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
say "installing the workspace's packages"
pnpm install --frozen-lockfile

say "building"
pnpm run build
