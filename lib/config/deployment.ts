import { getAddress, isAddress } from 'viem'
import { REQUIRED_CONTRACTS, type Deployment } from './types'

export class DeploymentError extends Error {}

/** Checks the shape of a deployments file so a stale or partial one fails loudly, not as `undefined` reads. */
export function parseDeployment(raw: unknown, expectedChainId: number): Deployment {
  if (typeof raw !== 'object' || raw === null) throw new DeploymentError('deployment file is not a JSON object')
  const { chainId, deployBlock, contracts, markets = {}, governance } = raw as Record<string, unknown>
  if (chainId !== expectedChainId)
    throw new DeploymentError(`deployment is for chain ${String(chainId)}, expected ${expectedChainId}`)
  if (typeof deployBlock !== 'number' || !Number.isInteger(deployBlock) || deployBlock < 0)
    throw new DeploymentError('deployBlock must be a non-negative integer')
  if (typeof contracts !== 'object' || contracts === null) throw new DeploymentError('contracts must be an object')
  const toAddress = (name: string, value: unknown) => {
    if (typeof value !== 'string' || !isAddress(value, { strict: false })) throw new DeploymentError(`contracts.${name} is not an address`)
    return getAddress(value)
  }
  const addresses: Record<string, `0x${string}`> = {}
  const addressLists: Record<string, `0x${string}`[]> = {}
  for (const [name, value] of Object.entries(contracts)) {
    if (Array.isArray(value)) addressLists[name] = value.map((item, i) => toAddress(`${name}[${i}]`, item))
    else addresses[name] = toAddress(name, value)
  }
  // Devnet deployments written before the rename name the settlement token TestUSD: one name inside the app.
  if (!addresses.SettlementToken && addresses.TestUSD) addresses.SettlementToken = addresses.TestUSD
  delete addresses.TestUSD
  for (const required of REQUIRED_CONTRACTS)
    if (!addresses[required]) throw new DeploymentError(`contracts.${required} is missing`)
  if (typeof markets !== 'object' || markets === null || Object.values(markets).some((id) => !Number.isInteger(id)))
    throw new DeploymentError('markets must map names to integer ids')
  return {
    chainId,
    deployBlock,
    contracts: addresses as Deployment['contracts'],
    addressLists,
    markets: markets as Record<string, number>,
    governance: governance === undefined ? undefined : parseGovernance(governance),
  }
}

function parseGovernance(raw: unknown): NonNullable<Deployment['governance']> {
  const settings = raw as Record<string, unknown>
  const read = (key: string) => {
    const value = Number(settings?.[key])
    if (!Number.isFinite(value) || value < 0) throw new DeploymentError(`governance.${key} must be a non-negative number`)
    return value
  }
  return { votingDelay: read('votingDelay'), votingPeriod: read('votingPeriod'), timelockDelay: read('timelockDelay'), quorumPercent: read('quorumPercent') }
}
