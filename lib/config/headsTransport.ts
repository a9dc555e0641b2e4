import { createTransport, http, webSocket, type EIP1193RequestFn, type Transport } from 'viem'

type Subscription = { subscriptionId: string | undefined; unsubscribe: () => Promise<unknown> }
type SubscribeParameters = {
  params: readonly unknown[]
  onData: (data: { result?: { number?: string } } & Record<string, unknown>) => void
  onError?: (error: unknown) => void
}

/**
 * Reads over HTTP, new blocks pushed over a WebSocket `newHeads` subscription.
 *
 * A new block reaches the page as soon as the node has it (no polling interval in between), and
 * every read stays an ordinary HTTP request (batched as before: one Multicall3 `eth_call` and one
 * `eth_getLogs` a block). Declared as a WebSocket transport so viem's watchers (wagmi's
 * `watchBlockNumber` in components/providers/BlockHeadWatcher.tsx, receipts) subscribe instead of polling.
 *
 * The subscription falls back to polling `eth_blockNumber` over HTTP every `pollingIntervalMs`
 * while the socket cannot deliver: no WebSocket at that address, or a dropped socket that viem is
 * reconnecting (it re-subscribes by itself; the first head it pushes stops the polling). Without a
 * WebSocket URL this is plain HTTP, and viem polls as it always did.
 */
export function headsOverWebSocket({
  httpUrl,
  fallbackUrls = [],
  wsUrl,
  pollingIntervalMs,
}: {
  httpUrl: string
  /** Further RPC URLs for the reads, tried in order when the ones before fail (lib/config/fallbackReads.ts). */
  fallbackUrls?: string[]
  wsUrl: string | null
  pollingIntervalMs: number
}): Transport {
  return (parameters) => {
    const reads = fallbackUrls.length === 0 ? http(httpUrl)(parameters) : lazyFallback([httpUrl, ...fallbackUrls])(parameters)
    if (!wsUrl) return reads
    // a node restart takes a few seconds: keep trying for ~10 s, polling meanwhile
    const socket = webSocket(wsUrl, { reconnect: { attempts: 10, delay: 1_000 } })(parameters)
    const request = reads.request as EIP1193RequestFn
    return createTransport(
      { key: 'headsOverWebSocket', name: 'HTTP reads, WebSocket heads', type: 'webSocket', request, retryCount: 0 },
      {
        async subscribe({ params, onData, onError }: SubscribeParameters): Promise<Subscription> {
          const socketSubscribe = (socket.value as unknown as { subscribe: (p: SubscribeParameters) => Promise<Subscription> }).subscribe
          if (params[0] !== 'newHeads') return socketSubscribe({ params, onData, onError })
          return subscribeHeads({ socketSubscribe, request, onData, onError, pollingIntervalMs })
        },
      },
    )
  }
}

/** Reads through viem's `fallback` over `urls`, its module loaded with the first read (see lib/config/fallbackReads.ts). */
function lazyFallback(urls: string[]): Transport {
  return (parameters) => {
    let loaded: Promise<EIP1193RequestFn> | undefined
    const request = (async (args) => {
      loaded ??= import('./fallbackReads').then(({ fallbackReads }) => fallbackReads(urls)(parameters).request as EIP1193RequestFn)
      return (await loaded)(args)
    }) as EIP1193RequestFn
    return createTransport({ key: 'fallbackReads', name: 'HTTP reads with fallbacks', type: 'http', request, retryCount: 0 })
  }
}

/** `newHeads` from the socket, or from polling while the socket is down; each block number once. */
async function subscribeHeads({
  socketSubscribe,
  request,
  onData,
  onError,
  pollingIntervalMs,
}: {
  socketSubscribe: (p: SubscribeParameters) => Promise<Subscription>
  request: EIP1193RequestFn
  onData: SubscribeParameters['onData']
  onError: SubscribeParameters['onError']
  pollingIntervalMs: number
}): Promise<Subscription> {
  let lastNumber: string | undefined
  let timer: ReturnType<typeof setInterval> | undefined
  let closed = false
  const emit = (data: Parameters<SubscribeParameters['onData']>[0]) => {
    const number = data.result?.number
    if (closed || number === undefined || number === lastNumber) return
    lastNumber = number
    onData(data)
  }
  const stopPolling = () => {
    if (timer !== undefined) clearInterval(timer)
    timer = undefined
  }
  const startPolling = () => {
    if (timer !== undefined || closed) return
    const poll = async () => {
      try {
        const number = (await request({ method: 'eth_blockNumber' })) as string
        emit({ result: { number } })
      } catch (error) {
        onError?.(error)
      }
    }
    timer = setInterval(poll, pollingIntervalMs)
    void poll()
  }
  let subscription: Subscription | undefined
  try {
    subscription = await socketSubscribe({
      params: ['newHeads'],
      onData(data) {
        stopPolling()
        emit(data)
      },
      // the socket dropped: poll until it is back and pushes again
      onError: () => startPolling(),
    })
  } catch {
    // no WebSocket here (or it refused the subscription): polling only
    startPolling()
  }
  return {
    get subscriptionId() {
      return subscription?.subscriptionId
    },
    async unsubscribe() {
      closed = true
      stopPolling()
      await subscription?.unsubscribe().catch(() => {})
    },
  }
}
