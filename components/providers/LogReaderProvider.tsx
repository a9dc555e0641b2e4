'use client'

import { createContext, useContext, useEffect, useState, type ReactNode } from 'react'
import { numberToHex, type RpcLog } from 'viem'
import { useClient } from 'wagmi'
import { useHeadBlockNumber } from '@/hooks/useHeadBlockNumber'
import { LogReader, type LogFilter } from '@/lib/events/logReader'

const LogReaderContext = createContext<LogReader | null>(null)

/**
 * The app's one log reader (lib/events/logReader.ts), driven by the newest block number
 * (pushed by the app's one block watcher): each new block, ONE `eth_getLogs` covering every event the mounted components
 * listen to. Mounted once in the root providers.
 */
export function LogReaderProvider({ children }: { children: ReactNode }) {
  // the bare client (no public-actions decorator: it would bring every viem action, signature
  // recovery included, into the first load); eth_getLogs is a plain request
  const client = useClient()
  const [reader] = useState(
    () =>
      new LogReader(async (filter: LogFilter) => {
        if (!client) throw new Error('no RPC client')
        return (await client.request({
          method: 'eth_getLogs',
          params: [{ address: filter.address, topics: filter.topics, fromBlock: numberToHex(filter.fromBlock), toBlock: numberToHex(filter.toBlock) }],
        } as never)) as RpcLog[]
      }),
  )
  const { data: head } = useHeadBlockNumber()
  useEffect(() => {
    if (head !== undefined) reader.setHead(head)
  }, [head, reader])
  return <LogReaderContext.Provider value={reader}>{children}</LogReaderContext.Provider>
}

export function useLogReader(): LogReader {
  const reader = useContext(LogReaderContext)
  if (!reader) throw new Error('useLogReader must be used inside <LogReaderProvider>')
  return reader
}
