import { keeperStatusUrl } from '@/lib/config/server'
import { parseKeeperStatus, serialiseKeeperStatus } from '@/lib/keeper/status'

export const dynamic = 'force-dynamic'

/**
 * The keeper's status, fetched by the server so the browser talks only to the app (the keeper
 * listens on loopback of the machine that runs it). No keeper, or a slow one: `{ online: false }`.
 * `?chain=<chainId>`: that chain's keeper (a chain's `keeperStatusUrl` in RAMPART_CHAINS); none there: offline.
 */
export async function GET(request: Request) {
  try {
    const chain = new URL(request.url).searchParams.get('chain')
    const url = keeperStatusUrl(chain === null ? null : Number(chain))
    if (!url) return Response.json({ online: false })
    const response = await fetch(url, { cache: 'no-store', signal: AbortSignal.timeout(1_000) })
    const status = response.ok ? parseKeeperStatus(await response.json()) : { online: false as const }
    return Response.json(serialiseKeeperStatus(status))
  } catch {
    return Response.json({ online: false })
  }
}
