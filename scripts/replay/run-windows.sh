#!/usr/bin/env bash
# Replays every crash window of ../shared/data/prices (ETH and BTC together) under dynamic and
# static-matched with default parameters, over the 24 hours that end 4 hours after the window's
# lowest low (see docs/replay.md); 1-minute files are resampled to 5 minutes.
# Usage: scripts/replay/run-windows.sh [window…]   (windows: 2020-03-12 2021-05-19 2022-05-09 2022-11-08)
set -euo pipefail
cd "$(dirname "$0")/../.."
PRICES=../shared/data/prices
declare -A FROM=([2020-03-12]=2020-03-12T06:00Z [2021-05-19]=2021-05-18T17:00Z [2022-05-09]=2022-05-11T11:00Z [2022-11-08]=2022-11-09T03:00Z)
declare -A TO=([2020-03-12]=2020-03-13T06:00Z [2021-05-19]=2021-05-19T17:00Z [2022-05-09]=2022-05-12T11:00Z [2022-11-08]=2022-11-10T03:00Z)
PORT=${REPLAY_PORT:-8746}
for w in "${@:-2020-03-12 2021-05-19 2022-05-09 2022-11-08}"; do
  for window in $w; do
    npx tsx scripts/replay.ts --port "$PORT" \
      --market "ETH-USD=$PRICES/eth-$window.csv" --market "BTC-USD=$PRICES/btc-$window.csv" \
      --from "${FROM[$window]}" --to "${TO[$window]}" --resample 300 \
      --traders "${REPLAY_TRADERS:-500}" --policy dynamic --policy static-matched --json "docs/replay/$window.json" | tee "docs/replay/$window.txt"
  done
done
