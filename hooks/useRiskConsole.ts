'use client'

import { useEffect, useMemo, useRef, useState } from 'react'
import { decodeFunctionResult, encodeFunctionData, zeroAddress, type ContractFunctionParameters, type ContractFunctionReturnType } from 'viem'
import { useAccount, useConfig, useReadContracts } from 'wagmi'
import { call } from 'wagmi/actions'
import { timed } from '@/lib/timing'
import { useDeployment } from '@/hooks/useDeployment'
import { collateralAuctionAbi } from '@/lib/contracts/abi/CollateralAuction'
import { iDebtAuctionAbi } from '@/lib/contracts/abi/IDebtAuction'
import { insuranceFundAbi } from '@/lib/contracts/abi/InsuranceFund'
import { iOracleAggregatorAbi } from '@/lib/contracts/abi/IOracleAggregator'
import { iPerpLensAbi } from '@/lib/contracts/abi/IPerpLens'
import { iRiskConfigAbi } from '@/lib/contracts/abi/IRiskConfig'
import { liquidationEngineAbi } from '@/lib/contracts/abi/LiquidationEngine'
import { multicall3Abi } from '@/lib/contracts/abi/Multicall3'
import { perpEngineAbi } from '@/lib/contracts/abi/PerpEngine'
import { testUsdAbi } from '@/lib/contracts/abi/TestUSD'
import { keyId, type PositionKey } from '@/lib/positions/openSet'
import { scaleFor } from '@/lib/riskUnits'
import type { ModelMarket, StoredPosition } from '@/lib/riskConsoleModel'
import { useBlockSnapshot } from './useBlockSnapshot'
import { useContractEvents } from './useContractEvents'
import { logsCurrent, useOpenPositionKeys } from './useOpenPositionKeys'

export type MarketView = ContractFunctionReturnType<typeof iPerpLensAbi, 'view', 'getMarket'>
export type PositionView = ContractFunctionReturnType<typeof iPerpLensAbi, 'view', 'getPositions'>[number]
export type OracleView = ContractFunctionReturnType<typeof iOracleAggregatorAbi, 'view', 'getOracleState'>
export type FundState = ContractFunctionReturnType<typeof insuranceFundAbi, 'view', 'fundState'>
export type AuctionState = ContractFunctionReturnType<typeof iDebtAuctionAbi, 'view', 'auctionState'>
type TierParams = ContractFunctionReturnType<typeof iRiskConfigAbi, 'view', 'tier'>
type OracleParams = ContractFunctionReturnType<typeof iRiskConfigAbi, 'view', 'oracleParams'>
type LotTuple = ContractFunctionReturnType<typeof collateralAuctionAbi, 'view', 'lots'>

export type { ConsoleRow } from '@/lib/riskConsoleModel'

export type CollateralLotView = { lotId: bigint; asset: `0x${string}`; remaining: bigint; price: bigint; start: bigint; duration: bigint }

export type RiskSnapshot = {
  blockNumber: bigint
  /** The block's timestamp: "now" for ages and auction clocks. */
  timestamp: bigint
  tokenDecimals: number
  scale: bigint
  markets: MarketView[]
  /** What the maths needs of each market (lib/riskConsoleModel.ts), in market order. */
  modelMarkets: ModelMarket[]
  oracles: OracleView[]
  fund: FundState
  auction: AuctionState
  lots: CollateralLotView[]
  liquidation: { keeperShare: bigint; fullHealth: bigint; minKeeperReward: bigint }
  /** Every open position that has been read, with its stored terms as of its read (read when it joined the set or its terms changed); the same array until one changes. Its risk at this block is the worker's (hooks/useRiskReport.ts). */
  positions: StoredPosition[]
  /** False while the position logs trail the block or positions are still being read. */
  complete: boolean
  /** The connected account's tUSD, and what it allows each auction to take (undefined without a wallet). */
  account?: { balance: bigint; debtAuctionAllowance: bigint; collateralAuctionAllowance: bigint }
}

/**
 * At most this many positions are read in one block's batch; a larger set is read over several
 * blocks. `getPositions` costs ~54k gas a key (27.1M for 500, measured with eth_estimateGas on the
 * devnet): with the rest of the batch, 500 passed the node's 30M eth_call cap and failed the whole
 * batch. 200 keys ≈ 10.8M.
 */
export const POSITION_READ_CHUNK = 200

/**
 * A first load larger than one block's chunk (10,000 positions would take 50 blocks at 200 a
 * block) is read beside the per-block batch: getPositions calls of this many keys (~21.6M gas, under
 * the node's 30M eth_call cap on their own; not joined into the multicall, which would pass it),
 * this many at a time, pinned to the latest snapshot's block.
 */
export const BACKLOG_READ_CHUNK = 400
export const BACKLOG_PARALLEL = 3

