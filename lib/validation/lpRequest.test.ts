import { describe, expect, it } from 'vitest'
import { POOL_PRICE_PROBE } from '../pool/poolValue'
import { checkLpRequest } from './lpRequest'

const base = {
  tokenDecimals: 6,
  shareDecimals: 12,
  balance: 100n * 10n ** 6n,
  shares: 50n * 10n ** 12n,
  executionFee: 500_000n,
  unlockTime: 1_600n,
  now: 2_000n,
  probeAssets: POOL_PRICE_PROBE / 10n ** 6n, // one share = 1 tUSD
  slippageBps: 100n,
}

describe('checkLpRequest', () => {
  it('lets a deposit use the balance less the execution fee', () => {
    expect(checkLpRequest(true, '99.5', base)).toEqual({ amount: 99_500_000n, minOut: (99_500_000n * 10n ** 6n * 99n) / 100n })
    expect(checkLpRequest(true, '99.6', base).error).toMatch(/execution fee/)
  })
  it('refuses a withdrawal of more shares than held', () => {
    expect(checkLpRequest(false, '51', base).error).toMatch(/More than your shares/)
  })
  it('refuses a withdrawal during the holding time and says how long is left', () => {
    expect(checkLpRequest(false, '10', { ...base, unlockTime: 2_600n }).error).toMatch(/withdrawals open in 10 min/)
  })
  it('derives the minimum assets of a withdrawal from the price now and the slippage', () => {
    expect(checkLpRequest(false, '10', base)).toEqual({ amount: 10n * 10n ** 12n, minOut: 9_900_000n })
  })
  it('needs the fee in the wallet for a withdrawal', () => {
    expect(checkLpRequest(false, '10', { ...base, balance: 1n }).error).toMatch(/execution fee/)
  })
})
