'use client'

import { useEffect } from 'react'
import { useConnectionHealth } from '@/hooks/useConnectionHealth'

/**
 * A banner while the data is not live (no new block for a few block times, or block requests
 * failing), with the age of what is on screen. It also marks the page (`data-stale` on <body>) so
 * that the numbers are greyed; both go as soon as blocks come again, without a reload.
 */
export function StaleBanner() {
  const connection = useConnectionHealth()
  const stale = connection.status === 'stale'
  useEffect(() => {
    document.body.dataset.stale = String(stale)
    return () => {
      delete document.body.dataset.stale
    }
  }, [stale])
  if (connection.status !== 'stale') return null
  const seconds = Math.floor(connection.ageMs / 1000)
  return (
    <div role="alert" data-testid="stale-banner" className="border-b border-amber-600/60 bg-amber-950/90 text-sm text-amber-100">
      <div className="mx-auto max-w-7xl px-4 py-2">
        <strong className="font-semibold">Data not live.</strong>{' '}
        {connection.reason === 'requestsFailing' ? 'Requests to the RPC are failing.' : 'The RPC has sent no new block.'} What you see is from block{' '}
        <span className="font-mono" data-testid="stale-block">{connection.blockNumber?.toString() ?? '—'}</span>, last updated{' '}
        <span className="font-mono" data-testid="stale-age">{seconds} s</span> ago. Numbers are greyed until it recovers.
      </div>
    </div>
  )
}
