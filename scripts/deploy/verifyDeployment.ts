/**
 * Checks a deployment's wiring on chain (issue 17): every contract has code, the timelock owns
 * RiskConfig (and with it every contract whose admin is its owner) with nothing pending, the
 * deployer kept no role, the contracts point at each other, each market reads the sources its
 * network file lists, and the timelock's delay is the file's. Returns what is wrong (empty: all
 * good), so a re-run can tell a finished deployment from one to redo.
 */
import { getAddress, type Address, type PublicClient } from 'viem'
import {
  insuranceFundAbi,
  oracleAggregatorAbi,
  perpEngineAbi,
  rampartTimelockAbi,
  rampartTokenAbi,
  riskConfigAbi,
  stakingVaultAbi,
} from '../../lib/contracts/generated'
import type { NetworkFile } from './networkFile'

/** The contracts a network deployment writes (contracts/script/DeployNetwork.s.sol). */
export const NETWORK_CONTRACTS = [
  'Multicall3',
  'SettlementToken',
  'RiskConfig',
  'OracleAggregator',
  'PerpEngine',
  'LiquidityPool',
  'OrderRouter',
  'PerpLens',
  'LiquidationEngine',
  'InsuranceFund',
  'StakingVault',
  'DebtAuction',
  'CollateralAuction',
  'RampartToken',
  'RampartGovernor',
  'Timelock',
  'RiskSteward',
  'PauseGuardian',
] as const

export type NetworkDeployment = {
  chainId: number
  deployBlock: number
  contracts: Record<(typeof NETWORK_CONTRACTS)[number], Address> & Record<string, Address | Address[]>
  markets: Record<string, number>
}

const ZERO = '0x0000000000000000000000000000000000000000'

export async function verifyDeployment(client: PublicClient, d: NetworkDeployment, network: NetworkFile, deployer: Address | null): Promise<string[]> {
  const problems: string[] = []
  const c = d.contracts
  const chainId = await client.getChainId()
  if (chainId !== d.chainId) problems.push(`the RPC serves chain ${chainId}, the deployment file is for chain ${d.chainId}`)
  for (const name of NETWORK_CONTRACTS) {
    if (typeof c[name] !== 'string') {
      problems.push(`${name}: missing from the deployment file`)
      continue
    }
    const code = await client.getCode({ address: c[name] })
    if (!code || code === '0x') problems.push(`${name}: no code at ${c[name]}`)
  }
  if (problems.length > 0) return problems

  const read = <T>(address: Address, abi: readonly unknown[], functionName: string, args: unknown[] = []) =>
    client.readContract({ address, abi, functionName, args } as never) as Promise<T>
  const same = (a: string, b: string) => getAddress(a) === getAddress(b)
  const expect = async (what: string, actual: Promise<string>, wanted: string) => {
    const value = await actual
    if (!same(value, wanted)) problems.push(`${what} is ${value}, expected ${wanted}`)
  }

  // ownership: the timelock owns RiskConfig, nothing pending
  await expect('RiskConfig.owner()', read(c.RiskConfig, riskConfigAbi, 'owner'), c.Timelock)
  await expect('RiskConfig.pendingOwner()', read(c.RiskConfig, riskConfigAbi, 'pendingOwner'), ZERO)
  await expect('RiskConfig.steward()', read(c.RiskConfig, riskConfigAbi, 'steward'), c.RiskSteward)
  await expect('RiskConfig.guardian()', read(c.RiskConfig, riskConfigAbi, 'guardian'), c.PauseGuardian)
  // wiring
  await expect('RiskConfig.engine()', read(c.RiskConfig, riskConfigAbi, 'engine'), c.PerpEngine)
  await expect('RiskConfig.stakingVault()', read(c.RiskConfig, riskConfigAbi, 'stakingVault'), c.StakingVault)
  await expect('PerpEngine.pool()', read(c.PerpEngine, perpEngineAbi, 'pool'), c.LiquidityPool)
  await expect('PerpEngine.router()', read(c.PerpEngine, perpEngineAbi, 'router'), c.OrderRouter)
  await expect('PerpEngine.liquidator()', read(c.PerpEngine, perpEngineAbi, 'liquidator'), c.LiquidationEngine)
  await expect('InsuranceFund.liquidationEngine()', read(c.InsuranceFund, insuranceFundAbi, 'liquidationEngine'), c.LiquidationEngine)
  await expect('InsuranceFund.stakingVault()', read(c.InsuranceFund, insuranceFundAbi, 'stakingVault'), c.StakingVault)
  await expect('InsuranceFund.debtAuction()', read(c.InsuranceFund, insuranceFundAbi, 'debtAuction'), c.DebtAuction)
  await expect('InsuranceFund.collateralAuction()', read(c.InsuranceFund, insuranceFundAbi, 'collateralAuction'), c.CollateralAuction)
  await expect('StakingVault.fund()', read(c.StakingVault, stakingVaultAbi, 'fund'), c.InsuranceFund)
  await expect('RampartToken.minter()', read(c.RampartToken, rampartTokenAbi, 'minter'), c.DebtAuction)
  // markets and their sources, as the network file lists them
  for (const [i, m] of network.markets.entries()) {
    if (d.markets[m.name] !== i) problems.push(`market ${m.name}: id ${d.markets[m.name]} in the deployment file, expected ${i}`)
    const sources = await read<Address[]>(c.OracleAggregator, oracleAggregatorAbi, 'getSources', [BigInt(i)])
    if (sources.length !== m.sources.length || sources.some((s, j) => !same(s, m.sources[j])))
      problems.push(`market ${m.name}: the oracle reads ${sources.join(', ')}, the network file lists ${m.sources.join(', ')}`)
  }
  // the timelock: the Governor proposes, the deployer holds nothing, the file's delay
  const [adminRole, proposerRole] = await Promise.all([
    read<`0x${string}`>(c.Timelock, rampartTimelockAbi, 'DEFAULT_ADMIN_ROLE'),
    read<`0x${string}`>(c.Timelock, rampartTimelockAbi, 'PROPOSER_ROLE'),
  ])
  if (!(await read<boolean>(c.Timelock, rampartTimelockAbi, 'hasRole', [proposerRole, c.RampartGovernor]))) problems.push('the Governor is not the timelock\'s proposer')
  if (deployer) {
    for (const [role, name] of [[adminRole, 'admin'], [proposerRole, 'proposer']] as const)
      if (await read<boolean>(c.Timelock, rampartTimelockAbi, 'hasRole', [role, deployer])) problems.push(`the deployer ${deployer} is still the timelock's ${name}`)
  }
  const delay = await read<bigint>(c.Timelock, rampartTimelockAbi, 'getMinDelay')
  if (delay !== network.governance.timelockDelay) problems.push(`the timelock's delay is ${delay} s, the network file says ${network.governance.timelockDelay} s`)
  return problems
}
