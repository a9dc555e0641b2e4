'use client'

import { useEffect, useRef, useState } from 'react'
import { useHeadBlockNumber } from './useHeadBlockNumber'
import { connectionAt, withGap, type Connection } from '@/lib/connection/staleness'

/** How often the age on screen is re-evaluated while no block comes. */
const TICK_MS = 500

/**
 * Whether the page's numbers are live (lib/connection/staleness.ts), from the block number every
 * page already follows: no request of its own. Re-evaluated on a timer, so a node that stops
 * answering turns the page stale without any new data arriving.
 */
export function useConnectionHealth(): Connection & { blockNumber: bigint | undefined } {
  const { data: blockNumber, isError } = useHeadBlockNumber()
  const seen = useRef<{ block?: bigint; atMs?: number; gapsMs: number[] }>({ gapsMs: [] })
  const [nowMs, setNowMs] = useState(() => Date.now())

  if (blockNumber !== undefined && blockNumber !== seen.current.block) {
    const atMs = Date.now()
    // the first block read starts the clock; later ones also teach the block time
    seen.current = { block: blockNumber, atMs, gapsMs: seen.current.block === undefined ? [] : withGap(seen.current.gapsMs, seen.current.atMs, atMs) }
  }

  useEffect(() => {
    const timer = setInterval(() => setNowMs(Date.now()), TICK_MS)
    return () => clearInterval(timer)
  }, [])

  const connection = connectionAt({ nowMs: Math.max(nowMs, seen.current.atMs ?? 0), lastNewBlockAtMs: seen.current.atMs, gapsMs: seen.current.gapsMs, requestFailed: isError })
  return { ...connection, blockNumber }
}
