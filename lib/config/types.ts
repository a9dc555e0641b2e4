import type { Address } from 'viem'

/** What `contracts/script/DeployDevnet.s.sol` writes to `deployments/<chainId>.json`. */
export type Deployment = {
  chainId: number
  deployBlock: number
  contracts: Record<(typeof REQUIRED_CONTRACTS)[number], Address> &
    Record<string, Address> & {
      /** The settlement token is `SettlementToken` on every chain (the devnet's old name is read as it): a use of the old name fails the type check instead of reading `undefined`. */
      TestUSD?: never
    }
  /** Lists of addresses the deploy records (e.g. each market's price sources), by key. */
  addressLists: Record<string, Address[]>
  /** Market ids by name, as listed at deploy time. */
  markets: Record<string, number>
  /** Governance settings the deploy used (delays in seconds), when governance is deployed. */
  governance?: { votingDelay: number; votingPeriod: number; timelockDelay: number; quorumPercent: number }
}

/**
 * Contracts every page may rely on. Since two-step execution (docs/two-step.md) trades go through
 * the OrderRouter and every position or market view through the PerpLens, so both are required.
 */
export const REQUIRED_CONTRACTS = [
  'Multicall3',
  'SettlementToken',
  'RiskConfig',
  'OracleAggregator',
  'PerpEngine',
  'LiquidityPool',
  'OrderRouter',
  'PerpLens',
] as const

/** One chain the dApp can show: where to reach it and what is deployed there. */
export type ChainConfig = {
  chainId: number
  name: string
  /** HTTP RPC URLs, the first preferred, the rest fallbacks in order. */
  rpcUrls: string[]
  /** Where the node pushes new blocks (`eth_subscribe` newHeads); null: the app polls the RPC. */
  rpcWsUrl: string | null
  explorerUrl: string | null
  /** The protocol on this chain; null: nothing deployed there, the app shows the chain as unsupported. */
  deployment: Deployment | null
  /** The settlement token has a public `faucet()` (the devnet's and a local test chain's TestUSD), never on a real network. */
  faucet: boolean
  /**
   * The indexer's API for this chain (indexer/, `RAMPART_INDEXER_URL` or the entry's `indexerUrl`):
   * when set, the history views read their logs from it (lib/history/source.ts); null: from the
   * node (`eth_getLogs`).
   */
  indexerUrl: string | null
  /**
   * Without an indexer, how many blocks back the account and price histories read the node's logs
   * (`RAMPART_LOG_LOOKBACK_BLOCKS` or the entry's `logLookbackBlocks`); null: from the deploy block.
   */
  logLookbackBlocks: number | null
}

/** Everything the browser needs to reach the chains, decided by the server at request time. */
export type AppConfig = {
  /** The configured chains, the first the default for a visitor who has not chosen. */
  chains: ChainConfig[]
  walletConnectProjectId: string | null
}
