/**
 * Re-renders bench/RESULTS.md from bench/results.json (the same run's figures; for a change in
 * the report's wording, not its numbers).   npx tsx scripts/bench/render.ts [DIR]
 */
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ROOT } from '../devnet/devnet'
import { renderResults, type BenchResults } from './report'

const dir = process.argv[2] ?? join(ROOT, 'bench')
// JSON writes NaN (not measured) as null: read those numbers back as NaN
const NUMBERS = new Set(['afterEngineTouchS', 'gzipBytes', 'rawBytes', 'ratio', 'p50Ms', 'p95Ms', 'maxMs', 'mineRoundTripP50Ms'])
const results = JSON.parse(await readFile(join(dir, 'results.json'), 'utf8'), (key, v) => (v === null && NUMBERS.has(key) ? Number.NaN : v)) as BenchResults
await writeFile(join(dir, 'RESULTS.md'), renderResults(results))
console.log(`wrote ${join(dir, 'RESULTS.md')}`)
