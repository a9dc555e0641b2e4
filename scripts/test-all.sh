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

# The indexer's tests run against a real PostgreSQL (Debian's server, started by the test itself).
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  step "PostgreSQL is missing: installing Debian's package"
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
  else
    echo "The indexer tests need PostgreSQL's server (Debian/Ubuntu: 'sudo apt-get install -y postgresql')." >&2
    exit 1
  fi
fi

# The indexer is its own package (installed by the root postinstall; a checkout whose root
# node_modules came another way may not have it): its chain test and e2e spec need it.
if [ ! -x indexer/node_modules/.bin/ponder ]; then
  step "the indexer's packages are missing: npm ci --prefix indexer"
  npm ci --prefix indexer --no-audit --no-fund
fi

step "contracts: build (sources and scripts: what the app, the deploys and the chain tests use)"
(cd contracts && ../$BIN/forge build --skip test)

# The contract tests (their compile, then about 7 CPU-minutes of unit, fuzz and invariant runs on one
# thread) go beside everything that follows: the type check, vitest, the production build and the
# end-to-end tests, which mostly wait for blocks. They compile into a copy of the build
# (out-tests/, cache-tests/, the cache's output paths rewritten, so only the test files compile),
# so nothing the deploys and the codegen read changes under them. Their output follows the
# end-to-end tests'.
step "contracts: forge test (compiles the tests, then one thread; beside the steps below)"
rm -rf contracts/out-tests contracts/cache-tests
cp -r contracts/out contracts/out-tests
mkdir -p contracts/cache-tests
sed 's#"artifacts":"out"#"artifacts":"out-tests"#; s#"build_infos":"out/build-info"#"build_infos":"out-tests/build-info"#' \
  contracts/cache/solidity-files-cache.json >contracts/cache-tests/solidity-files-cache.json
FORGE_LOG=$(mktemp)
(cd contracts && FOUNDRY_OUT=out-tests FOUNDRY_CACHE_PATH=cache-tests exec ../$BIN/forge test --threads 1) >"$FORGE_LOG" 2>&1 &
FORGE_PID=$!
# a failing step below ends the script: the background run goes with it
trap 'kill "$FORGE_PID" 2>/dev/null || true' EXIT
step "typed ABIs from the Foundry artifacts"
$BIN/wagmi generate
step "type check"
$BIN/tsc --noEmit
step "unit tests: vitest"
$BIN/vitest run
step "production build"
$BIN/next build
# One page, 5 price updates: the bench's code paths run on every change, so `npm run bench` cannot
# rot. No timing is asserted; it fails only if a measurement cannot be made.
step "bench smoke (npm run bench -- --quick --skip-build)"
$BIN/tsx scripts/bench/run.ts --quick --skip-build

step "end-to-end: playwright"
E2E_LOG=$(mktemp)
e2e_status=0
$BIN/playwright test 2>&1 | tee "$E2E_LOG" || e2e_status=$?
forge_status=0
wait "$FORGE_PID" || forge_status=$?
step "contracts: forge test output"
cat "$FORGE_LOG"
rm -f "$FORGE_LOG"
# The forge output is long: a CI log cut to its tail would hide which end-to-end test failed.
if [ "$e2e_status" -ne 0 ]; then
  step "end-to-end failures (again: the whole end-to-end output is above the forge output)"
  sed -n '/^  [0-9]*) /,$p' "$E2E_LOG" | tail -n 400
fi
rm -f "$E2E_LOG"
step "done (forge test exit $forge_status, playwright exit $e2e_status)"
[ "$forge_status" -eq 0 ] && [ "$e2e_status" -eq 0 ]
