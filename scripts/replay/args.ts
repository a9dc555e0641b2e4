/** Command-line arguments of `npm run replay` (pure, tested). */
import type { LabParams, Policy } from './lab'

export type ReplayArgs = {
  markets: { name: string; file: string }[]
  policies: Policy[]
  from?: number
  to?: number
  json?: string
  /** Resample every file to bars of this many seconds (coarser than the file's own). */
  resampleSeconds?: number
  lab: Partial<Omit<LabParams, 'markets' | 'policies'>> & { port: number }
}

export const DEFAULT_PORT = 8746

function number(flag: string, value: string | undefined, { min, integer }: { min?: number; integer?: boolean } = {}): number {
  if (value === undefined) throw new Error(`${flag} needs a value`)
  const x = Number(value)
  if (!Number.isFinite(x) || value.trim() === '') throw new Error(`${flag} must be a number, not "${value}"`)
  if (integer && !Number.isInteger(x)) throw new Error(`${flag} must be a whole number, not ${value}`)
  if (min !== undefined && x < min) throw new Error(`${flag} must be at least ${min}, not ${value}`)
  return x
}

/** A time as unix seconds or an ISO date ("2022-05-09T00:00Z"). */
function time(flag: string, value: string | undefined): number {
  if (value === undefined) throw new Error(`${flag} needs a value`)
  if (/^\d+$/.test(value)) return Number(value)
  const ms = Date.parse(value)
  if (Number.isNaN(ms)) throw new Error(`${flag} must be unix seconds or an ISO date, not "${value}"`)
  return Math.floor(ms / 1000)
}

export function parsePolicy(value: string): Policy {
  if (value === 'dynamic') return { kind: 'dynamic' }
  const cap = /^dynamic:(\d*\.?\d+)$/.exec(value)
  if (cap) {
    const mmMax = Number(cap[1])
    if (!(mmMax > 0 && mmMax < 0.5)) throw new Error(`--policy dynamic:x needs 0 < x < 0.5 (the margin ceiling mmMax as a fraction), not ${cap[1]}`)
    return { kind: 'dynamic', mmMax }
  }
  if (value === 'static-matched') return { kind: 'static-matched' }
  const m = /^static:(\d*\.?\d+)$/.exec(value)
  if (m) {
    const margin = Number(m[1])
    if (!(margin > 0 && margin < 0.5)) throw new Error(`--policy static:x needs 0 < x < 0.5 (a fraction: 0.015 = 1.5 %), not ${m[1]}`)
    return { kind: 'static', margin }
  }
  throw new Error(`unknown --policy "${value}" (dynamic, dynamic:0.1, static:0.015, static-matched)`)
}

export function parseReplayArgs(argv: readonly string[]): ReplayArgs {
  const out: ReplayArgs = { markets: [], policies: [], lab: { port: DEFAULT_PORT } }
  const sources: { noiseBp?: number; delaySeconds?: number; outage?: { source: number; from: number; to: number } } = {}
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]
    const value = argv[i + 1]
    const take = () => {
      i++
      return value
    }
    switch (flag) {
      case '--market': {
        const v = take()
        const m = v === undefined ? null : /^([^=]+)=(.+)$/.exec(v)
        if (!m) throw new Error(`--market needs NAME=path.csv, not "${v ?? ''}"`)
        out.markets.push({ name: m[1], file: m[2] })
        break
      }
      case '--policy':
        out.policies.push(parsePolicy(take() ?? ''))
        break
      case '--from':
        out.from = time(flag, take())
        break
      case '--to':
        out.to = time(flag, take())
        break
      case '--resample':
        out.resampleSeconds = number(flag, take(), { min: 60, integer: true })
        break
      case '--json':
        out.json = take()
        if (!out.json) throw new Error('--json needs a path')
        break
      case '--traders':
        out.lab.traders = number(flag, take(), { min: 1, integer: true })
        break
      case '--seed':
        out.lab.seed = number(flag, take(), { min: 0, integer: true })
        break
      case '--port':
        out.lab.port = number(flag, take(), { min: 1024, integer: true })
        break
      case '--noise-bp':
        sources.noiseBp = number(flag, take(), { min: 0 })
        break
      case '--oracle-delay':
        sources.delaySeconds = number(flag, take(), { min: 0 })
        break
      case '--outage': {
        const v = take() ?? ''
        const m = /^(\d+)@(\d+)-(\d+)$/.exec(v)
        if (!m) throw new Error(`--outage needs SOURCE@FROM-TO (source index 0-2, unix seconds), not "${v}"`)
        sources.outage = { source: Number(m[1]), from: Number(m[2]), to: Number(m[3]) }
        break
      }
      case '--max-step':
        out.lab.maxStepSeconds = number(flag, take(), { min: 1, integer: true })
        break
      case '--keeper-every':
        out.lab.keeperEvery = number(flag, take(), { min: 1, integer: true })
        break
      case '--bidder-rpt-value': {
        const v = take()
        out.lab.bidderRptValue = v === 'none' ? null : number(flag, v, { min: 0 })
        break
      }
      case '--lp-ratio':
        out.lab.lpToOpenInterest = number(flag, take(), { min: 0 })
        break
      case '--stake-ratio':
        out.lab.stakeToOpenInterest = number(flag, take(), { min: 0 })
        break
      case '--warmup':
        out.lab.warmupSeconds = number(flag, take(), { min: 60, integer: true })
        break
      case '--series-points':
        out.lab.seriesPoints = number(flag, take(), { min: 2, integer: true })
        break
      default:
        throw new Error(`unknown argument "${flag}"`)
    }
  }
  if (out.markets.length === 0) throw new Error('at least one --market NAME=path.csv')
  if (out.policies.length === 0) out.policies = [{ kind: 'dynamic' }, { kind: 'static-matched' }]
  const dynamicAt = out.policies.findIndex((p) => p.kind === 'dynamic')
  const matchedAt = out.policies.findIndex((p) => p.kind === 'static-matched')
  if (matchedAt >= 0 && (dynamicAt < 0 || dynamicAt > matchedAt)) throw new Error('--policy static-matched needs --policy dynamic before it')
  if (Object.keys(sources).length > 0) out.lab.sources = { noiseBp: 2, delaySeconds: 0, ...sources }
  return out
}
