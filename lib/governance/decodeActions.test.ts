import { describe, expect, it } from 'vitest'
import { encodeFunctionData, type Address, type Hex } from 'viem'
import { decodeAction, describeAction, encodeSetParameter, proposalActions } from './decodeActions'
import { parameterCatalog, type ParameterInfo } from './parameterCatalog'
import { parameterKeys } from './parameterKeys'
import { riskConfigAbi, testUsdAbi } from '../contracts/generated'

const CONFIG: Address = '0x5FbDB2315678afecb367f032d93F642f64180aa3'
const OTHER: Address = '0x00000000000000000000000000000000000000aa'
const WAD = 10n ** 18n
const pct = (x: number) => (BigInt(Math.round(x * 1e6)) * WAD) / 100_000_000n

function info(id: Hex, name: string, unit: string, value: bigint, minValue: bigint, maxValue: bigint, kind = 1): ParameterInfo {
  return { id, name, unit, value, minValue, maxValue, kind, updatedAt: 0n, governanceValue: value, governanceSetAt: 0n }
}

const mmBase = parameterKeys.tier('mmBase', 0n)
const maxLeverage = parameterKeys.tier('maxLeverage', 1n)
const volMultiplier = parameterKeys.tier('volMultiplier', 0n)
const takerFee = parameterKeys.market('takerFee', 0n)
const maxAge = parameterKeys.market('maxAge', 0n)
const insuranceShare = parameterKeys.global('insuranceShare')
const markets = [
  { marketId: 0n, name: 'ETH-USD', tierId: 0n },
  { marketId: 1n, name: 'BTC-USD', tierId: 0n },
  { marketId: 2n, name: 'SOL-USD', tierId: 1n },
]
const catalog = parameterCatalog(
  [
    info(mmBase, 'tier 0 maintenance margin base', 'wad', pct(1), pct(0.1), pct(50)),
    info(maxLeverage, 'tier 1 max leverage', 'wad', 10n * WAD, WAD, 100n * WAD),
    info(volMultiplier, 'tier 0 volatility multiplier', 'wad', 2n * WAD, 0n, 10n * WAD),
    info(takerFee, 'ETH-USD taker fee', 'wad', pct(0.05), 0n, pct(1), 3),
    info(maxAge, 'ETH-USD oracle max age', 'seconds', 60n, 10n, 86_400n, 6),
    info(insuranceShare, 'insurance share of fees', 'wad', pct(20), 0n, pct(50), 5),
  ],
  markets,
)
const ramp = (id: Hex, value: bigint) => {
  if (id === mmBase) return value > pct(1) ? ((value - pct(1)) * 3600n) / pct(0.5) : 0n
  return id === volMultiplier && value > 2n * WAD ? 178n * 3600n : 0n // RiskConfig: (90 % − floor) at the rate
}

