import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { defineConfig } from '@wagmi/cli'
import { foundry } from '@wagmi/cli/plugins'

// Typed ABIs for every contract under contracts/src, straight from the Foundry artifacts.
// `forge build` runs first in contracts/ (the plugin would resolve the solc wrapper's relative path
// from the wrong directory), so the plugin only reads artifacts.
//
// A source compiled under two profiles (PerpEngine's IR profile and what it imports) has its
// artifacts written more than once: `<Name>.engine.json`, and under nested out/<dir>/<File>.sol/
// folders. Exactly one artifact per contract of contracts/src is handed to the plugin: found by
// the source path in its metadata, default profile preferred.
const OUT = 'contracts/out'
const ABI_DIR = 'contracts/.abi'

function artifactFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'build-info' ? [] : artifactFiles(path)
    return entry.name.endsWith('.json') ? [path] : []
  })
}

rmSync(ABI_DIR, { recursive: true, force: true })
rmSync('lib/contracts/abi', { recursive: true, force: true })
const chosen = new Map<string, string>()
for (const path of artifactFiles(OUT).sort((a, b) => a.split('.').length - b.split('.').length || a.length - b.length)) {
  const artifact = JSON.parse(readFileSync(path, 'utf8')) as { metadata?: { settings?: { compilationTarget?: Record<string, string> } } }
  const [[source, name] = []] = Object.entries(artifact.metadata?.settings?.compilationTarget ?? {})
  if (!source?.startsWith('src/') || !name || chosen.has(name)) continue
  chosen.set(name, path)
  mkdirSync(join(ABI_DIR, source), { recursive: true })
  cpSync(path, join(ABI_DIR, source, `${name}.json`))
}

type AbiItem = { type: string; name?: string; inputs?: { type: string }[] }

/**
 * Every custom error any Rampart contract can raise (one entry per signature), in a module of its
 * own: the revert decoder (lib/contracts/errorsAbi.ts) loads it with the first transaction, while
 * pages import only the ABIs they use from generated.ts (a namespace import of generated.ts would
 * ship every ABI with every page).
 */
function allContractErrors(): AbiItem[] {
  const bySignature = new Map<string, AbiItem>()
  for (const path of [...chosen.values()].sort()) {
    const { abi } = JSON.parse(readFileSync(path, 'utf8')) as { abi: AbiItem[] }
    for (const item of abi) {
      if (item.type !== 'error') continue
      const signature = `${item.name}(${(item.inputs ?? []).map((input) => input.type).join(',')})`
      if (!bySignature.has(signature)) bySignature.set(signature, item)
    }
  }
  return [...bySignature.values()]
}

export default defineConfig([
  {
    out: 'lib/contracts/generated.ts',
    plugins: [
      foundry({
        project: 'contracts',
        artifacts: '.abi',
        forge: { build: false, rebuild: false },
        include: ['*.json'],
      }),
    ],
  },
  { out: 'lib/contracts/errors.generated.ts', contracts: [{ name: 'AllContractErrors', abi: allContractErrors() as never }] },
  // The same ABIs one contract per module (lib/contracts/abi/<Name>.ts, same export names): the
  // dashboard imports these, so a page carries the ABIs it uses and no other page's (a bundler
  // keeps a module whole: through generated.ts every page carried every ABI any page used).
  ...[...chosen].map(([name, path]) => ({
    out: `lib/contracts/abi/${name}.ts`,
    contracts: [{ name, abi: dashboardAbi((JSON.parse(readFileSync(path, 'utf8')) as { abi: AbiItem[] }).abi) as never }],
  })),
])

/**
 * A contract's ABI as the dashboard needs it, smaller in every page that imports it: no custom
 * errors (a transaction decodes reverts against every contract's errors, the module above, loaded
 * with the first transaction), no constructor (the dashboard deploys nothing) and no `internalType`
 * (Solidity's own type names: viem encodes and decodes from `type` and `components` alone). Scripts,
 * the keeper and the indexer keep the whole ABIs of generated.ts.
 */
function dashboardAbi(abi: AbiItem[]): unknown[] {
  const lean = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(lean)
    if (value === null || typeof value !== 'object') return value
    return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'internalType').map(([key, inner]) => [key, lean(inner)]))
  }
  return abi.filter((item) => item.type !== 'error' && item.type !== 'constructor').map(lean)
}