/** Events that change a position's stored terms without opening or closing it. */
const TERM_EVENTS_ABI = [...perpEngineAbi, ...liquidationEngineAbi] as const
const TERM_EVENTS = ['PositionIncreased', 'PositionReduced', 'CollateralAdded', 'CollateralRemoved', 'FundingSettled', 'Liquidated'] as const


type Decoded = {
  blockNumber: bigint
  timestamp: bigint
  tokenDecimals: number
  marketCount: number
  tierCount: number
  lotCount: number
  fund: FundState
  auction: AuctionState
  liquidation: RiskSnapshot['liquidation']
  account: { balance: bigint; debtAuctionAllowance: bigint; collateralAuctionAllowance: bigint }
  markets: MarketView[]
  tiers: TierParams[]
  oracleParams: OracleParams[]
  oracles: OracleView[]
  lots: CollateralLotView[]
  positions: PositionView[]
}

/**
 * Everything the risk console shows, in ONE multicall per block: markets, tiers, oracle states
 * and parameters, the fund, the debt and collateral auctions, the liquidation parameters, and the
 * positions that need reading. Positions are NOT re-read every block, nor when their market's
 * price moves: a position is read when it joins the open set or when a log says its terms changed
 * (increase, reduce, collateral, funding settled, partial liquidation); otherwise its risk is
 * recomputed in lib/risk.ts from its stored terms and the block's market state (price, margins),
 * funding carried forward by the change of the market's funding index.
 */
