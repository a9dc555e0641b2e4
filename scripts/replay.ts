/**
 * Crash replay lab (issue 13, docs/replay.md): replays price files through the real contracts
 * and the real keeper code on a private anvil, under one or more margin policies, and reports
 * liquidations, bad debt and who paid for it.
 *
 *   npm run replay -- --market ETH-USD=../shared/data/prices/eth-2022-05-09.csv \
 *     [--market BTC-USD=path.csv] [--policy dynamic] [--policy static:0.015] [--policy static-matched]
 *     [--from T] [--to T] [--resample SECONDS] [--traders 500] [--seed N] [--json out.json] [--port 8746]
 *     [--noise-bp 2] [--oracle-delay 0] [--outage SOURCE@FROM-TO] [--max-step 300]
 *     [--keeper-every 1] [--bidder-rpt-value 2|none] [--lp-ratio 2] [--stake-ratio 0.1] [--warmup 172800]
 *
 * Progress (with an ETA) on stderr; the summary table on stdout; the full result, with time
 * series, in the --json file.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { parseReplayArgs } from './replay/args'
import { formatTable } from '../lib/replay/table'
import { DEFAULT_LAB, policyLabel, runLab } from './replay/lab'
import { barSeconds, barsBetween, parsePriceFile, PriceFileError, resample } from './replay/priceFile'

async function main() {
  const args = parseReplayArgs(process.argv.slice(2))
  const markets = await Promise.all(
    args.markets.map(async ({ name, file }) => {
      const all = parsePriceFile(await readFile(file, 'utf8'), file)
      const bars = barsBetween(args.resampleSeconds && args.resampleSeconds > barSeconds(all) ? resample(all, args.resampleSeconds) : all, args.from, args.to)
      if (bars.length < 2) throw new Error(`${file}: fewer than 2 bars between --from and --to`)
      return { name, file, bars }
    }),
  )
  const started = Date.now()
  let lastDraw = 0
  const result = await runLab({
    ...DEFAULT_LAB,
    ...args.lab,
    markets,
    policies: args.policies,
    log: (line) => process.stderr.write(`${line}\n`),
    onProgress: ({ policy, tick, ticks }) => {
      const now = Date.now()
      if (now - lastDraw < 500 && tick !== ticks) return
      lastDraw = now
      const policyIndex = args.policies.findIndex((p) => policyLabel(p) === policy)
      const done = (policyIndex * ticks + tick) / (args.policies.length * ticks)
      const elapsed = (now - started) / 1000
      const eta = done > 0 ? elapsed / done - elapsed : 0
      const width = 30
      const bar = '#'.repeat(Math.round(done * width)).padEnd(width, '.')
      process.stderr.write(`\r[${bar}] ${(done * 100).toFixed(1)}% ${policy} tick ${tick}/${ticks}  elapsed ${fmt(elapsed)}  ETA ${fmt(eta)}   ${tick === ticks ? '\n' : ''}`)
    },
  })
  process.stdout.write(formatTable(result) + '\n')
  if (args.json) {
    await writeFile(args.json, JSON.stringify(result, null, 1) + '\n')
    process.stderr.write(`wrote ${args.json}\n`)
  }
}

function fmt(seconds: number): string {
  const s = Math.max(0, Math.round(seconds))
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`
}

main().catch((error) => {
  process.stderr.write(`\nreplay: ${error instanceof PriceFileError || error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
