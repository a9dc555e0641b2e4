import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CANONICAL_MULTICALL3, NetworkFileError, parseNetworkFile, protocolSpec, sourcesKey } from './networkFile'

const read = (name: string) => readFileSync(join(__dirname, '..', '..', 'networks', `${name}.json`), 'utf8')
const local = () => JSON.parse(read('local-l2'))
const parse = (json: unknown) => parseNetworkFile(JSON.stringify(json), 'test.json')

describe('network files', () => {
  it('parses the committed files into the units the contracts take', () => {
    const n = parseNetworkFile(read('local-l2'), 'local-l2.json')
    expect(n.chainId).toBe(31338)
    expect(n.tiers[0].mmBase).toBe(10n ** 16n) // "0.01" → 1e16 (WAD)
    expect(n.tiers[0].maxLeverage).toBe(9n * 10n ** 18n)
    expect(n.tiers[0].horizon).toBe(3600n)
    expect(n.markets[0].params.fundingFactor).toBe(10n ** 11n) // 1e-7 per second
    expect(n.twoStep.routerExecutionFee).toBe(500_000n) // 0.5 in the 6-decimal token
    expect(n.twoStep.routerMinNotional).toBe(10n * 10n ** 18n) // 10 USD, WAD
    expect(n.insurance.minKeeperReward).toBe(10_000_000n)
    expect(n.governance.timelockDelay).toBe(172_800n)
    expect(n.roles.riskCouncil).toBeNull()
    const sepolia = parseNetworkFile(read('sepolia'), 'sepolia.json')
    expect(sepolia.feeds).toBe('chainlink')
    expect(sepolia.multicall3).toBe(CANONICAL_MULTICALL3)
  })

  it('names the field of every mistake', () => {
    const cases: [(j: ReturnType<typeof local>) => void, RegExp][] = [
      [(j) => (j.tiers[0].mmBase = '1%'), /tiers\[0\]\.mmBase: must be a non-negative decimal/],
      [(j) => (j.tiers[0].horizon = 3600.5), /tiers\[0\]\.horizon: must be a whole number of seconds/],
      [(j) => delete j.insurance.maxSlash, /insurance\.maxSlash: is missing/],
      [(j) => (j.twoStep.routerExecutionFee = '0.0000001'), /twoStep\.routerExecutionFee: has more than 6 decimals/],
      [(j) => (j.markets[1].sources[0] = '0x1234'), /markets\[1\]\.sources\[0\]: must be an address/],
      [(j) => (j.markets[0].tier = 3), /markets\[0\]\.tier: must be the index of a tier above/],
      [(j) => (j.markets[0].oracle.minSources = 4), /markets\[0\]\.oracle\.minSources: is 4 but the market lists 3/],
      [(j) => (j.markets[1].name = 'ETH-USD'), /markets\[1\]\.name: ETH-USD is listed twice/],
      [(j) => (j.fees.insurnaceShare = '0.2'), /fees\.insurnaceShare: is not a field/],
      [(j) => (j.feeds = 'mock'), /feeds: must be "chainlink"/],
      [(j) => (j.rpcUrls = ['127.0.0.1:8545']), /rpcUrls\[0\]: must be an http\(s\) or ws\(s\) URL/],
      [(j) => (j.chainId = '31338'), /chainId: must be a positive whole number/],
    ]
    for (const [mutate, message] of cases) {
      const j = local()
      mutate(j)
      expect(() => parse(j)).toThrow(NetworkFileError)
      expect(() => parse(j)).toThrow(message)
    }
    expect(() => parseNetworkFile('{ "name": ', 'broken.json')).toThrow(/broken\.json: not valid JSON/)
  })

  it('builds the ProtocolSpec in the deploy script\'s order, unnamed roles as the zero address', () => {
    const spec = protocolSpec(parse(local()))
    expect(spec.markets.map((m) => [m.name, m.tier])).toEqual([['ETH-USD', 0n], ['BTC-USD', 0n]])
    expect(spec.insuranceFeeShare).toBe(2n * 10n ** 17n)
    expect(spec.supplyRecipient).toBe('0x0000000000000000000000000000000000000000')
    expect(sourcesKey('ETH-USD')).toBe('PriceSources_ETH_USD')
  })
})
