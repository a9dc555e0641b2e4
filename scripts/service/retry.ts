/** Delay before retry `attempt` (0-based): doubling from `baseMs`, capped at `maxMs`. */
export function backoffDelay(attempt: number, baseMs = 250, maxMs = 10_000): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt))
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
