'use client'

import { useCallback, useEffect, useSyncExternalStore } from 'react'
import { useLogReader } from '@/components/providers/LogReaderProvider'
import type { LogSnapshot, LogSubscription } from '@/lib/events/logReader'

const NOTHING: LogSnapshot<never> = { isError: false }

/**
 * A subscription to the app's log reader: its cache (read once from its start block, then
 * extended with the one shared `eth_getLogs` of each new block). The subscription's key names
 * its cache; components with the same key share it. `enabled: false` mounts nothing.
 */
export function useLogs<T>(subscription: LogSubscription<T>, enabled = true) {
  const reader = useLogReader()
  const { key } = subscription
  useEffect(() => {
    if (!enabled) return
    return reader.mount(subscription)
    // The key names the subscription's whole definition.
  }, [reader, key, enabled]) // eslint-disable-line react-hooks/exhaustive-deps
  const listen = useCallback((onChange: () => void) => (enabled ? reader.listen(key, onChange) : () => {}), [reader, key, enabled])
  const current = () => (enabled ? (reader.snapshot<T>(key) ?? NOTHING) : NOTHING) as LogSnapshot<T>
  const snapshot = useSyncExternalStore(listen, current, current)
  return {
    logs: snapshot.cache?.logs,
    toBlock: snapshot.cache?.toBlock,
    watchedFrom: snapshot.watchedFrom,
    isLoading: enabled && !snapshot.cache && !snapshot.isError,
    isError: snapshot.isError,
  }
}
