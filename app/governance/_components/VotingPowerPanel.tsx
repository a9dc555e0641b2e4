'use client'

import { useState } from 'react'
import { zeroAddress } from 'viem'
import { useAccount } from 'wagmi'
import { FieldError } from '@/components/FieldError'
import { useDeployment } from '@/hooks/useDeployment'
import { useTransaction } from '@/hooks/useTransaction'
import type { GovernanceSnapshot } from '@/hooks/useGovernanceSnapshot'
import { rampartTokenAbi } from '@/lib/contracts/abi/RampartToken'
import { formatAmount, shortAddress } from '@/lib/format'
import { checkDelegatee } from '@/lib/governance/delegatee'
import { Stat } from '@/components/Stat'
import { Panel } from '@/components/Panel'

const RPT_DECIMALS = 18

/** The connected account's RPT, its delegate and the votes delegated to it; delegate to self or to a typed address. */
export function VotingPowerPanel({ snapshot }: { snapshot: GovernanceSnapshot }) {
  const deployment = useDeployment()
  const { address } = useAccount()
  const { send, isBusy } = useTransaction()
  const [text, setText] = useState('')
  const [touched, setTouched] = useState(false)
  const account = snapshot.account
  if (!address || !account)
    return (
      <Panel title="Your voting power" testId="voting-power">
        <p className="text-sm text-zinc-400">Connect a wallet to see and delegate your voting power.</p>
      </Panel>
    )
  const delegated = account.delegate !== zeroAddress
  const check = checkDelegatee(text, delegated ? account.delegate : undefined)
  const delegate = (to: `0x${string}`) =>
    send({ abi: rampartTokenAbi, address: deployment.contracts.RampartToken, functionName: 'delegate', args: [to], label: to === address ? 'Delegate to yourself' : `Delegate to ${shortAddress(to)}` })
  return (
    <Panel title="Your voting power" testId="voting-power">
      <dl className="grid grid-cols-3 gap-3">
        <Stat label="RPT balance" testId="gov-balance">{formatAmount(account.balance, RPT_DECIMALS)}</Stat>
        <Stat label="Delegate" testId="gov-delegate" hint="Who votes with your balance. Undelegated tokens do not vote, not even for you.">
          {!delegated ? 'none' : account.delegate === address ? 'yourself' : shortAddress(account.delegate)}
        </Stat>
        <Stat label="Votes you hold" testId="gov-votes" hint="Your delegated-to-you votes now; a proposal counts them as they were at its snapshot.">
          {formatAmount(account.votes, RPT_DECIMALS)}
        </Stat>
      </dl>
      {!delegated && account.balance > 0n && (
        <p className="text-xs text-amber-300" data-testid="gov-undelegated">Your RPT is not delegated: it counts for no proposal until you delegate (to yourself, to vote).</p>
      )}
      <div className="flex flex-wrap items-start gap-2">
        <button
          type="button"
          className="rounded bg-emerald-600 px-3 py-1.5 text-sm font-medium disabled:opacity-50"
          disabled={isBusy || account.delegate === address}
          onClick={() => void delegate(address)}
          data-testid="gov-delegate-self"
        >
          Delegate to myself
        </button>
        <div className="min-w-64 flex-1">
          <div className="flex gap-2">
            <input
              className="w-full rounded border border-zinc-700 bg-zinc-950 px-2 py-1.5 font-mono text-sm"
              placeholder="0x… delegate address"
              value={text}
              onChange={(e) => {
                setText(e.target.value)
                setTouched(true)
              }}
              aria-label="Delegate address"
              data-testid="gov-delegate-input"
            />
            <button
              type="button"
              className="rounded bg-zinc-700 px-3 py-1.5 text-sm disabled:opacity-50"
              disabled={isBusy || !check.address}
              onClick={() => check.address && void delegate(check.address)}
              data-testid="gov-delegate-submit"
            >
              Delegate
            </button>
          </div>
          <FieldError message={touched ? check.error : undefined} testId="gov-delegate-error" />
        </div>
      </div>
    </Panel>
  )
}
