#!/usr/bin/env bash
# Seeds the devnet with one governance proposal in each state a user can meet:
# executed, queued, succeeded, defeated and active. Uses anvil time travel (evm_increaseTime),
# so run it on the devnet only, right after DeployGovernance (devnet settings).
# The proposals only touch governance-owned contracts (steward limits, mint limits, proposal
# threshold, guardian operator), so they work before the protocol core is deployed.
#
# Usage: contracts/script/seed-governance.sh [rpc-url] [deployments/governance-<chainId>.json]
# Needs: cast (npx cast works), jq. "Active" stays active for the voting period (5 minutes of
# chain time); re-run or advance time as needed.
set -euo pipefail
export npm_config_loglevel=error # quiet npx

RPC="${1:-http://127.0.0.1:8545}"
CAST="${CAST:-npx --no-install cast}"
here="$(cd "$(dirname "$0")" && pwd)"
CHAIN_ID="$($CAST chain-id --rpc-url "$RPC" 2>/dev/null)"
FILE="${2:-$here/../../deployments/governance-$CHAIN_ID.json}"

MNEMONIC="test test test test test test test test test test test junk"
key() { $CAST wallet private-key --mnemonic "$MNEMONIC" --mnemonic-index "$1" 2>/dev/null; }
K1="$(key 1)" # 20 M own + 10 M delegated by account 3
K2="$(key 2)" # 15 M

addr() { jq -r ".contracts.$1" "$FILE"; }
GOV="$(addr RampartGovernor)"
TOKEN="$(addr RampartToken)"
STEWARD="$(addr RiskSteward)"
GUARDIAN="$(addr PauseGuardian)"
A1="$($CAST wallet address --private-key "$K1" 2>/dev/null)"

c() { $CAST "$@" --rpc-url "$RPC" 2>/dev/null; }
send() { local k="$1"; shift; c send --private-key "$k" "$@" >/dev/null; }
advance() { c rpc evm_increaseTime "$1" >/dev/null; c rpc evm_mine >/dev/null; }

DELAY="$(c call "$GOV" 'votingDelay()(uint256)')"
PERIOD="$(c call "$GOV" 'votingPeriod()(uint256)')"
TL="$(jq -r .timelockDelay "$FILE")"

# name target calldata description
declare -A TARGET DATA DESC
proposal() { TARGET[$1]="$2"; DATA[$1]="$3"; DESC[$1]="$4"; }
proposal executed "$STEWARD" "$($CAST calldata 'setLimits(uint256,uint256)' 1000 900)" \
  "Risk steward cooldown: 10 min -> 15 min"
proposal queued "$TOKEN" "$($CAST calldata 'setMintLimits(uint256,uint256)' 2000000000000000000000000 3600)" \
  "Debt-auction mint cap: 1 M -> 2 M RPT per hour"
proposal succeeded "$GOV" "$($CAST calldata 'setProposalThreshold(uint256)' 2000000000000000000000)" \
  "Proposal threshold: 1 k -> 2 k RPT"
proposal defeated "$STEWARD" "$($CAST calldata 'setLimits(uint256,uint256)' 2500 600)" \
  "Risk steward step: 10 % -> 25 %"
proposal active "$GUARDIAN" "$($CAST calldata 'setOperator(address)' "$A1")" \
  "Guardian operator: deployer -> demo account 1"

propose() { # key name
  send "$1" "$GOV" 'propose(address[],uint256[],bytes[],string)' "[${TARGET[$2]}]" "[0]" "[${DATA[$2]}]" "${DESC[$2]}"
}
id() {
  local h; h="$($CAST keccak "${DESC[$1]}")"
  c call "$GOV" 'hashProposal(address[],uint256[],bytes[],bytes32)(uint256)' \
    "[${TARGET[$1]}]" "[0]" "[${DATA[$1]}]" "$h" | cut -d' ' -f1
}
vote() { send "$1" "$GOV" 'castVote(uint256,uint8)' "$(id "$2")" "$3"; } # 0 against, 1 for
queue_or_execute() { # fn name
  send "$K1" "$GOV" "$1(address[],uint256[],bytes[],bytes32)" "[${TARGET[$2]}]" "[0]" "[${DATA[$2]}]" \
    "$($CAST keccak "${DESC[$2]}")"
}

for p in executed queued succeeded defeated; do propose "$K1" "$p"; done
advance $((DELAY + 1))
for p in executed queued succeeded; do vote "$K1" "$p" 1; done
vote "$K1" defeated 0
vote "$K2" defeated 1
advance $((PERIOD + 1))
queue_or_execute queue executed
queue_or_execute queue queued
advance $((TL + 1))
queue_or_execute execute executed

propose "$K2" active
advance $((DELAY + 1))
vote "$K2" active 1

STATES=(Pending Active Canceled Defeated Succeeded Queued Expired Executed)
for p in executed queued succeeded defeated active; do
  s="$(c call "$GOV" 'state(uint256)(uint8)' "$(id "$p")")"
  echo "governance seed: ${STATES[$s]}: ${DESC[$p]}"
done