export function useRiskConsole(): { snapshot?: RiskSnapshot; isError: boolean } {
  const deployment = useDeployment()
  const { address } = useAccount()
  const account = address ?? zeroAddress
  const c = deployment.contracts
  const { keys, toBlock: keysToBlock } = useOpenPositionKeys()
  const termLogs = useContractEvents({
    addresses: c.LiquidationEngine ? [c.PerpEngine, c.LiquidationEngine] : [c.PerpEngine],
    abi: TERM_EVENTS_ABI,
    eventNames: TERM_EVENTS,
  })
  const [decoded, setDecoded] = useState<Decoded>()
  const [store, setStore] = useState<ReadonlyMap<string, StoredPosition>>(new Map())
  /** Keys being read by the backlog loader (not asked again by the block's batch meanwhile). */
  const inFlight = useRef(new Set<string>())
  const wagmiConfig = useConfig()
  const blockSnapshot = useBlockSnapshot({ enabled: keys !== undefined })

  // The last block at which each key's terms changed, from the logs.
  const termsChangedAt = useMemo(() => timed('risk:termsChangedAt', () => {
    const at = new Map<string, bigint>()
    for (const log of termLogs.logs ?? []) {
      const args = log.args as { trader: `0x${string}`; marketId: bigint }
      at.set(keyId(args), log.blockNumber)
    }
    return at
  }), [termLogs.logs])

  // Which positions to read is decided once per block, from what is known when the block arrives:
  // a request whose shape changed within a block would cost a second eth_call for that block.
  const toRead = useMemo(() => timed('risk:toRead', () => {
    const wanted: PositionKey[] = []
    for (const key of keys ?? []) {
      const id = keyId(key)
      if (inFlight.current.has(id)) continue
      const stored = store.get(id)
      const changed = termsChangedAt.get(id)
      // Not on a price change: health at the new price is computed locally from the stored terms.
      if (!stored || (changed !== undefined && changed >= stored.readBlock)) wanted.push(key)
      if (wanted.length === POSITION_READ_CHUNK) break
    }
    return wanted
  }), [blockSnapshot.blockNumber, keys === undefined]) // eslint-disable-line react-hooks/exhaustive-deps

  // How many markets, tiers and lots to batch: from the last snapshot, fixed for the block (as toRead).
  const shape = useMemo(
    () => ({ markets: decoded?.marketCount ?? Object.keys(deployment.markets).length, tiers: decoded?.tierCount ?? 0, lots: decoded?.lotCount ?? 0 }),
    [blockSnapshot.blockNumber], // eslint-disable-line react-hooks/exhaustive-deps
  )
  const config = { address: c.RiskConfig, abi: iRiskConfigAbi } as const
  const lens = { address: c.PerpLens, abi: iPerpLensAbi } as const
  const oracle = { address: c.OracleAggregator, abi: iOracleAggregatorAbi } as const
  const liquidation = { address: c.LiquidationEngine, abi: liquidationEngineAbi } as const
  const collateralAuction = { address: c.CollateralAuction, abi: collateralAuctionAbi } as const
  const token = { address: c.SettlementToken, abi: testUsdAbi } as const
  const fixed = [
    { address: c.Multicall3, abi: multicall3Abi, functionName: 'getCurrentBlockTimestamp' },
    { ...token, functionName: 'decimals' },
    { ...config, functionName: 'marketCount' },
    { ...config, functionName: 'tierCount' },
    { ...collateralAuction, functionName: 'lotCount' },
    { address: c.InsuranceFund, abi: insuranceFundAbi, functionName: 'fundState', args: [zeroAddress] },
    { address: c.DebtAuction, abi: iDebtAuctionAbi, functionName: 'auctionState' },
    { ...liquidation, functionName: 'keeperShare' },
    { ...liquidation, functionName: 'fullHealth' },
    { ...liquidation, functionName: 'minKeeperReward' },
    { ...token, functionName: 'balanceOf', args: [account] },
    { ...token, functionName: 'allowance', args: [account, c.DebtAuction] },
    { ...token, functionName: 'allowance', args: [account, c.CollateralAuction] },
  ] as const
  const ids = Array.from({ length: shape.markets }, (_, i) => BigInt(i))
  const lotIds = Array.from({ length: shape.lots }, (_, i) => BigInt(i))
  const contracts: readonly ContractFunctionParameters[] = [
    ...fixed,
    ...ids.map((id) => ({ ...lens, functionName: 'getMarket', args: [id] })),
    ...ids.map((id) => ({ ...config, functionName: 'oracleParams', args: [id] })),
    ...ids.map((id) => ({ ...oracle, functionName: 'getOracleState', args: [id] })),
    ...Array.from({ length: shape.tiers }, (_, i) => ({ ...config, functionName: 'tier', args: [BigInt(i)] })),
    ...lotIds.map((id) => ({ ...collateralAuction, functionName: 'lots', args: [id] })),
    ...lotIds.map((id) => ({ ...collateralAuction, functionName: 'priceOf', args: [id] })),
    ...(toRead.length > 0 ? [{ ...lens, functionName: 'getPositions', args: [toRead] }] : []),
  ]
  const { data, isError, isPlaceholderData } = useReadContracts({ contracts, allowFailure: false, ...blockSnapshot })

  // Decode only a result of this request's own layout (a placeholder is the previous block's).
  useEffect(() => {
    if (!data || isPlaceholderData || blockSnapshot.blockNumber === undefined) return
    const next = decode(data as readonly unknown[], fixed.length, shape, toRead.length > 0, blockSnapshot.blockNumber)
    setDecoded(next)
    if (next.positions.length > 0) setStore((previous) => withPositions(previous, next.positions, next.blockNumber, next.markets))
  }, [data, isPlaceholderData]) // eslint-disable-line react-hooks/exhaustive-deps

  // The backlog: a first load beyond one block's chunk is read in parallel calls beside the block's
  // batch (see BACKLOG_READ_CHUNK), pinned to the last decoded block, whose funding indices go with them.
  useEffect(() => {
    if (!decoded || keys === undefined || decoded.markets.length !== decoded.marketCount) return
    const unread = keys.filter((key) => !store.has(keyId(key)) && !inFlight.current.has(keyId(key)))
    if (unread.length <= POSITION_READ_CHUNK) return
    const { blockNumber, markets } = decoded
    const chunks: PositionKey[][] = []
    for (let at = 0; at < unread.length; at += BACKLOG_READ_CHUNK) chunks.push(unread.slice(at, at + BACKLOG_READ_CHUNK))
    for (const key of unread) inFlight.current.add(keyId(key))
    const readChunks = async () => {
      for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) {
        const part = chunk
        try {
          // A plain eth_call (batch: false): the app's multicall batching would join the chunks into one call over the cap.
          const { data: returned } = await call(wagmiConfig, { to: c.PerpLens, data: encodeFunctionData({ abi: iPerpLensAbi, functionName: 'getPositions', args: [part] }), blockNumber, batch: false })
          const views = decodeFunctionResult({ abi: iPerpLensAbi, functionName: 'getPositions', data: returned ?? '0x' })
          setStore((previous) => withPositions(previous, views, blockNumber, markets))
        } catch {
          // Left to the block's batch (or the next backlog pass).
        } finally {
          for (const key of part) inFlight.current.delete(keyId(key))
        }
      }
    }
    for (let i = 0; i < BACKLOG_PARALLEL; i++) void readChunks()
  }, [decoded?.blockNumber, keys]) // eslint-disable-line react-hooks/exhaustive-deps

  // The read positions in the open set's order. The SAME array while they are the same: the open
  // set's keys are rebuilt whenever the logs move, and a new array here would send every position
  // to the worker again and have it recompute every market.
  const lastPositions = useRef<StoredPosition[]>([])
  const positions = useMemo(() => timed('risk:positions', () => {
    const list: StoredPosition[] = []
    for (const key of keys ?? []) {
      const stored = store.get(keyId(key))
      if (stored) list.push(stored)
    }
    const previous = lastPositions.current
    if (list.length === previous.length && list.every((p, i) => p === previous[i])) return previous
    lastPositions.current = list
    return list
  }), [store, keys])

  const snapshot = useMemo((): RiskSnapshot | undefined => timed('risk:snapshot', () => {
    // The first block is read before the counts are known: wait for one whose batch had them all.
    if (!decoded || keys === undefined || decoded.markets.length !== decoded.marketCount || decoded.tiers.length !== decoded.tierCount || decoded.lots.length !== decoded.lotCount) return undefined
    const scale = scaleFor(decoded.tokenDecimals)
    const modelMarkets = decoded.markets.map((m, i): ModelMarket => ({
      marketId: m.marketId,
      price: m.price,
      mm: m.currentMaintenanceMargin,
      im: m.initialMarginRatio,
      fundingIndex: m.fundingIndex,
      volatility: m.volatility,
      penalty: decoded.tiers[Number(m.tierId)]?.liquidationPenalty ?? 0n,
      maxJump: decoded.oracleParams[i]?.maxJump ?? 0n,
      longOpenInterest: m.longOpenInterest,
      shortOpenInterest: m.shortOpenInterest,
      fundingRatePerSecond: m.fundingRatePerSecond,
    }))
    const marketIds = new Set(decoded.markets.map((m) => m.marketId))
    const missing = keys.length - positions.filter((p) => marketIds.has(p.marketId)).length
    return {
      blockNumber: decoded.blockNumber,
      timestamp: decoded.timestamp,
      tokenDecimals: decoded.tokenDecimals,
      scale,
      markets: decoded.markets,
      modelMarkets,
      oracles: decoded.oracles,
      fund: decoded.fund,
      auction: decoded.auction,
      lots: decoded.lots,
      liquidation: decoded.liquidation,
      positions,
      complete: missing === 0 && logsCurrent(keysToBlock, blockSnapshot.blockNumber),
      account: address ? decoded.account : undefined,
    }
  }), [decoded, positions, keys, keysToBlock, blockSnapshot.blockNumber, address])

  return { snapshot, isError }
}

