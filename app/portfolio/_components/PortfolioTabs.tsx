'use client'

import { useState, type ReactNode } from 'react'

const TABS = [
  ['positions', 'Positions'],
  ['history', 'History'],
] as const
type Tab = (typeof TABS)[number][0]

/** Open positions and orders, or the account's history: one at a time. */
export function PortfolioTabs({ positions, history }: { positions: ReactNode; history: ReactNode }) {
  const [tab, setTab] = useState<Tab>('positions')
  return (
    <div className="space-y-4">
      <div role="tablist" className="flex gap-1 border-b border-zinc-800">
        {TABS.map(([id, label]) => (
          <button
            key={id}
            role="tab"
            aria-selected={tab === id}
            data-testid={`portfolio-tab-${id}`}
            onClick={() => setTab(id)}
            className={`-mb-px border-b-2 px-3 py-2 text-sm ${tab === id ? 'border-emerald-400 text-zinc-100' : 'border-transparent text-zinc-400 hover:text-zinc-200'}`}
          >
            {label}
          </button>
        ))}
      </div>
      <div role="tabpanel">{tab === 'positions' ? positions : history}</div>
    </div>
  )
}
