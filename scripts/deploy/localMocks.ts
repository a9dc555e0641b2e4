/**
 * Mocks for a local chain that stands for a live network (`networks/local-l2.json`): the settlement
 * token (TestUSD) and one DevnetPriceSource per listed source, deployed from anvil's account 9 at
 * nonces 0, 1, 2, … so they land at the addresses the network file lists. The deploy then finds
 * them exactly as it finds USDC and Chainlink feeds on a real network. Refused for a network whose
 * feeds are real (`"feeds": "chainlink"`).
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createWalletClient, getAddress, http, parseUnits, type Abi, type Address, type Hex, type PublicClient } from 'viem'
import { ROOT } from '../devnet/devnet'
import { devnetAccount } from '../devnet/accounts'
import type { NetworkFile } from './networkFile'

/** anvil's account 9: owns nothing on the devnet, so its nonces stay free for the mocks. */
export const MOCK_DEPLOYER_INDEX = 9

async function artifact(file: string, name: string): Promise<{ abi: Abi; bytecode: Hex }> {
  const json = JSON.parse(await readFile(join(ROOT, 'contracts', 'out', file, `${name}.json`), 'utf8')) as { abi: Abi; bytecode: { object: Hex } }
  return { abi: json.abi, bytecode: json.bytecode.object }
}

/** Deploys the mocks (nothing when they are there already); `prices` by market name, in USD. */
export async function deployLocalMocks(client: PublicClient, rpcUrl: string, network: NetworkFile, prices: Record<string, number>): Promise<void> {
  if (network.feeds !== 'pushed') throw new Error(`${network.name}: its feeds are real ("feeds": "${network.feeds}"); mocks are for test chains only`)
  const account = devnetAccount(MOCK_DEPLOYER_INDEX)
  const wallet = createWalletClient({ transport: http(rpcUrl), account: account.address })
  const expected: { address: Address; deploy: () => Promise<Hex> }[] = []
  const usd = await artifact('TestUSD.sol', 'TestUSD')
  const source = await artifact('DevnetPriceSource.sol', 'DevnetPriceSource')
  expected.push({ address: network.settlementToken, deploy: () => wallet.deployContract({ ...usd, args: [], chain: null }) })
  for (const m of network.markets) {
    const price = prices[m.name]
    if (!(price > 0)) throw new Error(`no mock price for ${m.name}`)
    m.sources.forEach((address, i) =>
      expected.push({
        address,
        deploy: () =>
          wallet.deployContract({ ...source, args: [`${m.name} mock source ${i + 1}`, account.address, parseUnits(String(price), 8)], chain: null }),
      }),
    )
  }
  for (const [nonce, e] of expected.entries()) {
    const code = await client.getCode({ address: e.address })
    if (code && code !== '0x') continue
    const next = await client.getTransactionCount({ address: account.address })
    if (next !== nonce)
      throw new Error(`${network.name}: the mock at ${e.address} must be account ${MOCK_DEPLOYER_INDEX}'s nonce ${nonce}, but its next nonce is ${next} (not a fresh chain?)`)
    const receipt = await client.waitForTransactionReceipt({ hash: await e.deploy() })
    if (!receipt.contractAddress || getAddress(receipt.contractAddress) !== getAddress(e.address))
      throw new Error(`${network.name}: a mock landed at ${receipt.contractAddress}, the network file lists ${e.address}`)
  }
}
