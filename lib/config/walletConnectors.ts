import type { Wallet, WalletList } from '@rainbow-me/rainbowkit'
import type { CreateConnectorFn } from 'wagmi'

/**
 * wagmi connectors for RainbowKit wallet definitions, without importing RainbowKit's main module
 * (its modal, buttons and styles), so the first load carries only the connectors: the modal loads
 * when a person asks to connect (components/wallet/WalletKit.tsx).
 *
 * RainbowKit's modal lists a connector as one of its wallets when the connector carries the
 * wallet's details under `rkDetails` with `isRainbowKitConnector`; `connectorsForWallets` in its
 * main module does the same. The WalletConnect wallet also gets the connector that opens
 * WalletConnect's own QR modal.
 */
export function walletConnectors(groups: WalletList, parameters: { appName: string; projectId: string }): CreateConnectorFn[] {
  const connectors: CreateConnectorFn[] = []
  groups.forEach(({ groupName, wallets }, groupIndex) => {
    wallets.forEach((createWallet, index) => {
      const { createConnector, hidden, ...details } = createWallet(parameters) as Wallet
      if (hidden?.()) return
      const meta = (extra: Record<string, unknown> = {}) => ({
        rkDetails: { ...details, groupIndex: groupIndex + 1, groupName, index, isRainbowKitConnector: true, ...extra },
      })
      if (details.id === 'walletConnect') connectors.push(createConnector(meta({ isWalletConnectModalConnector: true, showQrModal: true }) as never))
      connectors.push(createConnector(meta() as never))
    })
  })
  return connectors
}
