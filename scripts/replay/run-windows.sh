#!/usr/bin/env bash
# Replays every crash window of ../shared/data/prices (ETH and BTC together) under dynamic and
# static-matched with default parameters (500 traders), each whole file; 1-minute files are
# resampled to 5 minutes. REPLAY_DAY=1 replays only the 24 hours that end 4 hours after the
# window's lowest low (the earlier, shorter runs of docs/replay.md). REPLAY_OUT (default
# docs/replay) is where the JSON and the text table go.
# Usage: scripts/replay/run-windows.sh [window…]   (windows: 2020-03-12 2021-05-19 2022-05-09 2022-11-08)
set -euo pipefail
cd "$(dirname "$0")/../.."
PRICES=../shared/data/prices
declare -A FROM=([2020-03-12]=2020-03-12T06:00Z [2021-05-19]=2021-05-18T17:00Z [2022-05-09]=2022-05-11T11:00Z [2022-11-08]=2022-11-09T03:00Z)
declare -A TO=([2020-03-12]=2020-03-13T06:00Z [2021-05-19]=2021-05-19T17:00Z [2022-05-09]=2022-05-12T11:00Z [2022-11-08]=2022-11-10T03:00Z)
PORT=${REPLAY_PORT:-8746}
OUT=${REPLAY_OUT:-docs/replay}
mkdir -p "$OUT"
for w in "${@:-2020-03-12 2021-05-19 2022-05-09 2022-11-08}"; do
  for window in $w; do
    range=()
    if [ "${REPLAY_DAY:-0}" = 1 ]; then range=(--from "${FROM[$window]}" --to "${TO[$window]}"); fi
    npx tsx scripts/replay.ts --port "$PORT" \
      --market "ETH-USD=$PRICES/eth-$window.csv" --market "BTC-USD=$PRICES/btc-$window.csv" \
      "${range[@]}" --resample 300 \
      --traders "${REPLAY_TRADERS:-500}" --policy dynamic --policy static-matched --json "$OUT/$window.json" | tee "$OUT/$window.txt"
  done
done
