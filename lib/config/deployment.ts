import { getAddress, isAddress } from 'viem'
import type { Deployment } from './types'

export class DeploymentError extends Error {}

/** Checks the shape of a deployments file so a stale or partial one fails loudly, not as `undefined` reads. */
export function parseDeployment(raw: unknown, expectedChainId: number): Deployment {
  if (typeof raw !== 'object' || raw === null) throw new DeploymentError('deployment file is not a JSON object')
  const { chainId, deployBlock, contracts } = raw as Record<string, unknown>
  if (chainId !== expectedChainId)
    throw new DeploymentError(`deployment is for chain ${String(chainId)}, expected ${expectedChainId}`)
  if (typeof deployBlock !== 'number' || !Number.isInteger(deployBlock) || deployBlock < 0)
    throw new DeploymentError('deployBlock must be a non-negative integer')
  if (typeof contracts !== 'object' || contracts === null) throw new DeploymentError('contracts must be an object')
  const addresses: Record<string, `0x${string}`> = {}
  for (const [name, value] of Object.entries(contracts)) {
    if (typeof value !== 'string' || !isAddress(value, { strict: false }))
      throw new DeploymentError(`contracts.${name} is not an address`)
    addresses[name] = getAddress(value)
  }
  for (const required of ['Multicall3', 'TestUSD'])
    if (!addresses[required]) throw new DeploymentError(`contracts.${required} is missing`)
  return { chainId, deployBlock, contracts: addresses as Deployment['contracts'] }
}
