/** A small line of values in order (no axes): the shape of a short history, drawn without a chart library. */
export function Sparkline({ values, testId }: { values: number[]; testId?: string }) {
  if (values.length < 2) return null
  const min = Math.min(...values)
  const max = Math.max(...values)
  const span = max - min || 1
  const points = values.map((v, i) => `${(i / (values.length - 1)) * 100},${30 - ((v - min) / span) * 28 - 1}`).join(' ')
  return (
    <svg viewBox="0 0 100 30" preserveAspectRatio="none" className="h-16 w-full" data-testid={testId} role="img" aria-label="Share price history">
      <polyline points={points} fill="none" stroke="#10b981" strokeWidth="0.8" vectorEffect="non-scaling-stroke" />
    </svg>
  )
}
