#!/usr/bin/env bash
# `npm test`: every test. Contracts (forge: unit, fuzz, invariant, gas snapshots), TypeScript unit
# tests (vitest), a type check, then end-to-end tests in Debian's Chromium against a production build
# with fresh anvils and freshly deployed contracts.
#
# Two lanes, so both cores stay busy (timings in the README, "How long npm test takes"):
#   contracts lane:  compile the tests ─────────────────────────────► forge test (one thread)
#   main lane:       codegen ─► type check + next build ─► vitest ─► playwright
# after one shared step: `forge build` of the sources and scripts, which everything else needs.
# vitest waits for the tests' compile (its chain tests deploy with `forge script`: two forge
# processes must not write contracts/out and cache at the same time), and forge test waits for
# vitest (whose chain tests start keepers and anvils and wait for blocks: as on main, no forge
# campaign takes a core from them).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
BIN=node_modules/.bin
CHROMIUM_PATH=${CHROMIUM_PATH:-/usr/bin/chromium}
# A wrapper with forge's arguments may stand in (on a shared machine, one that queues for a core).
FORGE=${FORGE:-$PWD/$BIN/forge}

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

WORK=$(mktemp -d)
LANE_PID=
# On any exit, stop the contracts lane if it still runs (its forge is in the lane's process group).
cleanup() {
  if [ -n "$LANE_PID" ] && kill -0 "$LANE_PID" 2>/dev/null; then kill -- "-$LANE_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

step "contracts: build the sources and scripts"
(cd contracts && "$FORGE" build --skip test)

# The contracts lane: its output is printed after the end-to-end tests'. The fuzz and invariant
# campaigns (about 4 CPU-minutes) run on one core beside the end-to-end tests, which mostly wait
# for blocks. Neither lane writes what the other reads (forge's deploy test does not write deployments/).
step "contracts lane (in the background): compile the tests, then (after vitest) forge test --threads 1"
set -m # the lane gets its own process group, so cleanup can stop its forge too
(
  cd contracts
  started=$SECONDS
  "$FORGE" build
  echo "tests compiled in $((SECONDS - started)) s"
  : >"$WORK/tests-built"
  while [ ! -e "$WORK/vitest-done" ]; do sleep 1; done
  started=$SECONDS
  status=0
  "$FORGE" test --threads 1 || status=$?
  echo "forge test ran in $((SECONDS - started)) s"
  exit "$status"
) >"$WORK/forge.log" 2>&1 &
LANE_PID=$!
set +m

step "typed ABIs from the Foundry artifacts"
$BIN/wagmi generate
step "type check and production build (side by side)"
$BIN/tsc --noEmit &
TSC_PID=$!
$BIN/next build
wait "$TSC_PID"

step "waiting for the contracts lane to finish compiling the tests"
while [ ! -e "$WORK/tests-built" ]; do
  if ! kill -0 "$LANE_PID" 2>/dev/null; then
    cat "$WORK/forge.log"
    echo "the contracts lane stopped before the tests compiled" >&2
    exit 1
  fi
  sleep 1
done
step "unit tests: vitest"
$BIN/vitest run
: >"$WORK/vitest-done"

step "end-to-end: playwright"
e2e_status=0
$BIN/playwright test || e2e_status=$?
step "waiting for the contracts lane"
forge_status=0
wait "$LANE_PID" || forge_status=$?
LANE_PID=
step "contracts: forge build and forge test output"
cat "$WORK/forge.log"
step "done (forge test exit $forge_status, playwright exit $e2e_status)"
[ "$forge_status" -eq 0 ] && [ "$e2e_status" -eq 0 ]
