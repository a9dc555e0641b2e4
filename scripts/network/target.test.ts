import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { devnetAccount } from '../devnet/accounts'
import { ROOT } from '../devnet/devnet'
import { assertFeederMayRun, networkName, readNetworkFile, serviceKey, TargetError } from './target'

const KEY = `0x${'ab'.repeat(32)}`

describe('networkName', () => {
  it('takes --network over RAMPART_NETWORK; neither is the devnet', () => {
    expect(networkName('local-l2', { RAMPART_NETWORK: 'sepolia' })).toBe('local-l2')
    expect(networkName(undefined, { RAMPART_NETWORK: 'sepolia' })).toBe('sepolia')
    expect(networkName(undefined, {})).toBeNull()
    expect(() => networkName('../etc', {})).toThrow(TargetError)
  })
})

describe('serviceKey', () => {
  it('on a network: only the environment key, never a default', () => {
    expect(serviceKey('keeper', 'local-l2', { KEEPER_PRIVATE_KEY: KEY })).toBe(KEY)
    expect(() => serviceKey('keeper', 'local-l2', { KEEPER_INDEX: '5' })).toThrow(/keeper on local-l2: set KEEPER_PRIVATE_KEY/)
    expect(() => serviceKey('feeder', 'local-l2', {})).toThrow(/set FEEDER_PRIVATE_KEY/)
    expect(() => serviceKey('keeper', 'local-l2', { KEEPER_PRIVATE_KEY: '0x1234' })).toThrow(/64 hex digits/)
  })
  it("on the devnet: the environment key when set, else anvil's account for the role", () => {
    expect(serviceKey('keeper', null, {})).toBe(devnetAccount(5).privateKey)
    expect(serviceKey('keeper', null, { KEEPER_INDEX: '6' })).toBe(devnetAccount(6).privateKey)
    expect(serviceKey('keeper', null, { KEEPER_PRIVATE_KEY: KEY })).toBe(KEY)
    expect(serviceKey('feeder', null, {})).toBe(devnetAccount(0).privateKey)
  })
})

describe('the feeder on a network', () => {
  it('runs where the sources are pushed and refuses real feeds', async () => {
    expect((await readNetworkFile('local-l2')).feeds).toBe('pushed')
    expect(() => assertFeederMayRun('local-l2', 'pushed')).not.toThrow()
    expect((await readNetworkFile('sepolia')).feeds).toBe('chainlink')
    expect(() => assertFeederMayRun('sepolia', 'chainlink')).toThrow(/does not run on sepolia: its price sources are real feeds/)
  })

  it('exits non-zero with the reason, before reading a key or reaching any RPC', async () => {
    // a key is set and the RPC points at a port nothing serves: the refusal must come first
    const run = promisify(execFile)(join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/price-feeder.ts', '--network', 'sepolia'], {
      cwd: ROOT,
      env: { ...process.env, FEEDER_PRIVATE_KEY: KEY, NETWORK_RPC_URLS: 'http://127.0.0.1:1', FEEDER_CONTROL_PORT: '1' },
    })
    const failure = await run.then(() => null, (e: { code: number; stdout: string; stderr: string }) => e)
    expect(failure?.code).toBe(1)
    expect(`${failure?.stdout}${failure?.stderr}`).toMatch(/does not run on sepolia: its price sources are real feeds/)
    expect(`${failure?.stdout}${failure?.stderr}`).not.toMatch(/127\.0\.0\.1:1/)
  }, 60_000)
})
