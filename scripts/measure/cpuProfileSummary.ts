/**
 * Summarises a V8 `.cpuprofile` (from `node --cpu-prof`): sampled self time by package or file,
 * and by function, so "where does the lab's JavaScript go" is a table, not a flame graph to
 * squint at (docs/replay.md, "Timing"). `(idle)` is time spent waiting (for anvil, mostly);
 * `writev` and other native frames are system calls, partly waiting too.
 *
 *   NODE_OPTIONS=--cpu-prof npx tsx scripts/replay.ts …   (writes CPU.*.cpuprofile here)
 *   npx tsx scripts/measure/cpuProfileSummary.ts CPU.….cpuprofile [top functions, default 40]
 */
import { readFileSync } from 'node:fs'

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

/** `npm:<package>` for a dependency, the path inside the repository otherwise. */
export function sourceOf(url: string): string {
  if (!url) return '(native)'
  const dependency = url.match(/node_modules\/((@[^/]+\/)?[^/]+)/)
  if (dependency) return `npm:${dependency[1]}`
  return url.replace(/^file:\/\/.*?\/(scripts|lib|app|hooks|components)\//, '$1/')
}

/** Self time (ms) by source and by function, largest first. */
export function summarise(profile: Profile): { totalMs: number; bySource: [string, number][]; byFunction: [string, number][] } {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]))
  const bySource = new Map<string, number>()
  const byFunction = new Map<string, number>()
  let total = 0
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000
    const { functionName, url, lineNumber } = nodes.get(id)!.callFrame
    const source = sourceOf(url)
    const fn = `${functionName || '(anonymous)'} ${source}:${lineNumber + 1}`
    total += ms
    bySource.set(source, (bySource.get(source) ?? 0) + ms)
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms)
  })
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1])
  return { totalMs: total, bySource: sorted(bySource), byFunction: sorted(byFunction) }
}

if (process.argv[1]?.endsWith('cpuProfileSummary.ts')) {
  const [file, top = '40'] = process.argv.slice(2)
  if (!file) throw new Error('usage: cpuProfileSummary.ts FILE.cpuprofile [top]')
  const { totalMs, bySource, byFunction } = summarise(JSON.parse(readFileSync(file, 'utf8')) as Profile)
  const row = ([name, ms]: [string, number]) => `${ms.toFixed(0).padStart(8)} ms ${((100 * ms) / totalMs).toFixed(1).padStart(5)} %  ${name}`
  process.stdout.write([`total ${totalMs.toFixed(0)} ms`, '-- by source', ...bySource.slice(0, 25).map(row), '-- by function', ...byFunction.slice(0, Number(top)).map(row)].join('\n') + '\n')
}
