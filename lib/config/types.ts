import type { Address } from 'viem'

/** What `contracts/script/DeployDevnet.s.sol` writes to `deployments/<chainId>.json`. */
export type Deployment = {
  chainId: number
  deployBlock: number
  contracts: Record<(typeof REQUIRED_CONTRACTS)[number], Address> & Record<string, Address>
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
  'TestUSD',
  'RiskConfig',
  'OracleAggregator',
  'PerpEngine',
  'LiquidityPool',
  'OrderRouter',
  'PerpLens',
] as const

/** Everything the browser needs to reach the chain, decided by the server at request time. */
export type AppConfig = {
  chainId: number
  chainName: string
  rpcUrl: string
  /** Where the node pushes new blocks (`eth_subscribe` newHeads); null: the app polls `rpcUrl`. */
  rpcWsUrl: string | null
  walletConnectProjectId: string | null
  deployment: Deployment
  /**
   * The indexer's API (indexer/, `RAMPART_INDEXER_URL`): when set, the history views read their
   * logs from it (lib/history/source.ts); null: from the node (`eth_getLogs`).
   */
  indexerUrl: string | null
  /**
   * Without an indexer, how many blocks back the account and price histories read the node's logs
   * (`RAMPART_LOG_LOOKBACK_BLOCKS`); null: from the deploy block.
   */
  logLookbackBlocks: number | null
}
