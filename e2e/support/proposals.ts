import { encodeFunctionData, type Address } from 'viem'
import { rampartGovernorAbi, testUsdAbi } from '../../lib/contracts/generated'
import { descriptionHash } from '../../lib/governance/proposals'
import { devnetAccount } from '../../scripts/devnet/accounts'
import type { ChainFixture } from './test'

/** A proposal on chain, so that the proposal page has something to show. */
export async function proposeSomething(chain: ChainFixture): Promise<bigint> {
  const governor = { address: chain.deployment.contracts.RampartGovernor, abi: rampartGovernorAbi } as const
  const voter = devnetAccount(1).address
  const target = chain.deployment.contracts.SettlementToken as Address
  const calldata = encodeFunctionData({ abi: testUsdAbi, functionName: 'transfer', args: [voter, 1n] })
  const description = 'Send 1 unit of tUSD (a test proposal)'
  await chain.as(voter, { ...governor, functionName: 'propose', args: [[target], [0n], [calldata], description] })
  return chain.publicClient.readContract({ ...governor, functionName: 'getProposalId', args: [[target], [0n], [calldata], descriptionHash(description)] })
}
