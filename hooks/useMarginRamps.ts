'use client'

import { useReadContracts } from 'wagmi'
import { useDeployment } from '@/hooks/useDeployment'
import { riskConfigAbi } from '@/lib/contracts/abi/RiskConfig'
import { parameterKeys } from '@/lib/governance/parameterKeys'
import { useBlockSnapshot } from './useBlockSnapshot'

/** The tier margin fields whose raises ramp in (RiskConfig), in the order read. */
export const RAMPED_FIELDS = [
  { key: 'mmBase', label: 'Maintenance margin base' },
  { key: 'mmMax', label: 'Maintenance margin max' },
  { key: 'maxMmRisePerHour', label: 'Max margin rise per hour' },
] as const

/**
 * `parameterRamp` of a tier's ramped margin fields at each block (joins the page's multicall
 * through the transport's batching): which run now, from what, to what, until when.
 */
export function useMarginRamps(tierId: bigint | undefined) {
  const deployment = useDeployment()
  const snapshot = useBlockSnapshot({ enabled: tierId !== undefined })
  const { data } = useReadContracts({
    contracts: RAMPED_FIELDS.map((f) => ({
      address: deployment.contracts.RiskConfig,
      abi: riskConfigAbi,
      functionName: 'parameterRamp',
      args: [parameterKeys.tier(f.key, tierId ?? 0n)],
    }) as const),
    allowFailure: false,
    ...snapshot,
  })
  if (!data) return undefined
  return RAMPED_FIELDS.map((field, i) => ({ ...field, ramp: data[i] }))
}
