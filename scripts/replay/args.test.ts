import { describe, expect, it } from 'vitest'
import { DEFAULT_PORT, parseReplayArgs } from './args'

describe('parseReplayArgs', () => {
  it('reads markets, policies, times and the lab parameters', () => {
    const args = parseReplayArgs([
      '--market', 'ETH-USD=a.csv', '--market', 'BTC-USD=/x/b.csv', '--policy', 'dynamic', '--policy', 'static:0.015', '--policy', 'static-matched',
      '--from', '2022-05-09T00:00Z', '--to', '1652400000', '--traders', '50', '--seed', '9', '--json', 'o.json',
      '--noise-bp', '3', '--oracle-delay', '30', '--outage', '1@100-200', '--keeper-every', '2', '--bidder-rpt-value', 'none', '--resample', '300',
    ])
    expect(args.markets).toEqual([{ name: 'ETH-USD', file: 'a.csv' }, { name: 'BTC-USD', file: '/x/b.csv' }])
    expect(args.policies).toEqual([{ kind: 'dynamic' }, { kind: 'static', margin: 0.015 }, { kind: 'static-matched' }])
    expect(args.from).toBe(1652054400)
    expect(args.to).toBe(1652400000)
    expect(args.json).toBe('o.json')
    expect(args.resampleSeconds).toBe(300)
    expect(args.lab).toEqual({
      port: DEFAULT_PORT,
      traders: 50,
      seed: 9,
      keeperEvery: 2,
      bidderRptValue: null,
      sources: { noiseBp: 3, delaySeconds: 30, outage: { source: 1, from: 100, to: 200 } },
    })
  })

  it('reads a dynamic policy with its margin ceiling, which static-matched may follow', () => {
    expect(parseReplayArgs(['--market', 'E=a.csv', '--policy', 'dynamic:0.1', '--policy', 'static-matched']).policies).toEqual([{ kind: 'dynamic', mmMax: 0.1 }, { kind: 'static-matched' }])
  })

  it('defaults to dynamic then static-matched', () => {
    expect(parseReplayArgs(['--market', 'ETH-USD=a.csv']).policies).toEqual([{ kind: 'dynamic' }, { kind: 'static-matched' }])
  })

  it.each([
    [[], 'at least one --market'],
    [['--market', 'a.csv'], '--market needs NAME=path.csv'],
    [['--market', 'E=a.csv', '--policy', 'static:2'], 'needs 0 < x < 0.5'],
    [['--market', 'E=a.csv', '--policy', 'dynamic:0'], '--policy dynamic:x needs 0 < x < 0.5'],
    [['--market', 'E=a.csv', '--policy', 'fixed'], 'unknown --policy "fixed"'],
    [['--market', 'E=a.csv', '--policy', 'static-matched'], 'static-matched needs --policy dynamic before it'],
    [['--market', 'E=a.csv', '--traders', '2.5'], '--traders must be a whole number'],
    [['--market', 'E=a.csv', '--traders', 'many'], '--traders must be a number'],
    [['--market', 'E=a.csv', '--outage', '1:100'], '--outage needs SOURCE@FROM-TO'],
    [['--market', 'E=a.csv', '--from', 'yesterday'], '--from must be unix seconds or an ISO date'],
    [['--market', 'E=a.csv', '--speed', '2'], 'unknown argument "--speed"'],
  ])('rejects %j', (argv, message) => {
    expect(() => parseReplayArgs(argv as string[])).toThrow(message)
  })
})
