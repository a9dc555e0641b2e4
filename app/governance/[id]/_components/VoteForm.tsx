'use client'

import { useState } from 'react'
import { useDeployment } from '@/hooks/useDeployment'
import { useTransaction } from '@/hooks/useTransaction'
import { rampartGovernorAbi } from '@/lib/contracts/abi/RampartGovernor'
import { VOTE_SUPPORT } from '@/lib/governance/proposals'

const CHOICES = [
  { key: 'for', label: 'For' },
  { key: 'against', label: 'Against' },
  { key: 'abstain', label: 'Abstain' },
] as const

/** For / against / abstain with an optional reason (`castVoteWithReason`: the reason is stored in the event). */
export function VoteForm({ proposalId, disabledReason }: { proposalId: bigint; disabledReason?: string }) {
  const deployment = useDeployment()
  const { send, isBusy } = useTransaction()
  const [support, setSupport] = useState<keyof typeof VOTE_SUPPORT>('for')
  const [reason, setReason] = useState('')
  return (
    <div className="space-y-2" data-testid="vote-form">
      <div className="flex gap-2" role="radiogroup" aria-label="Vote">
        {CHOICES.map((c) => (
          <button
            key={c.key}
            type="button"
            role="radio"
            aria-checked={support === c.key}
            className={`rounded px-3 py-1 text-sm ${support === c.key ? 'bg-emerald-600' : 'bg-zinc-800'}`}
            onClick={() => setSupport(c.key)}
            data-testid={`vote-support-${c.key}`}
          >
            {c.label}
          </button>
        ))}
      </div>
      <textarea
        className="w-full rounded border border-zinc-700 bg-zinc-950 px-2 py-1 text-sm"
        rows={2}
        placeholder="Reason (optional, public)"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        aria-label="Reason"
        data-testid="vote-reason"
      />
      {disabledReason && <p className="text-xs text-zinc-400" data-testid="vote-disabled-reason">{disabledReason}</p>}
      <button
        type="button"
        className="rounded bg-emerald-600 px-3 py-1.5 text-sm font-medium disabled:opacity-50"
        disabled={isBusy || !!disabledReason}
        onClick={() =>
          void send({
            abi: rampartGovernorAbi,
            address: deployment.contracts.RampartGovernor,
            functionName: 'castVoteWithReason',
            args: [proposalId, VOTE_SUPPORT[support], reason.trim()],
            label: `Vote ${support}`,
          })
        }
        data-testid="vote-submit"
      >
        Cast vote
      </button>
    </div>
  )
}
