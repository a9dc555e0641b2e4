'use client'

import { useDeployment } from '@/hooks/useDeployment'
import { useInsuranceSnapshot } from '@/hooks/useInsuranceSnapshot'
import { CoveragePanel } from './CoveragePanel'
import { FundPanel } from './FundPanel'
import { StakePanel } from './StakePanel'
import { WaterfallPanel } from './WaterfallPanel'
import { YieldPanel } from './YieldPanel'

export function InsuranceDashboard() {
  const deployment = useDeployment()
  if (!deployment.contracts.InsuranceFund || !deployment.contracts.StakingVault)
    return <p className="text-sm text-zinc-400">This deployment has no insurance fund.</p>
  return <LiveInsuranceDashboard />
}

function LiveInsuranceDashboard() {
  const { snapshot, isError } = useInsuranceSnapshot()
  if (!snapshot) return <p className="text-sm text-zinc-500">{isError ? 'Could not read the insurance fund from the chain.' : 'Reading the insurance fund…'}</p>
  return (
    <div className="space-y-6">
      <FundPanel snapshot={snapshot} />
      <div className="grid gap-6 lg:grid-cols-2">
        <CoveragePanel snapshot={snapshot} />
        <YieldPanel snapshot={snapshot} />
      </div>
      <StakePanel snapshot={snapshot} />
      <WaterfallPanel totals={snapshot.totals} decimals={snapshot.tokenDecimals} />
    </div>
  )
}
