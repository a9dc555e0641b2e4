'use client'

import dynamic from 'next/dynamic'
import { useEffect } from 'react'
import { useAccount } from 'wagmi'
import { useWalletKit } from './WalletKitContext'

/**
 * Until RainbowKit is loaded: a button that looks and reads like RainbowKit's own, so a person sees
 * no difference; clicking it loads the kit and opens its modal.
 */
function ConnectPlaceholder({ onClick, busy }: { onClick: () => void; busy: boolean }) {
  return (
    <button
      type="button"
      onClick={onClick}
      aria-busy={busy}
      className="rounded-xl bg-emerald-500 px-3.5 py-2 text-base font-bold text-white shadow transition-transform hover:scale-[1.025]"
    >
      Connect Wallet
    </button>
  )
}

/** Shown while the kit downloads: a click meanwhile still opens the modal once it is there. */
function LoadingPlaceholder() {
  const { openConnectModal } = useWalletKit()
  return <ConnectPlaceholder onClick={openConnectModal} busy />
}

const WalletKit = dynamic(() => import('./WalletKit'), { ssr: false, loading: LoadingPlaceholder })

/**
 * The header's wallet button. A visitor without a connected wallet gets a light placeholder; the
 * wallet stack (RainbowKit's modal and account button) loads on the first click, or at once when
 * wagmi finds a wallet to reconnect.
 */
export function WalletButton() {
  const { status } = useAccount()
  const { wanted, load, openConnectModal, openRequests } = useWalletKit()
  // 'connecting' alone is not a wallet: wagmi's reconnect on every load passes through it
  const walletFound = status === 'connected' || status === 'reconnecting'
  const needed = wanted || walletFound
  useEffect(() => {
    if (walletFound) load()
  }, [walletFound, load])
  return needed ? <WalletKit openRequests={openRequests} /> : <ConnectPlaceholder onClick={openConnectModal} busy={false} />
}
