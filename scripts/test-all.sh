#!/usr/bin/env bash
# `npm test`: every test. Contracts (forge: unit, fuzz, invariant, gas snapshots), TypeScript unit
# tests (vitest), a type check, then end-to-end tests in Debian's Chromium against a production build
# with a fresh anvil and freshly deployed contracts.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
BIN=node_modules/.bin
CHROMIUM_PATH=${CHROMIUM_PATH:-/usr/bin/chromium}

START=$SECONDS
# Each step prints the seconds since the start, so a CI log shows where the time goes.
step() { printf '\n\033[1m== [%4ss] %s\033[0m\n' "$((SECONDS - START))" "$*"; }

if [ ! -x "$CHROMIUM_PATH" ]; then
  step "Chromium is missing: installing Debian's package"
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && apt-get install -y -qq chromium >/dev/null
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null && command -v apt-get >/dev/null; then
    sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null
  else
    echo "The end-to-end tests need Chromium at $CHROMIUM_PATH. Install it (Debian/Ubuntu:" >&2
    echo "'sudo apt-get install -y chromium') or point CHROMIUM_PATH at a Chromium binary." >&2
    exit 1
  fi
fi

step "contracts: build"
(cd contracts && ../$BIN/forge build)
step "typed ABIs from the Foundry artifacts"
$BIN/wagmi generate
step "type check"
$BIN/tsc --noEmit
step "contracts: forge test"
(cd contracts && ../$BIN/forge test)
step "unit tests: vitest"
$BIN/vitest run
step "production build"
$BIN/next build
step "end-to-end: playwright"
$BIN/playwright test
step "done"
