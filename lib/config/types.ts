import type { Address } from 'viem'

/** What `contracts/script/DeployDevnet.s.sol` writes to `deployments/<chainId>.json`. */
export type Deployment = {
  chainId: number
  deployBlock: number
  contracts: { Multicall3: Address; TestUSD: Address } & Record<string, Address>
}

/** Everything the browser needs to reach the chain, decided by the server at request time. */
export type AppConfig = {
  chainId: number
  chainName: string
  rpcUrl: string
  walletConnectProjectId: string | null
  deployment: Deployment
}
