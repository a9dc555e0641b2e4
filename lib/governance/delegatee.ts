import { getAddress, isAddress, zeroAddress, type Address } from 'viem'

/** A typed delegate address, or why it cannot be one (checked before any transaction). */
export function checkDelegatee(text: string, current?: Address): { address: Address; error?: undefined } | { address?: undefined; error: string } {
  const trimmed = text.trim()
  if (trimmed === '') return { error: 'Enter an address (0x…).' }
  if (!isAddress(trimmed, { strict: false })) return { error: 'Not an address: 0x followed by 40 hex characters.' }
  // Mixed case is a checksum: a typo in it must not slip through.
  if (trimmed !== trimmed.toLowerCase() && trimmed.slice(2) !== trimmed.slice(2).toUpperCase() && !isAddress(trimmed, { strict: true }))
    return { error: 'Checksum mismatch: check the address for a typo.' }
  const address = getAddress(trimmed)
  if (address === zeroAddress) return { error: 'The zero address cannot vote: your votes would be lost.' }
  if (current && address === getAddress(current)) return { error: 'Your votes are already delegated to this address.' }
  return { address }
}
