import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import Link from 'next/link'
import { parseLabResult } from '@/lib/replay/parse'
import type { LabResult } from '@/lib/replay/types'
import { ReplayView } from './_components/ReplayView'

/** The committed results of the crash replay lab (docs/replay.md): no chain is read on this page. */
const RESULTS_DIR = join(process.cwd(), 'docs', 'replay')

async function committedResults(): Promise<string[]> {
  const files = await readdir(RESULTS_DIR).catch(() => [] as string[])
  return files.filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length)).sort()
}

export default async function ReplayPage({ searchParams }: { searchParams: Promise<{ window?: string }> }) {
  const windows = await committedResults()
  const { window } = await searchParams
  const selected = window && windows.includes(window) ? window : (windows[0] ?? null)
  let initial: LabResult | null = null
  let loadError: string | null = null
  if (selected) {
    try {
      initial = parseLabResult(await readFile(join(RESULTS_DIR, `${selected}.json`), 'utf8'))
    } catch (error) {
      loadError = `${selected}.json: ${error instanceof Error ? error.message : String(error)}`
    }
  }
  return (
    <div className="space-y-6">
      <section>
        <h1 className="text-2xl font-semibold tracking-tight">Crash replay lab</h1>
        <p className="mt-1 max-w-3xl text-sm text-zinc-400">
          Historical crashes replayed through the real contracts and the real keeper on a private chain, under the
          volatility-driven margin and a static margin with the same time-average. What it models and what it does not:
          docs/replay.md.
        </p>
      </section>
      <nav className="flex flex-wrap gap-3 text-sm" data-testid="replay-windows">
        {windows.map((w) => (
          <Link key={w} href={`/replay?window=${w}`} className={w === selected ? 'text-emerald-400' : 'text-zinc-400 hover:text-zinc-200'}>
            {w}
          </Link>
        ))}
      </nav>
      {loadError && <p className="text-sm text-rose-400">{loadError}</p>}
      <ReplayView key={selected ?? 'none'} initial={initial} initialName={selected ? `${selected}.json` : null} />
    </div>
  )
}
