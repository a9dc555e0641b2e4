import { describe, expect, it } from 'vitest'
import { parseDeployment } from './deployment'

const address = (n: number) => `0x${n.toString(16).padStart(40, '0')}`
const contracts = {
  Multicall3: address(1),
  SettlementToken: address(2),
  RiskConfig: address(3),
  OracleAggregator: address(4),
  PerpEngine: address(5),
  LiquidityPool: address(6),
  OrderRouter: address(9),
  PerpLens: address(10),
  PriceSources_ETH_USD: [address(7), address(8)],
}

describe('parseDeployment', () => {
  it('reads addresses, address lists and markets', () => {
    const deployment = parseDeployment({ chainId: 31337, deployBlock: 3, contracts, markets: { 'ETH-USD': 0 } }, 31337)
    expect(deployment.contracts.PerpEngine).toBe('0x0000000000000000000000000000000000000005')
    expect(deployment.addressLists.PriceSources_ETH_USD).toHaveLength(2)
    expect(deployment.markets).toEqual({ 'ETH-USD': 0 })
    expect(deployment.governance).toBeUndefined()
  })
  it('reads an older devnet file that names the settlement token TestUSD, under the one name', () => {
    const { SettlementToken: token, ...rest } = contracts
    const deployment = parseDeployment({ chainId: 31337, deployBlock: 0, contracts: { ...rest, TestUSD: token } }, 31337)
    expect(deployment.contracts.SettlementToken).toBe('0x0000000000000000000000000000000000000002')
    expect(deployment.contracts).not.toHaveProperty('TestUSD')
    expect(() => parseDeployment({ chainId: 31337, deployBlock: 0, contracts: rest }, 31337)).toThrow(/SettlementToken is missing/)
  })
  it('reads governance settings, numbers or decimal strings', () => {
    const governance = { votingDelay: 60, votingPeriod: '300', timelockDelay: 120, quorumPercent: 4, mintCap: '1000' }
    expect(parseDeployment({ chainId: 31337, deployBlock: 0, contracts, governance }, 31337).governance).toEqual({
      votingDelay: 60, votingPeriod: 300, timelockDelay: 120, quorumPercent: 4,
    })
    expect(() => parseDeployment({ chainId: 31337, deployBlock: 0, contracts, governance: { votingDelay: 'x' } }, 31337)).toThrow(/votingDelay/)
  })
  it('refuses another chain, a missing contract and a bad address', () => {
    expect(() => parseDeployment({ chainId: 1, deployBlock: 0, contracts }, 31337)).toThrow(/chain 1/)
    const { PerpEngine: _, ...missing } = contracts
    expect(() => parseDeployment({ chainId: 31337, deployBlock: 0, contracts: missing }, 31337)).toThrow(/PerpEngine is missing/)
    // A deployment from before two-step execution (no router or lens) is stale, not half usable.
    for (const name of ['OrderRouter', 'PerpLens'] as const) {
      const { [name]: _gone, ...stale } = contracts
      expect(() => parseDeployment({ chainId: 31337, deployBlock: 0, contracts: stale }, 31337)).toThrow(new RegExp(`${name} is missing`))
    }
    expect(() => parseDeployment({ chainId: 31337, deployBlock: 0, contracts: { ...contracts, SettlementToken: '0x12' } }, 31337)).toThrow(
      /SettlementToken is not an address/,
    )
    expect(() => parseDeployment({ chainId: 31337, deployBlock: -1, contracts }, 31337)).toThrow(/deployBlock/)
  })
})
