'use client'

import { useState } from 'react'
import { useAccount } from 'wagmi'
import { FieldError } from '@/components/FieldError'
import { useDeployment } from '@/hooks/useDeployment'
import type { RiskSnapshot } from '@/hooks/useRiskConsole'
import { useTransaction } from '@/hooks/useTransaction'
import { collateralAuctionAbi } from '@/lib/contracts/abi/CollateralAuction'
import { iDebtAuctionAbi } from '@/lib/contracts/abi/IDebtAuction'
import { testUsdAbi } from '@/lib/contracts/abi/TestUSD'
import { formatAmount, formatDuration, formatWad, shortAddress } from '@/lib/format'
import { mulDivDown, mulDivUp, WAD } from '@/lib/riskUnits'
import { validateAmount } from '@/lib/validation/amount'
import { Panel } from '@/components/Panel'

/** Live debt and collateral auctions: price, lot, time left, and a bid through the app's transaction flow. */
export function AuctionsPanel({ snapshot }: { snapshot: RiskSnapshot }) {
  const deployment = useDeployment()
  const { address } = useAccount()
  const tx = useTransaction()
  const [text, setText] = useState('')
  const { auction, timestamp, tokenDecimals: decimals } = snapshot
  const c = deployment.contracts
  const now = timestamp
  const running = auction.active && auction.remainingDeficit > 0n && now < auction.roundEnd
  const ended = auction.active && auction.remainingDeficit > 0n && now >= auction.roundEnd
  const balance = snapshot.account?.balance ?? 0n
  const checked = validateAmount(text, decimals, [
    { max: auction.remainingDeficit, message: `More than the deficit left (${formatAmount(auction.remainingDeficit, decimals)} tUSD).` },
    { max: balance, message: `More than your balance (${formatAmount(balance, decimals)} tUSD).` },
  ])
  const lotForDeficit = auction.priceNow === 0n ? 0n : mulDivDown(auction.remainingDeficit, WAD, auction.priceNow)

  const bid = async () => {
    if (!checked.ok) return
    const amount = checked.value
    if ((snapshot.account?.debtAuctionAllowance ?? 0n) < amount) {
      const approved = await tx.send({ abi: testUsdAbi, address: c.SettlementToken, functionName: 'approve', args: [c.DebtAuction, amount], label: 'Approve tUSD for the debt auction' })
      if (!approved) return
    }
    if (await tx.send({ abi: iDebtAuctionAbi, address: c.DebtAuction, functionName: 'bid', args: [amount, auction.priceNow], label: 'Bid in the debt auction' })) setText('')
  }
  const restart = () => tx.send({ abi: iDebtAuctionAbi, address: c.DebtAuction, functionName: 'restart', label: 'Restart the debt auction' })
  const bidLot = async (lotId: bigint, remaining: bigint, price: bigint) => {
    const cost = mulDivUp(remaining, price, WAD)
    if ((snapshot.account?.collateralAuctionAllowance ?? 0n) < cost) {
      if (!(await tx.send({ abi: testUsdAbi, address: c.SettlementToken, functionName: 'approve', args: [c.CollateralAuction, cost], label: 'Approve tUSD for the collateral auction' }))) return
    }
    await tx.send({ abi: collateralAuctionAbi, address: c.CollateralAuction, functionName: 'bid', args: [lotId, remaining, price], label: `Bid for collateral lot #${lotId}` })
  }
  const lots = snapshot.lots.filter((l) => l.remaining > 0n)

  return (
    <Panel title="Auctions" testId="auctions-panel">
      <div className="space-y-2 rounded border border-zinc-800 p-3" data-testid="debt-auction">
        <h3 className="text-sm font-medium">
          Debt auction <span className="text-xs text-zinc-400" data-testid="debt-auction-state">{running ? 'running' : ended ? 'round ended' : 'idle'}</span>
        </h3>
        {auction.active && auction.remainingDeficit > 0n ? (
          <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-5">
            <div><dt className="text-xs text-zinc-500">Deficit left</dt><dd className="font-mono" data-testid="debt-auction-deficit">{formatAmount(auction.remainingDeficit, decimals)} tUSD</dd></div>
            <div><dt className="text-xs text-zinc-500">Price</dt><dd className="font-mono" data-testid="debt-auction-price">{formatAmount(auction.priceNow, decimals, 4)} tUSD / RPT</dd></div>
            <div><dt className="text-xs text-zinc-500">Lot for the whole deficit</dt><dd className="font-mono" data-testid="debt-auction-lot">{formatWad(lotForDeficit)} RPT</dd></div>
            <div><dt className="text-xs text-zinc-500">Time left in round {String(auction.round)}</dt><dd className="font-mono" data-testid="debt-auction-time-left">{running ? formatDuration(auction.roundEnd - now) : 'ended'}</dd></div>
            <div><dt className="text-xs text-zinc-500">Mintable this period</dt><dd className="font-mono">{formatWad(auction.mintableNow)} RPT</dd></div>
          </dl>
        ) : (
          <p className="text-sm text-zinc-500">No deficit to raise.</p>
        )}
        {running && (
          <div className="flex flex-wrap items-start gap-2 text-sm">
            <div>
              <input aria-label="Bid amount (tUSD)" data-testid="debt-auction-amount" placeholder="tUSD to pay" inputMode="decimal" value={text} onChange={(e) => setText(e.target.value)} className="w-40 rounded border border-zinc-700 bg-zinc-900 px-2 py-1 font-mono" />
              {text !== '' && <FieldError message={checked.ok ? undefined : checked.error} testId="debt-auction-amount-error" />}
            </div>
            <button type="button" data-testid="debt-auction-bid" disabled={!address || !checked.ok || tx.isBusy} onClick={bid} className="rounded bg-emerald-600 px-3 py-1 text-white disabled:opacity-40">
              Bid
            </button>
            {checked.ok && auction.priceNow > 0n && <span className="text-xs text-zinc-400" data-testid="debt-auction-receive">≥ {formatWad(mulDivDown(checked.value, WAD, auction.priceNow))} RPT at this price or lower</span>}
            {!address && <span className="text-xs text-amber-300">Connect a wallet to bid.</span>}
          </div>
        )}
        {ended && (
          <button type="button" data-testid="debt-auction-restart" disabled={!address || tx.isBusy} onClick={restart} className="rounded border border-zinc-600 px-3 py-1 text-sm disabled:opacity-40">
            Start the next round
          </button>
        )}
      </div>
      <div className="space-y-2 rounded border border-zinc-800 p-3" data-testid="collateral-auctions">
        <h3 className="text-sm font-medium">Collateral auctions</h3>
        {lots.length === 0 ? (
          <p className="text-sm text-zinc-500" data-testid="collateral-auctions-none">No lot for sale.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {lots.map((lot) => {
              const end = lot.start + lot.duration
              return (
                <li key={String(lot.lotId)} data-testid={`collateral-lot-${lot.lotId}`} className="flex flex-wrap items-center gap-3 font-mono">
                  <span>#{String(lot.lotId)} {shortAddress(lot.asset)}</span>
                  <span>lot {formatWad(lot.remaining, 4)}</span>
                  <span>{formatAmount(lot.price, decimals, 4)} tUSD each</span>
                  <span>{now < end ? `${formatDuration(end - now)} left` : 'round ended'}</span>
                  <button type="button" disabled={!address || tx.isBusy || now >= end} onClick={() => bidLot(lot.lotId, lot.remaining, lot.price)} className="rounded bg-emerald-600 px-2 py-0.5 font-sans text-xs text-white disabled:opacity-40">
                    Buy all ({formatAmount(mulDivUp(lot.remaining, lot.price, WAD), decimals)} tUSD)
                  </button>
                </li>
              )
            })}
          </ul>
        )}
      </div>
      {tx.error && tx.error.kind !== 'rejected' && <p className="text-xs text-rose-400" data-testid="auction-error">{tx.error.message}</p>}
    </Panel>
  )
}
