import type { Metadata } from 'next'
import { GeistMono } from 'geist/font/mono'
import { GeistSans } from 'geist/font/sans'
import type { ReactNode } from 'react'
import { Providers } from '@/components/providers/Providers'
import { Header } from '@/components/layout/Header'
import { Footer } from '@/components/layout/Footer'
import { LiquidationNotifier } from '@/components/notifications/LiquidationNotifier'
import { StaleBanner } from '@/components/connection/StaleBanner'
import { loadAppConfig } from '@/lib/config/server'
import { DeployedOnly, SupportedChainGate } from '@/components/chain/ChainGate'
import './globals.css'

export const metadata: Metadata = {
  title: 'Rampart',
  description: 'Perpetual futures whose security model you can watch live.',
}

// The chains, their RPCs and deployments are read per request (see lib/config/server.ts).
export const dynamic = 'force-dynamic'

export default async function RootLayout({ children }: { children: ReactNode }) {
  const config = await loadAppConfig()
  return (
    <html lang="en" className={`${GeistSans.variable} ${GeistMono.variable}`}>
      <body className="flex min-h-screen flex-col font-sans">
        <Providers config={config}>
          <Header />
          <DeployedOnly>
            <StaleBanner />
          </DeployedOnly>
          <main className="mx-auto w-full max-w-7xl flex-1 px-4 py-8">
            <SupportedChainGate>{children}</SupportedChainGate>
          </main>
          <Footer />
          <DeployedOnly>
            <LiquidationNotifier />
          </DeployedOnly>
        </Providers>
      </body>
    </html>
  )
}
