'use client'

import { createContext, useContext, useEffect, useState, type ReactNode } from 'react'
import { useClient } from 'wagmi'
import { useCurrentChain } from '@/hooks/useCurrentChain'
import { useHeadBlockNumber } from '@/hooks/useHeadBlockNumber'
import { LogReader } from '@/lib/events/logReader'
import { historyPageSize, historySource, indexerLogs, nodeLogs } from '@/lib/history/source'

const LogReaderContext = createContext<LogReader | null>(null)

/**
 * The app's one log reader (lib/events/logReader.ts), driven by the newest block number
 * (pushed by the app's one block watcher): each new block, ONE read covering every event the
 * mounted components listen to, from the source lib/history/source.ts picks (the indexer when
 * configured, else the node's `eth_getLogs`). Mounted once in the root providers.
 */
export function LogReaderProvider({ children }: { children: ReactNode }) {
  // the bare client (no public-actions decorator: it would bring every viem action, signature
  // recovery included, into the first load); eth_getLogs is a plain request
  const client = useClient()
  const chain = useCurrentChain()
  const [reader] = useState(() => {
    const source = historySource(chain)
    const read =
      source.kind === 'indexer'
        ? indexerLogs(source.url)
        : nodeLogs((args) => {
            if (!client) throw new Error('no RPC client')
            return client.request(args as never)
          })
    return new LogReader(read, historyPageSize(source))
  })
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