/** The store with `views` read at `blockNumber` (closed ones, size 0, dropped; a newer read kept), each with its market's funding index then. */
function withPositions(previous: ReadonlyMap<string, StoredPosition>, views: readonly PositionView[], blockNumber: bigint, markets: readonly MarketView[]): ReadonlyMap<string, StoredPosition> {
  const fundingIndexOf = new Map(markets.map((m) => [m.marketId, m.fundingIndex]))
  const updated = new Map(previous)
  for (const view of views) {
    const id = keyId({ trader: view.trader, marketId: view.marketId })
    // A backlog read can land after a later block's read of the same key: keep the newer.
    if ((updated.get(id)?.readBlock ?? -1n) > blockNumber) continue
    if (view.size === 0n) updated.delete(id)
    else
      updated.set(id, {
        trader: view.trader,
        marketId: view.marketId,
        size: view.size,
        entryPrice: view.entryPrice,
        collateral: view.collateral,
        fundingOwed: view.fundingOwed,
        readBlock: blockNumber,
        fundingIndex: fundingIndexOf.get(view.marketId) ?? 0n,
      })
  }
  return updated
}

function decode(data: readonly unknown[], fixedCount: number, shape: { markets: number; tiers: number; lots: number }, withPositions: boolean, blockNumber: bigint): Decoded {
  const [timestamp, tokenDecimals, marketCount, tierCount, lotCount, fund, auction, keeperShare, fullHealth, minKeeperReward, balance, debtAuctionAllowance, collateralAuctionAllowance] =
    data.slice(0, fixedCount) as [bigint, number, bigint, bigint, bigint, FundState, AuctionState, bigint, bigint, bigint, bigint, bigint, bigint]
  let at = fixedCount
  const take = <T>(n: number) => {
    const part = data.slice(at, at + n) as T[]
    at += n
    return part
  }
  const markets = take<MarketView>(shape.markets)
  const oracleParams = take<OracleParams>(shape.markets)
  const oracles = take<OracleView>(shape.markets)
  const tiers = take<TierParams>(shape.tiers)
  const lotTuples = take<LotTuple>(shape.lots)
  const prices = take<bigint>(shape.lots)
  const positions = withPositions ? (data[at] as PositionView[]) : []
  return {
    blockNumber,
    timestamp,
    tokenDecimals,
    marketCount: Number(marketCount),
    tierCount: Number(tierCount),
    lotCount: Number(lotCount),
    fund,
    auction,
    liquidation: { keeperShare, fullHealth, minKeeperReward },
    account: { balance, debtAuctionAllowance, collateralAuctionAllowance },
    markets,
    tiers,
    oracleParams,
    oracles,
    lots: lotTuples.map(([asset, remaining, , , start, duration], i) => ({ lotId: BigInt(i), asset, remaining, price: prices[i], start, duration })),
    positions,
  }
}
