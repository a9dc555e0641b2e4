/** The protocol contracts whose every event is indexed, with their generated ABIs (one source: `npm run codegen`). */
import {
  collateralAuctionAbi,
  debtAuctionAbi,
  insuranceFundAbi,
  liquidationEngineAbi,
  liquidityPoolAbi,
  oracleAggregatorAbi,
  orderRouterAbi,
  pauseGuardianAbi,
  perpEngineAbi,
  rampartGovernorAbi,
  riskConfigAbi,
  riskStewardAbi,
  stakingVaultAbi,
} from '../../lib/contracts/generated'

export const INDEXED_CONTRACTS = {
  PerpEngine: perpEngineAbi,
  OrderRouter: orderRouterAbi,
  LiquidityPool: liquidityPoolAbi,
  OracleAggregator: oracleAggregatorAbi,
  RiskConfig: riskConfigAbi,
  LiquidationEngine: liquidationEngineAbi,
  InsuranceFund: insuranceFundAbi,
  StakingVault: stakingVaultAbi,
  DebtAuction: debtAuctionAbi,
  CollateralAuction: collateralAuctionAbi,
  RampartGovernor: rampartGovernorAbi,
  RiskSteward: riskStewardAbi,
  PauseGuardian: pauseGuardianAbi,
} as const

/** Every event name of a contract's ABI (an overloaded name once). */
export function eventNames(abi: readonly { type: string; name?: string }[]): string[] {
  return [...new Set(abi.filter((item) => item.type === 'event').map((item) => item.name!))]
}
