#!/usr/bin/env bash
# Seeds the devnet with one governance proposal in each state a user can meet:
# executed, queued, succeeded, defeated and active. Uses anvil time travel (evm_increaseTime,
# about 9 minutes of chain time in all), so run it on the devnet only, once, right after
# DeployDevnet (which deploys governance with devnet settings, delegates the demo votes and hands
# RiskConfig to the timelock).
#
# With the devnet deployment (deployments/<chainId>.json has contracts.RiskConfig), every proposal
# is a RiskConfig.setParameter(id, value) on a real risk parameter:
#   executed   tier 0 (ETH-USD, BTC-USD) maintenance margin base 1.0 % -> 1.5 %  (applied)
#   queued     ETH-USD taker fee 5 bps -> 6 bps                 (ready to execute: anyone may)
#   succeeded  tier 1 (SOL-USD) max leverage 10x -> 8x          (ready to queue)
#   defeated   tier 0 (ETH-USD, BTC-USD) max leverage 20x -> 50x (account 1 voted against)
#   active     insurance share of fees 20 % -> 25 %             (account 2 voted for; account 1 may
#              still vote; active for the voting period, 5 minutes of chain time)
# With only the standalone governance file (deployments/governance-<chainId>.json, no core), it
# falls back to proposals on governance-owned contracts (steward limits, mint limits, threshold,
# guardian operator).
#
# Usage: contracts/script/seed-governance.sh [rpc-url] [deployments file]
#   rpc-url defaults to http://127.0.0.1:8545; the file to deployments/<chainId>.json, else
#   deployments/governance-<chainId>.json. Needs: cast (npx cast works), jq. Prints one line per
#   proposal ("governance seed: <State>: <description>") and exits non-zero if a proposal is not
#   in the state it should be. Proposal ids depend on the descriptions: run it once per chain.
set -euo pipefail
export npm_config_loglevel=error # quiet npx

RPC="${1:-http://127.0.0.1:8545}"
CAST="${CAST:-npx --no-install cast}"
here="$(cd "$(dirname "$0")" && pwd)"
CHAIN_ID="$($CAST chain-id --rpc-url "$RPC" 2>/dev/null)"
FILE="${2:-}"

MNEMONIC="test test test test test test test test test test test junk"
key() { $CAST wallet private-key --mnemonic "$MNEMONIC" --mnemonic-index "$1" 2>/dev/null; }
K1="$(key 1)" # 20 M own + 10 M delegated by account 3
K2="$(key 2)" # 15 M

if [ -z "${2:-}" ]; then
  FILE="$here/../../deployments/$CHAIN_ID.json"
  [ -f "$FILE" ] && [ "$(jq -r '.contracts.RiskConfig // empty' "$FILE")" != "" ] ||
    FILE="$here/../../deployments/governance-$CHAIN_ID.json"
fi

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
TL="$(jq -r '.governance.timelockDelay // .timelockDelay' "$FILE")"
CONFIG="$(jq -r '.contracts.RiskConfig // empty' "$FILE")"

# name target calldata description
declare -A TARGET DATA DESC
proposal() { TARGET[$1]="$2"; DATA[$1]="$3"; DESC[$1]="$4"; }
if [ -n "$CONFIG" ]; then
  # Parameter ids (ParameterKeys): tier-scoped keccak256(abi.encode("tier", name, tierId)),
  # per market keccak256(abi.encode(name, marketId)), global keccak256(abi.encode(name)).
  tier_id() { $CAST keccak "$($CAST abi-encode 'f(string,string,uint256)' tier "$1" "$2")"; }
  market_id() { $CAST keccak "$($CAST abi-encode 'f(string,uint256)' "$1" "$2")"; }
  global_id() { $CAST keccak "$($CAST abi-encode 'f(string)' "$1")"; }
  set_param() { $CAST calldata 'setParameter(bytes32,uint256)' "$1" "$2"; }
  MM_BASE_T0="$(tier_id mmBase 0)"
  proposal executed "$CONFIG" "$(set_param "$MM_BASE_T0" 15000000000000000)" \
    "ETH-USD, BTC-USD (tier 0) maintenance margin base: 1.0 % -> 1.5 %"
  proposal queued "$CONFIG" "$(set_param "$(market_id takerFee 0)" 600000000000000)" \
    "ETH-USD taker fee: 5 bps -> 6 bps"
  proposal succeeded "$CONFIG" "$(set_param "$(tier_id maxLeverage 1)" 8000000000000000000)" \
    "SOL-USD (tier 1) max leverage: 10x -> 8x"
  proposal defeated "$CONFIG" "$(set_param "$(tier_id maxLeverage 0)" 50000000000000000000)" \
    "ETH-USD, BTC-USD (tier 0) max leverage: 20x -> 50x"
  proposal active "$CONFIG" "$(set_param "$(global_id insuranceShare)" 250000000000000000)" \
    "Insurance share of trading fees: 20 % -> 25 %"
else
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
fi

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
declare -A WANT=([executed]=Executed [queued]=Queued [succeeded]=Succeeded [defeated]=Defeated [active]=Active)
ok=1
for p in executed queued succeeded defeated active; do
  s="$(c call "$GOV" 'state(uint256)(uint8)' "$(id "$p")")"
  echo "governance seed: ${STATES[$s]}: ${DESC[$p]}"
  [ "${STATES[$s]}" = "${WANT[$p]}" ] || ok=0
done
if [ -n "$CONFIG" ]; then
  echo "governance seed: tier 0 mmBase now $(c call "$CONFIG" 'parameterValue(bytes32)(uint256)' "$MM_BASE_T0" | cut -d' ' -f1)"
fi
[ "$ok" = 1 ] || { echo "governance seed: unexpected proposal state" >&2; exit 1; }
