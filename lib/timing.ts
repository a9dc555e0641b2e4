/**
 * User Timing measures for profiling the risk console (visible in a Chromium performance trace and
 * to `performance.getEntriesByType('measure')`): how scripts/measure/riskConsoleScale.ts
 * attributes main-thread time to the console's reads, sorting and rendering. Off unless the page
 * sets `window.__rampartTiming = true` (the measurement does; so can anyone in the devtools
 * console): measures accumulate in the page's timeline, which a page open for hours should not.
 */
const enabled = () => (globalThis as { __rampartTiming?: boolean }).__rampartTiming === true

/** `fn()`, recorded as the measure `name` when timing is on. */
export function timed<T>(name: string, fn: () => T): T {
  if (!enabled()) return fn()
  const start = performance.now()
  const result = fn()
  performance.measure(name, { start })
  return result
}

/** A start time for `measureSince` (performance.now(); 0 when timing is off). */
export const timingStart = (): number => (enabled() ? performance.now() : 0)

/** Records the measure `name` from `start` (a `timingStart()`) to now, when timing is on. */
export function measureSince(name: string, start: number): void {
  if (enabled() && start > 0) performance.measure(name, { start })
}
