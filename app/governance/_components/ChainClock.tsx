'use client'

import { useEffect, useState } from 'react'
import { formatDuration } from '@/lib/format'

/**
 * The chain's "now", ticking each second between blocks: the last snapshot's block time plus the
 * wall-clock seconds since it arrived (the Governor's clock is block time, which a devnet can warp).
 */
export function useChainNow(blockTimestamp: bigint): bigint {
  const [state, setState] = useState({ base: blockTimestamp, at: Date.now(), now: blockTimestamp })
  useEffect(() => {
    setState({ base: blockTimestamp, at: Date.now(), now: blockTimestamp })
  }, [blockTimestamp])
  useEffect(() => {
    const timer = setInterval(() => setState((s) => ({ ...s, now: s.base + BigInt(Math.floor((Date.now() - s.at) / 1000)) })), 1000)
    return () => clearInterval(timer)
  }, [])
  return state.now > blockTimestamp ? state.now : blockTimestamp
}

/** "in 4 min 10 s" / "2 min ago", from the chain's ticking now. */
export function Countdown({ at, now, testId }: { at: bigint; now: bigint; testId: string }) {
  const when = new Date(Number(at) * 1000).toLocaleString()
  const text = at > now ? `in ${formatDuration(at - now)}` : at < now ? `${formatDuration(now - at)} ago` : 'now'
  return (
    <span data-testid={testId} title={when}>
      {text}
    </span>
  )
}