describe('decodeAction', () => {
  it('reads a tier margin raise in words and numbers, naming the markets it reaches and its ramp', () => {
    const decoded = decodeAction({ target: CONFIG, value: 0n, calldata: encodeSetParameter(mmBase, pct(1.5)) }, CONFIG, catalog, ramp)
    expect(decoded.kind).toBe('setParameter')
    expect(describeAction(decoded)).toBe('ETH-USD, BTC-USD (tier 0) maintenance margin base: 1.00 % → 1.50 %, bounds 0.1–50 %, ramps over 1 h')
  })

  it('uses each unit: leverage as ×, fees as %, durations, global names capitalised; a cut applies at once', () => {
    const d = (id: Hex, v: bigint) => describeAction(decodeAction({ target: CONFIG, value: 0n, calldata: encodeSetParameter(id, v) }, CONFIG, catalog, ramp))
    expect(d(maxLeverage, 8n * WAD)).toBe('SOL-USD (tier 1) max leverage: 10× → 8×, bounds 1–100×, applies at once')
    expect(d(takerFee, pct(0.06))).toBe('ETH-USD taker fee: 0.05 % → 0.06 %, bounds 0–1 %, applies at once')
    expect(d(maxAge, 120n)).toBe('ETH-USD oracle max age: 1 min → 2 min, bounds 10 s – 1 d, applies at once')
    expect(d(insuranceShare, pct(25))).toBe('Insurance share of fees: 20.00 % → 25.00 %, bounds 0–50 %, applies at once')
  })

  it('a raise of the volatility multiplier: the target at once, open positions at the rise rate', () => {
    const d = (v: bigint) => describeAction(decodeAction({ target: CONFIG, value: 0n, calldata: encodeSetParameter(volMultiplier, v) }, CONFIG, catalog, ramp))
    expect(d(10n * WAD)).toBe(
      "ETH-USD, BTC-USD (tier 0) volatility multiplier: 2× → 10×, bounds 0–10×, target at once, open positions' margin at the rise rate (fast catch-up after 7 d 10 h)",
    )
    expect(d(WAD)).toContain('applies at once')
  })

  it('flags a value outside the hard bounds (execution would revert)', () => {
    const decoded = decodeAction({ target: CONFIG, value: 0n, calldata: encodeSetParameter(mmBase, pct(60)) }, CONFIG, catalog, ramp)
    expect(decoded.kind === 'setParameter' && decoded.outOfBounds).toBe(true)
    expect(describeAction(decoded)).toContain('OUT OF BOUNDS')
  })

  it('says when the ramp is not known yet, and describes an executed change as done', () => {
    const decoded = decodeAction({ target: CONFIG, value: 0n, calldata: encodeSetParameter(mmBase, pct(1.5)) }, CONFIG, catalog)
    expect(describeAction(decoded)).toBe('ETH-USD, BTC-USD (tier 0) maintenance margin base: 1.00 % → 1.50 %, bounds 0.1–50 %')
    expect(describeAction(decoded, { executed: true })).toBe('ETH-USD, BTC-USD (tier 0) maintenance margin base: set to 1.50 % (now 1.00 %), bounds 0.1–50 %')
  })

  it('keeps calldata it cannot read as an unknown action: another target, another function, ETH, an unlisted id, garbage', () => {
    const calldata = encodeSetParameter(mmBase, pct(1.5))
    const other = decodeAction({ target: OTHER, value: 0n, calldata }, CONFIG, catalog)
    expect(other).toMatchObject({ kind: 'unknown', reason: 'calls a contract other than the risk config' })
    const transfer = encodeFunctionData({
      abi: testUsdAbi,
      functionName: 'transfer',
      args: [OTHER, 1n],
    })
    expect(decodeAction({ target: CONFIG, value: 0n, calldata: transfer }, CONFIG, catalog)).toMatchObject({ kind: 'unknown', reason: 'function 0xa9059cbb is not setParameter' })
    expect(decodeAction({ target: CONFIG, value: 1n, calldata }, CONFIG, catalog)).toMatchObject({ kind: 'unknown', reason: 'sends ETH' })
    // another RiskConfig function decodes against the same ABI but is still not a parameter change
    const feeSplit = encodeFunctionData({ abi: riskConfigAbi, functionName: 'setFeeSplit', args: [1n, 1n] })
    expect(decodeAction({ target: CONFIG, value: 0n, calldata: feeSplit }, CONFIG, catalog)).toMatchObject({ kind: 'unknown', reason: `function ${feeSplit.slice(0, 10)} is not setParameter` })
    const unlisted = parameterKeys.tier('mmBase', 7n)
    expect(decodeAction({ target: CONFIG, value: 0n, calldata: encodeSetParameter(unlisted, 1n) }, CONFIG, catalog)).toMatchObject({ kind: 'unknown' })
    expect(decodeAction({ target: CONFIG, value: 0n, calldata: '0xdeadbeef' }, CONFIG, catalog)).toMatchObject({ kind: 'unknown', reason: 'function 0xdeadbeef is not setParameter' })
    expect(decodeAction({ target: CONFIG, value: 0n, calldata: '0x' }, CONFIG, catalog).kind).toBe('unknown')
    // The raw data is kept for the page to show.
    expect(other.action.calldata).toBe(calldata)
    expect(describeAction(other)).toBe('Unknown action: calls a contract other than the risk config')
  })

  it('zips a ProposalCreated event into actions and matches the target whatever its hex case', () => {
    const actions = proposalActions([CONFIG.toLowerCase() as Address], [0n], [encodeSetParameter(takerFee, pct(0.06))])
    expect(decodeAction(actions[0], CONFIG, catalog).kind).toBe('setParameter')
  })
})
