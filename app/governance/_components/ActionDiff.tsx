'use client'

import { useState } from 'react'
import { describeAction, type DecodedAction } from '@/lib/governance/decodeActions'

/**
 * A proposal's actions in words and numbers, one line each; what cannot be decoded shows as an
 * "unknown action" with its target and raw calldata. The raw calldata of every action on demand.
 */
export function ActionDiff({ actions, executed = false }: { actions: readonly DecodedAction[]; executed?: boolean }) {
  const [raw, setRaw] = useState(false)
  return (
    <div className="space-y-2" data-testid="action-diff">
      <ol className="space-y-2 text-sm">
        {actions.map((action, i) => (
          <li key={i} className="rounded border border-zinc-800 p-2" data-testid={`action-${i}`}>
            {action.kind === 'setParameter' ? (
              <p className={action.outOfBounds ? 'text-rose-300' : undefined} data-testid={`action-text-${i}`}>
                {describeAction(action, { executed })}
              </p>
            ) : (
              <div className="space-y-1" data-testid={`action-unknown-${i}`}>
                <p className="font-medium text-amber-300">Unknown action</p>
                <p className="text-xs text-zinc-400">
                  {action.reason}. The dashboard cannot say what it does: read the target and calldata before voting.
                </p>
                <p className="font-mono text-xs">
                  target <span data-testid={`action-target-${i}`}>{action.action.target}</span>
                  {action.action.value > 0n && <> · value {action.action.value.toString()} wei</>}
                </p>
                <pre className="overflow-x-auto whitespace-pre-wrap break-all font-mono text-xs text-zinc-300" data-testid={`action-unknown-data-${i}`}>
                  {action.action.calldata}
                </pre>
              </div>
            )}
            {raw && action.kind === 'setParameter' && (
              <pre className="mt-1 overflow-x-auto whitespace-pre-wrap break-all font-mono text-xs text-zinc-500" data-testid={`action-raw-${i}`}>
                {action.action.target} {action.action.calldata}
              </pre>
            )}
          </li>
        ))}
      </ol>
      <button type="button" className="text-xs text-zinc-400 underline" onClick={() => setRaw((r) => !r)} data-testid="action-raw-toggle">
        {raw ? 'Hide raw calldata' : 'Show raw calldata'}
      </button>
    </div>
  )
}
