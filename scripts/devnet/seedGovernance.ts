import { createPublicClient, createWalletClient, encodeFunctionData, http, keccak256, toHex, type Hex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { foundry } from 'viem/chains'
import { rampartGovernorAbi, riskConfigAbi } from '../../lib/contracts/generated'
import type { Deployment } from '../../lib/config/types'
import { parameterKeys } from '../../lib/governance/parameterKeys'
import { devnetAccount } from './accounts'

const STATES = ['Pending', 'Active', 'Canceled', 'Defeated', 'Succeeded', 'Queued', 'Expired', 'Executed'] as const
const WAD = 10n ** 18n

/**
 * Leaves one proposal in each state a user can meet (executed, queued, succeeded, defeated,
 * active), each a RiskConfig.setParameter on a real risk parameter, using anvil's time travel
 * (about 9 minutes of chain time). Demo account 1 (30 M votes with account 3's delegation) and
 * account 2 (15 M) vote. Run once per chain, right after the deploy. Returns each proposal's state.
 */
export async function seedGovernance(rpcUrl: string, deployment: Deployment): Promise<Record<string, string>> {
  const transport = http(rpcUrl)
  // Receipts polled every 250 ms (viem's default is 4 s on a chain without a block time).
  const client = createPublicClient({ chain: foundry, transport, pollingInterval: 250 })
  const voter1 = createWalletClient({ chain: foundry, transport, account: privateKeyToAccount(devnetAccount(1).privateKey) })
  const voter2 = createWalletClient({ chain: foundry, transport, account: privateKeyToAccount(devnetAccount(2).privateKey) })
  const governor = { address: deployment.contracts.RampartGovernor, abi: rampartGovernorAbi } as const
  const config = deployment.contracts.RiskConfig

  const setParameter = (id: Hex, value: bigint) => encodeFunctionData({ abi: riskConfigAbi, functionName: 'setParameter', args: [id, value] })
  const proposals = {
    executed: { data: setParameter(parameterKeys.tier('mmBase', 0n), (15n * WAD) / 1000n), description: 'ETH-USD, BTC-USD (tier 0) maintenance margin base: 1.0 % -> 1.5 %' },
    queued: { data: setParameter(parameterKeys.market('takerFee', 0n), (6n * WAD) / 10_000n), description: 'ETH-USD taker fee: 5 bps -> 6 bps' },
    succeeded: { data: setParameter(parameterKeys.tier('maxLeverage', 1n), 6n * WAD), description: 'SOL-USD (tier 1) max leverage: 8x -> 6x' },
    defeated: { data: setParameter(parameterKeys.tier('maxLeverage', 0n), 50n * WAD), description: 'ETH-USD, BTC-USD (tier 0) max leverage: 9x -> 50x' },
    active: { data: setParameter(parameterKeys.global('insuranceShare'), WAD / 4n), description: 'Insurance share of trading fees: 20 % -> 25 %' },
  } as const
  type Name = keyof typeof proposals
  const args = (name: Name) => [[config], [0n], [proposals[name].data]] as const
  const descriptionHash = (name: Name) => keccak256(toHex(proposals[name].description))
  const idOf = (name: Name) => client.readContract({ ...governor, functionName: 'hashProposal', args: [...args(name), descriptionHash(name)] })
  const mined = async (hash: Hex) => {
    const receipt = await client.waitForTransactionReceipt({ hash })
    if (receipt.status !== 'success') throw new Error(`governance seed transaction ${hash} reverted`)
  }
  const advance = async (seconds: bigint) => {
    await client.request({ method: 'evm_increaseTime' as never, params: [toHex(seconds)] as never })
    await client.request({ method: 'evm_mine' as never, params: [] as never })
  }
  const propose = async (wallet: typeof voter1, name: Name) =>
    mined(await wallet.writeContract({ ...governor, functionName: 'propose', args: [...args(name), proposals[name].description] }))
  const vote = async (wallet: typeof voter1, name: Name, support: 0 | 1) =>
    mined(await wallet.writeContract({ ...governor, functionName: 'castVote', args: [await idOf(name), support] }))
  const queue = async (name: Name) => mined(await voter1.writeContract({ ...governor, functionName: 'queue', args: [...args(name), descriptionHash(name)] }))
  const execute = async (name: Name) => mined(await voter1.writeContract({ ...governor, functionName: 'execute', args: [...args(name), descriptionHash(name)] }))

  const [delay, period] = await Promise.all([
    client.readContract({ ...governor, functionName: 'votingDelay' }),
    client.readContract({ ...governor, functionName: 'votingPeriod' }),
  ])
  if (!deployment.governance) throw new Error('the deployment has no governance settings')
  const timelockDelay = BigInt(deployment.governance.timelockDelay)

  // Votes count at the second before a proposal: on automine the deploy's delegations can share
  // that second with the first proposal (seen: GovernorInsufficientProposerVotes with 0 votes).
  await advance(1n)
  for (const name of ['executed', 'queued', 'succeeded', 'defeated'] as const) await propose(voter1, name)
  await advance(delay + 1n)
  for (const name of ['executed', 'queued', 'succeeded'] as const) await vote(voter1, name, 1)
  await vote(voter1, 'defeated', 0)
  await vote(voter2, 'defeated', 1)
  await advance(period + 1n)
  await queue('executed')
  await queue('queued')
  await advance(timelockDelay + 1n)
  await execute('executed')
  await propose(voter2, 'active')
  await advance(delay + 1n)
  await vote(voter2, 'active', 1)

  const states: Record<string, string> = {}
  for (const name of Object.keys(proposals) as Name[]) {
    const state = STATES[await client.readContract({ ...governor, functionName: 'state', args: [await idOf(name)] })]
    const expected = name[0].toUpperCase() + name.slice(1)
    if (state !== expected) throw new Error(`governance seed: "${proposals[name].description}" is ${state}, expected ${expected}`)
    states[proposals[name].description] = state
  }
  return states
}
