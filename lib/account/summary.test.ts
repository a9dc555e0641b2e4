import { describe, expect, it } from 'vitest'
import type { HistoryEntry, HistoryKind } from '../history/accountHistory'
import { accountSummary, realisedPnl } from './summary'

const usd = (x: number) => BigInt(Math.round(x * 1e6))
let n = 0
const entry = (kind: HistoryKind, tx: string, fields: Partial<HistoryEntry>): HistoryEntry => ({
  id: `${tx}:${n}`,
  kind,
  blockNumber: BigInt(++n),
  logIndex: 0,
  transactionHash: tx as `0x${string}`,
  ...fields,
})
const ETH = 0n
const BTC = 1n

describe('accountSummary', () => {
  it('adds the wallet to the positions, counts only what each position can release', () => {
    const summary = accountSummary(
      [
        // in profit: equity 1,300 over IMR 200, but only its 1,000 of collateral can be removed
        { marketId: ETH, collateral: usd(1000), equity: usd(1300), imr: usd(200) },
        // in loss: equity 400 over IMR 300 → 100 free
        { marketId: BTC, collateral: usd(600), equity: usd(400), imr: usd(300) },
        // under its initial margin: nothing free
        { marketId: 2n, collateral: usd(100), equity: usd(50), imr: usd(80) },
      ],
      usd(5000),
    )
    expect(summary).toEqual({
      equity: usd(5000 + 1300 + 400 + 50),
      marginUsed: usd(580),
      freeCollateral: usd(5000 + 1000 + 100),
      unrealisedPnl: usd(300 - 200 - 50),
    })
  })
  it('is the wallet alone without positions', () => {
    expect(accountSummary([], usd(7))).toEqual({ equity: usd(7), marginUsed: 0n, freeCollateral: usd(7), unrealisedPnl: 0n })
  })
})

describe('realisedPnl', () => {
  it('equals the booked PnL less fees and funding over a whole open → increase → reduce → remove → close', () => {
    // The engine's arithmetic, step by step: open 1,000 (fee 3) → 997; increase +200 with funding 1
    // and fee 2 → 1,194; reduce realising +50, funding 0.5, fee 1 → 1,242.5; remove 100 → 1,142.5;
    // close pays 1,180 (its PnL after funding − fee = 37.5).
    const history = [
      entry('open', '0x1', { marketId: ETH, collateral: usd(997), fee: usd(3) }),
      entry('funding', '0x2', { marketId: ETH, funding: usd(1) }),
      entry('increase', '0x2', { marketId: ETH, collateral: usd(1194), fee: usd(2) }),
      entry('funding', '0x3', { marketId: ETH, funding: usd(0.5) }),
      entry('reduce', '0x3', { marketId: ETH, realisedPnl: usd(50), fee: usd(1) }),
      entry('collateralRemoved', '0x4', { marketId: ETH, amount: usd(100), collateral: usd(1142.5) }),
      entry('funding', '0x5', { marketId: ETH, funding: usd(2) }),
      entry('close', '0x5', { marketId: ETH, realisedPnl: usd(38.5), payout: usd(1180), fee: usd(1) }),
    ]
    const result = realisedPnl(history, new Map())
    // −3 − 2 − 1 − 1 (fees) − 1 − 0.5 (funding) + 50 + 38.5 (booked, the close's after its funding)
    expect(result).toEqual({ value: usd(80), deposited: usd(1200), withdrawn: usd(1280), approximate: false })
  })

  it('counts the collateral of a position still open, and a liquidation as a loss', () => {
    const history = [
      entry('open', '0x1', { marketId: ETH, collateral: usd(498), fee: usd(2) }),
      entry('collateralAdded', '0x2', { marketId: ETH, amount: usd(100), collateral: usd(598) }),
      entry('liquidation', '0x3', { marketId: ETH, payout: usd(20), penalty: usd(15), full: true }),
      entry('open', '0x4', { marketId: BTC, collateral: usd(299), fee: usd(1) }),
    ]
    // ETH: 600 in, 20 back → −580; BTC: 300 in, 299 still there → −1.
    expect(realisedPnl(history, new Map([[BTC, usd(299)]]))).toEqual({ value: usd(-581), deposited: usd(900), withdrawn: usd(20), approximate: false })
  })

  it('says it is approximate when an increase follows a partial liquidation', () => {
    const history = [
      entry('open', '0x1', { marketId: BTC, collateral: usd(498), fee: usd(2) }),
      entry('liquidation', '0x2', { marketId: BTC, payout: 0n, penalty: usd(10), full: false }),
      entry('increase', '0x3', { marketId: BTC, collateral: usd(250), fee: usd(1) }),
    ]
    const result = realisedPnl(history, new Map([[BTC, usd(250)]]))
    expect(result.approximate).toBe(true)
    expect(result.value).toBe(usd(250 - 500))
    // without the increase the partial liquidation is exact: the collateral left is read from the lens
    expect(realisedPnl(history.slice(0, 2), new Map([[BTC, usd(260)]]))).toEqual({ value: usd(-240), deposited: usd(500), withdrawn: 0n, approximate: false })
  })
})
