import { keeperStatusUrl } from '@/lib/config/server'
import { parseKeeperStatus, serialiseKeeperStatus } from '@/lib/keeper/status'

export const dynamic = 'force-dynamic'

/**
 * The keeper's status, fetched by the server so the browser talks only to the app (the keeper
 * listens on loopback of the machine that runs it). No keeper, or a slow one: `{ online: false }`.
 */
export async function GET() {
  try {
    const response = await fetch(keeperStatusUrl(), { cache: 'no-store', signal: AbortSignal.timeout(1_000) })
    const status = response.ok ? parseKeeperStatus(await response.json()) : { online: false as const }
    return Response.json(serialiseKeeperStatus(status))
  } catch {
    return Response.json({ online: false })
  }
}
