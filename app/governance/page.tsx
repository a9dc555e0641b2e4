import { GovernanceDashboard } from './_components/GovernanceDashboard'

export default function GovernancePage() {
  return (
    <div className="space-y-6">
      <section>
        <h1 className="text-2xl font-semibold tracking-tight">Governance</h1>
        <p className="mt-1 max-w-3xl text-sm text-zinc-400">
          RPT holders vote on every risk parameter. Each proposal is shown in words and numbers, with what it would do to today&apos;s open
          positions; hard bounds no vote can cross are checked before you sign. Margin raises ramp in after execution.
        </p>
      </section>
      <GovernanceDashboard />
    </div>
  )
}
