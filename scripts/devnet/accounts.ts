import { mnemonicToAccount } from 'viem/accounts'
import { toHex } from 'viem'

/** anvil's well-known test mnemonic: devnet accounts only, never for real funds. */
export const DEVNET_MNEMONIC = 'test test test test test test test test test test test junk'

/** Account `index` of the devnet mnemonic, with its private key for scripts that sign. */
export function devnetAccount(index: number) {
  const account = mnemonicToAccount(DEVNET_MNEMONIC, { addressIndex: index })
  const privateKey = toHex(account.getHdKey().privateKey!)
  return { address: account.address, privateKey }
}

/** Roles on the devnet, by mnemonic index. 1-4 are the demo users the deploy script seeds. */
export const DEVNET_ROLES = { deployer: 0, priceFeeder: 0, keeper: 5 } as const
