'use client'

import Link from 'next/link'
import { usePathname } from 'next/navigation'
import { HeaderAccountSummary } from '@/components/account/AccountSummary'
import { useEffect, useState } from 'react'
import { NAVIGATION } from '@/lib/navigation'
import { WalletButton } from '@/components/wallet/WalletButton'
import { DeployedOnly } from '@/components/chain/ChainGate'
import { NetworkSelector } from '@/components/chain/NetworkSelector'

/**
 * The brand, the pages and the wallet button. From the `lg` breakpoint the pages are a row of
 * links; below it (phones, narrow windows) they fold into a menu button, so the wallet button
 * always stays in view.
 */
export function Header() {
  const pathname = usePathname()
  const [menuOpen, setMenuOpen] = useState(false)
  // a page chosen from the menu closes it
  useEffect(() => setMenuOpen(false), [pathname])
  const link = (item: (typeof NAVIGATION)[number], extra: string) => (
    <Link
      key={item.href}
      href={item.href}
      aria-current={pathname === item.href ? 'page' : undefined}
      className={`${extra} ${pathname === item.href ? 'text-zinc-100' : 'text-zinc-400 hover:text-zinc-200'}`}
    >
      {item.label}
    </Link>
  )
  return (
    <header className="border-b border-zinc-800 bg-zinc-950/80 backdrop-blur">
      <div className="mx-auto flex max-w-7xl items-center justify-between gap-3 px-4 py-3">
        <div className="flex min-w-0 items-center gap-3 lg:gap-8">
          <button
            type="button"
            className="rounded-md border border-zinc-700 px-2 py-1 text-sm text-zinc-300 lg:hidden"
            aria-expanded={menuOpen}
            aria-controls="main-menu"
            aria-label="Menu"
            data-testid="menu-button"
            onClick={() => setMenuOpen((open) => !open)}
          >
            {menuOpen ? '✕' : '☰'}
          </button>
          <Link href="/" className="shrink-0 text-lg font-semibold tracking-tight">
            <span className="text-emerald-400">▲</span> Rampart
          </Link>
          <nav className="hidden gap-4 text-sm lg:flex" aria-label="Main">
            {NAVIGATION.map((item) => link(item, 'whitespace-nowrap'))}
          </nav>
        </div>
        <div className="flex shrink-0 items-center gap-4">
          <DeployedOnly>
            <HeaderAccountSummary />
          </DeployedOnly>
          <NetworkSelector />
          <div data-testid="wallet-button" className="shrink-0">
            <WalletButton />
          </div>
        </div>
      </div>
      {menuOpen && (
        <nav id="main-menu" aria-label="Main" data-testid="main-menu" className="border-t border-zinc-800 px-4 py-2 lg:hidden">
          <div className="flex flex-col text-sm">{NAVIGATION.map((item) => link(item, 'py-2'))}</div>
        </nav>
      )}
    </header>
  )
}
