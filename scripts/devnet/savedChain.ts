import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { CONTRACTS_DIR } from './devnet'

/**
 * The devnet kept between launcher runs: anvil's state file (written by anvil when it stops) and
 * a marker written once the deploy and the seeds are on the chain, with a fingerprint of the
 * contracts and deploy script they came from. A chain from other contracts is not reused: the
 * dashboard's ABIs would not match it.
 */
export function savedChain(dir: string) {
  const statePath = join(dir, 'anvil-state.json')
  const markerPath = join(dir, 'seeded.json')
  return {
    statePath,
    /** A saved chain exists, was fully seeded, and comes from today's contracts. */
    async usable(): Promise<boolean> {
      if (!existsSync(statePath) || !existsSync(markerPath)) return false
      const marker = JSON.parse(await readFile(markerPath, 'utf8')) as { fingerprint?: string }
      return marker.fingerprint === (await contractsFingerprint())
    },
    async clear(): Promise<void> {
      await rm(statePath, { force: true })
      await rm(markerPath, { force: true })
      await mkdir(dir, { recursive: true })
    },
    async markSeeded(): Promise<void> {
      await writeFile(markerPath, JSON.stringify({ fingerprint: await contractsFingerprint(), seededAt: new Date().toISOString() }) + '\n')
    },
  }
}

/** sha256 over the Solidity sources and deploy scripts, in a fixed order. */
export async function contractsFingerprint(): Promise<string> {
  const hash = createHash('sha256')
  for (const folder of ['src', 'script']) {
    const files = (await readdir(join(CONTRACTS_DIR, folder), { recursive: true })).filter((f) => f.endsWith('.sol')).sort()
    for (const file of files) {
      hash.update(`${folder}/${file}\n`)
      hash.update(await readFile(join(CONTRACTS_DIR, folder, file)))
    }
  }
  return hash.digest('hex')
}
