import type { Page } from '@playwright/test'

/** What the test can make the wallet do, as a person at the wallet would. */
export type WalletControl = {
  /** The next request that needs the user's approval (send, sign, connect) is rejected (EIP-1193 4001). */
  rejectNextApproval(): void
  /** The user picks another network in the wallet. */
  switchNetwork(chainId: number): Promise<void>
}

/** `chainId`: the network the wallet is on, when it knows several (then its calls go to that chain's node). */
type RpcRequest = { method: string; params?: unknown[]; chainId?: number | null }
type RpcReply = { result: unknown } | { error: { code: number; message: string } }

const APPROVAL_METHODS = new Set([
  'eth_requestAccounts',
  'wallet_requestPermissions',
  'eth_sendTransaction',
  'personal_sign',
  'eth_signTypedData_v4',
])

/**
 * Installs an EIP-1193 wallet in the page, announced over EIP-6963 so RainbowKit lists it as an
 * installed wallet. It holds one of anvil's unlocked accounts: the wallet's own calls (accounts,
 * permissions, chain) are answered in the page; everything else is forwarded to anvil from the
 * test process, so the wallet's traffic never touches the page's network.
 */
export async function installInjectedWallet(
  page: Page,
  { account, rpcUrl, chainId, chains }: { account: `0x${string}`; rpcUrl: string; chainId?: number; chains?: Record<number, string> },
) {
  let rejectNext = false
  let requestId = 0

  await page.exposeBinding('__rampartWalletRpc', async (_source, request: RpcRequest): Promise<RpcReply> => {
    if (APPROVAL_METHODS.has(request.method) && rejectNext) {
      rejectNext = false
      return { error: { code: 4001, message: 'User rejected the request.' } }
    }
    if (request.method === 'eth_requestAccounts' || request.method === 'wallet_requestPermissions') return { result: 'approved' }
    const nodeUrl = (request.chainId != null && chains?.[request.chainId]) || rpcUrl
    const response = await fetch(nodeUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: ++requestId, method: request.method, params: request.params ?? [] }),
    })
    const body = (await response.json()) as { result?: unknown; error?: { code: number; message: string } }
    return body.error ? { error: body.error } : { result: body.result }
  })

  await page.addInitScript(
    ({ account, chainId, chainIds }) => {
      type Listener = (...args: unknown[]) => void
      const listeners = new Map<string, Set<Listener>>()
      const emit = (event: string, ...args: unknown[]) => listeners.get(event)?.forEach((listener) => listener(...args))
      const rpc = (window as unknown as { __rampartWalletRpc: (r: unknown) => Promise<any> }).__rampartWalletRpc
      let connected = sessionStorage.getItem('rampart-test-wallet') === 'connected'
      // A wallet can start on another network than the devnet's (null: the node's own chain).
      let reportedChainId: number | null = chainId ?? null
      const knownChains = chainIds.length > 0 ? chainIds : null

      const call = async (method: string, params?: unknown[]) => {
        const reply = await rpc({ method, params, chainId: reportedChainId })
        if ('error' in reply) throw Object.assign(new Error(reply.error.message), { code: reply.error.code })
        return reply.result
      }
      const connect = async (method: string) => {
        await call(method)
        connected = true
        sessionStorage.setItem('rampart-test-wallet', 'connected')
        emit('accountsChanged', [account])
      }

      const provider = {
        isRampartTestWallet: true,
        async request({ method, params }: { method: string; params?: unknown[] }) {
          switch (method) {
            case 'eth_requestAccounts':
              await connect(method)
              return [account]
            case 'eth_accounts':
              return connected ? [account] : []
            case 'wallet_requestPermissions':
              await connect(method)
              return [{ parentCapability: 'eth_accounts', caveats: [{ type: 'restrictReturnedAccounts', value: [account] }] }]
            case 'wallet_getPermissions':
              return connected ? [{ parentCapability: 'eth_accounts' }] : []
            case 'wallet_revokePermissions':
              connected = false
              sessionStorage.removeItem('rampart-test-wallet')
              emit('accountsChanged', [])
              return null
            case 'eth_chainId':
              return reportedChainId === null ? call(method) : `0x${reportedChainId.toString(16)}`
            case 'wallet_switchEthereumChain': {
              // A wallet that knows several networks switches to any of them.
              if (knownChains) {
                const wanted = Number(BigInt((params?.[0] as { chainId: string }).chainId))
                if (!knownChains.includes(wanted)) throw Object.assign(new Error(`Unrecognized chain ${wanted}`), { code: 4902 })
                reportedChainId = wanted
                emit('chainChanged', `0x${wanted.toString(16)}`)
                return null
              }
              const nodeChainId = (await call('eth_chainId')) as string
              const wanted = (params?.[0] as { chainId: string }).chainId
              if (BigInt(wanted) !== BigInt(nodeChainId))
                throw Object.assign(new Error(`Unrecognized chain ${wanted}`), { code: 4902 })
              reportedChainId = null
              emit('chainChanged', wanted)
              return null
            }
            default:
              return call(method, params)
          }
        },
        on(event: string, listener: Listener) {
          if (!listeners.has(event)) listeners.set(event, new Set())
          listeners.get(event)!.add(listener)
          return provider
        },
        removeListener(event: string, listener: Listener) {
          listeners.get(event)?.delete(listener)
          return provider
        },
      }

      const info = {
        uuid: '6f4a1b1e-7c8d-4f2a-9a55-0c9f6d3e2b10',
        name: 'Rampart Test Wallet',
        icon: "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Crect width='32' height='32' rx='6' fill='%2310b981'/%3E%3C/svg%3E",
        rdns: 'dev.rampart.testwallet',
      }
      const announce = () =>
        window.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail: Object.freeze({ info, provider }) }))
      // The test's handle on the wallet's own UI (see WalletControl.switchNetwork).
      Object.assign(window, {
        __rampartTestWallet: {
          switchNetwork(id: number) {
            reportedChainId = id
            emit('chainChanged', `0x${id.toString(16)}`)
          },
        },
      })
      window.addEventListener('eip6963:requestProvider', announce)
      announce()
    },
    { account, chainId, chainIds: Object.keys(chains ?? {}).map(Number) },
  )

  const control: WalletControl = {
    rejectNextApproval() {
      rejectNext = true
    },
    async switchNetwork(id) {
      await page.evaluate((chainId) => {
        ;(window as unknown as { __rampartTestWallet: { switchNetwork(id: number): void } }).__rampartTestWallet.switchNetwork(chainId)
      }, id)
    },
  }
  return control
}
