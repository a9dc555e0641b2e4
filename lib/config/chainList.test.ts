import { describe, expect, it } from 'vitest'
import { ChainListError, parseChainList, singleChainEntry, type NetworkSummary } from './chainList'

const networks: Record<string, NetworkSummary> = {
  'local-l2': { name: 'local-l2', chainId: 31338, rpcUrls: ['http://127.0.0.1:8580'], explorerUrl: null, feeds: 'pushed' },
  sepolia: { name: 'sepolia', chainId: 11155111, rpcUrls: ['https://a.example', 'https://b.example'], explorerUrl: 'https://sepolia.etherscan.io', feeds: 'chainlink' },
}
const network = (name: string) => {
  if (!networks[name]) throw new ChainListError(`no network file networks/${name}.json`)
  return networks[name]
}

describe('singleChainEntry', () => {
  it('is the devnet, with a faucet, from the single-chain variables as before', () => {
    expect(singleChainEntry({})).toEqual({
      chainId: 31337,
      name: 'Rampart Devnet',
      rpcUrls: ['http://127.0.0.1:8545'],
      rpcWsUrl: 'ws://127.0.0.1:8545',
      explorerUrl: null,
      faucet: true,
      keeperStatusUrl: 'http://127.0.0.1:8549/status',
    })
    const other = singleChainEntry({ RAMPART_CHAIN_ID: '10', RAMPART_RPC_URL: 'https://rpc.example', RAMPART_RPC_WS_URL: 'off', KEEPER_STATUS_URL: 'http://127.0.0.1:9/status' })
    expect(other).toMatchObject({ chainId: 10, name: 'Chain 10', rpcUrls: ['https://rpc.example'], rpcWsUrl: null, faucet: false, keeperStatusUrl: 'http://127.0.0.1:9/status' })
  })
})

describe('parseChainList', () => {
  it('reads explicit chains, and network files with fields overriding the file', () => {
    const chains = parseChainList(
      [
        { chainId: 31337, name: 'Rampart Devnet', rpcUrls: ['http://127.0.0.1:8546'] },
        { network: 'local-l2', name: 'Local L2', rpcUrls: ['http://127.0.0.1:8601'], faucet: true, keeperStatusUrl: 'http://127.0.0.1:8602/status' },
        { network: 'sepolia' },
      ],
      network,
    )
    expect(chains.map((c) => [c.chainId, c.name, c.rpcUrls, c.rpcWsUrl, c.faucet])).toEqual([
      [31337, 'Rampart Devnet', ['http://127.0.0.1:8546'], 'ws://127.0.0.1:8546', true],
      [31338, 'Local L2', ['http://127.0.0.1:8601'], 'ws://127.0.0.1:8601', true],
      [11155111, 'sepolia', ['https://a.example', 'https://b.example'], 'wss://a.example', false],
    ])
    expect(chains[2].explorerUrl).toBe('https://sepolia.etherscan.io')
    expect(chains[1].keeperStatusUrl).toBe('http://127.0.0.1:8602/status')
    expect(chains[2].keeperStatusUrl).toBeNull()
  })

  it('names each mistake by its place in the list', () => {
    const bad: [unknown, RegExp][] = [
      [[], /non-empty JSON list/],
      [[{ chainId: 31337 }], /RAMPART_CHAINS\[0\]\.rpcUrls/],
      [[{ chainId: 'x', rpcUrls: ['http://a'] }], /\[0\]\.chainId/],
      [[{ chainId: 1, rpcUrls: ['ws://a'] }], /\[0\]\.rpcUrls: must be a non-empty list of http/],
      [[{ chainId: 1, rpcUrls: ['http://a'] }, { chainId: 1, rpcUrls: ['http://b'] }], /\[1\]\.chainId: chain 1 is listed twice/],
      [[{ chainId: 1, rpcUrls: ['http://a'], rpc: 'x' }], /\[0\]\.rpc: unknown field/],
      [[{ network: 'mainnet' }], /no network file networks\/mainnet\.json/],
      [[{ network: 'local-l2', chainId: 5 }], /\[0\]\.chainId: 5, but networks\/local-l2\.json is chain 31338/],
    ]
    for (const [raw, message] of bad) expect(() => parseChainList(raw, network)).toThrow(message)
  })

  it('never gives a real network a faucet', () => {
    expect(() => parseChainList([{ network: 'sepolia', faucet: true }], network)).toThrow(/sepolia is a real network/)
  })
})
