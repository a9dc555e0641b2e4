'use client'

import { ConnectButton } from '@rainbow-me/rainbowkit'
import Link from 'next/link'
import { usePathname } from 'next/navigation'
import { HeaderAccountSummary } from '@/components/account/AccountSummary'
import { NAVIGATION } from '@/lib/navigation'

export function Header() {
  const pathname = usePathname()
  return (
    <header className="border-b border-zinc-800 bg-zinc-950/80 backdrop-blur">
      <div className="mx-auto flex max-w-7xl items-center justify-between gap-6 px-4 py-3">
        <div className="flex items-center gap-8">
          <Link href="/" className="text-lg font-semibold tracking-tight">
            <span className="text-emerald-400">▲</span> Rampart
          </Link>
          <nav className="flex gap-4 text-sm" aria-label="Main">
            {NAVIGATION.map((item) => (
              <Link
                key={item.href}
                href={item.href}
                aria-current={pathname === item.href ? 'page' : undefined}
                className={pathname === item.href ? 'text-zinc-100' : 'text-zinc-400 hover:text-zinc-200'}
              >
                {item.label}
              </Link>
            ))}
          </nav>
        </div>
        <div className="flex items-center gap-4">
          <HeaderAccountSummary />
          <ConnectButton chainStatus="icon" showBalance={false} />
        </div>
      </div>
    </header>
  )
}
