import { formatDuration } from '@/lib/format'

/** A chain timestamp as local date and time, with how far it is from the chain's `now` (not the browser's clock). */
export function describeChainTime(timestamp: bigint, now: bigint): string {
  const when = new Date(Number(timestamp) * 1000).toLocaleString()
  if (timestamp > now) return `${when} (in ${formatDuration(timestamp - now)})`
  if (timestamp < now) return `${when} (${formatDuration(now - timestamp)} ago)`
  return when
}
