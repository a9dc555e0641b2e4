'use client'

import { useEffect, useMemo, useRef, useState } from 'react'
import type { ConsoleModelInput, ConsoleModelOutput, ConsoleRow } from '@/lib/riskConsoleModel'
import type { MarketReportPart } from '@/lib/riskReport'
import { measureSince, timed, timingStart } from '@/lib/timing'
import type { RiskSnapshot } from './useRiskConsole'

export type RiskReportView = {
  /** The block the figures are of (may trail the snapshot by the worker's time). */
  blockNumber: bigint
  /** Every read position's row, market by market; a market's rows keep their identity until that market changes. */
  rows: readonly ConsoleRow[]
  /** Per market, in the snapshot's market order; an unchanged market's part keeps its identity. */
  parts: readonly MarketReportPart[]
} & ConsoleModelOutput['report'] & { stress: ConsoleModelOutput['stress'] }

type Merged = { blockNumber: bigint; rowsByMarket: ReadonlyMap<bigint, ConsoleRow[]>; parts: ReadonlyMap<bigint, MarketReportPart>; output: ConsoleModelOutput }

/**
 * The risk console's figures for a snapshot, computed off the main thread in a Web Worker
 * (lib/riskConsole.worker.ts running lib/riskConsoleModel.ts): every position's risk and the
 * report, incremental by market. One request in flight at a time; a block that arrives meanwhile
 * waits, and only the newest waiting one is sent (a skipped block's positions go with the next).
 * `stress` (the what-if panel's shocks) is computed with each block and when it changes. The
 * model (lib/riskConsoleModel.ts) is the worker's alone: none of its maths ship in the page's bundle.
 */
export function useRiskReport(snapshot: RiskSnapshot | undefined, stress: ConsoleModelInput['stress']): RiskReportView | undefined {
  const [merged, setMerged] = useState<Merged>()
  const channel = useRef<{ post: (input: ConsoleModelInput) => void; busy: boolean; sentAt?: number; waiting?: ConsoleModelInput; sentPositions?: unknown }>(undefined)

  useEffect(() => {
    const receive = (output: ConsoleModelOutput) => {
      setMerged((previous) => timed('risk:merge', () => {
        // New maps only when something changed: the table re-sorts when its rows change.
        let rowsByMarket = previous?.rowsByMarket ?? new Map()
        if (output.rowsByMarket.length > 0) {
          rowsByMarket = new Map(rowsByMarket)
          for (const [id, rows] of output.rowsByMarket) (rowsByMarket as Map<bigint, ConsoleRow[]>).set(id, rows)
        }
        let parts = previous?.parts ?? new Map()
        if (output.parts.length > 0) {
          parts = new Map(parts)
          for (const [id, part] of output.parts) (parts as Map<bigint, MarketReportPart>).set(id, part)
        }
        return { blockNumber: output.blockNumber, rowsByMarket, parts, output }
      }))
      const state = channel.current
      if (!state) return
      // The worker's round trip (not main-thread time), for the scale measurement's record.
      if (state.sentAt !== undefined) measureSince('worker:risk-model', state.sentAt)
      state.busy = false
      const next = state.waiting
      state.waiting = undefined
      if (next) send(next)
    }
    // Its own chunk, fetched when the page mounts (not part of the page's first-load bundle); every
    // browser the dashboard supports has dedicated workers, so there is no main-thread fallback.
    const worker = new Worker(new URL('../lib/riskConsole.worker.ts', import.meta.url))
    worker.onmessage = (event: MessageEvent<ConsoleModelOutput>) => receive(event.data)
    const send = (input: ConsoleModelInput) => {
      channel.current!.busy = true
      channel.current!.sentAt = timingStart()
      timed('risk:post', () => worker.postMessage(input))
    }
    channel.current = { post: send, busy: false }
    return () => {
      worker.terminate()
      channel.current = undefined
    }
  }, [])

  const stressKey = stress === null ? 'none' : stress.map(([id, shock]) => `${id}:${shock}`).join(',')
  useEffect(() => {
    const state = channel.current
    if (!snapshot || !state) return
    const positionsChanged = state.sentPositions !== snapshot.positions
    const input: ConsoleModelInput = {
      blockNumber: snapshot.blockNumber,
      markets: snapshot.modelMarkets,
      // Positions travel only when they changed (a 10,000-position clone costs the main thread too);
      // a waiting input that is replaced keeps its positions for the one that replaces it.
      positions: positionsChanged ? snapshot.positions : state.waiting?.positions,
      fund: snapshot.fund,
      auction: snapshot.auction,
      liquidation: snapshot.liquidation,
      scale: snapshot.scale,
      stress,
    }
    state.sentPositions = snapshot.positions
    if (state.busy) state.waiting = input
    else state.post(input)
    // Once per decoded block (the snapshot is rebuilt more often: a new head, the logs' progress), per read, per shock.
  }, [snapshot?.blockNumber, snapshot?.positions, stressKey]) // eslint-disable-line react-hooks/exhaustive-deps

  // Markets in the snapshot's order; a string so a new block with the same markets keeps the view.
  const order = snapshot?.modelMarkets.map((m) => String(m.marketId)).join(',')
  const rowsByMarket = merged?.rowsByMarket
  const rows = useMemo(() => timed('risk:rowsConcat', () => {
    if (!rowsByMarket || order === undefined) return undefined
    const all: ConsoleRow[] = []
    for (const id of order.split(',')) for (const row of rowsByMarket.get(BigInt(id)) ?? []) all.push(row)
    return all
  }), [rowsByMarket, order])
  return useMemo(() => {
    if (!merged || !rows || order === undefined) return undefined
    const parts = order.split(',').flatMap((id) => merged.parts.get(BigInt(id)) ?? [])
    return { blockNumber: merged.blockNumber, rows, parts, ...merged.output.report, stress: merged.output.stress }
  }, [merged, rows, order])
}
