/**
 * `fn()` recorded as a User Timing measure named `name` (visible in a Chromium performance trace
 * and to `performance.getEntriesByName`): how the risk measurement attributes main-thread time
 * to the console's maths, sorting and rendering. Costs one `performance.now()` and one entry.
 */
export function timed<T>(name: string, fn: () => T): T {
  const start = performance.now()
  const result = fn()
  performance.measure(name, { start })
  return result
}
