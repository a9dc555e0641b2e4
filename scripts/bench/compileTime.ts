import { appendFile, cp, mkdtemp, rm, symlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CONTRACTS_DIR, ROOT } from '../devnet/devnet'
import { foundryBinary } from '../devnet/foundryBinary'
import { run } from '../devnet/processes'

export type CompileTime = { fromScratchS: number; afterEngineTouchS: number; measured: string }

/**
 * The contracts' compile time, in a temporary copy of contracts/ (never the real one's cache): from
 * scratch (no out/, no cache/), then again after touching PerpEngine.sol, as a developer's edit
 * would. Libraries come from the repository's node_modules through a link.
 */
export async function measureCompileTime(): Promise<CompileTime> {
  const dir = await mkdtemp(join(tmpdir(), 'rampart-compile-'))
  try {
    const copy = join(dir, 'contracts')
    await cp(CONTRACTS_DIR, copy, { recursive: true, filter: (source) => !/\/contracts\/(out|cache|broadcast|out-tests|cache-tests)(\/|$)/.test(source) })
    // foundry.toml's libs = ["../node_modules"]
    await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'))
    const forge = foundryBinary('forge')
    const timed = async () => {
      const start = performance.now()
      await run(forge, ['build'], { cwd: copy })
      return Math.round((performance.now() - start) / 100) / 10
    }
    const fromScratchS = await timed()
    // a changed byte, as an edit would make (forge keys its cache on content)
    await appendFile(join(copy, 'src', 'core', 'PerpEngine.sol'), '\n')
    const afterEngineTouchS = await timed()
    return { fromScratchS, afterEngineTouchS, measured: new Date().toISOString() }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
