import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { defineConfig } from '@wagmi/cli'
import { foundry } from '@wagmi/cli/plugins'

// Typed ABIs for every contract under contracts/src, straight from the Foundry artifacts.
// `forge build` runs first in contracts/ (the plugin would resolve the solc wrapper's relative path
// from the wrong directory), so the plugin only reads artifacts.
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.sol') ? [entry.name] : [],
  )
}

// forge writes a source's artifacts to out/<File>.sol/, and again under other names when the file
// is also compiled with another profile (PerpEngine's IR profile: `<Name>.engine.json`, nested
// out/<dir>/<File>.sol/). Only the default profile's copies of src/ files are handed to the plugin.
const OUT = 'contracts/out'
const ABI_DIR = 'contracts/.abi'
rmSync(ABI_DIR, { recursive: true, force: true })
for (const file of sourceFiles('contracts/src')) {
  const from = join(OUT, file)
  mkdirSync(join(ABI_DIR, file), { recursive: true })
  for (const artifact of readdirSync(from))
    if (artifact.endsWith('.json') && artifact.split('.').length === 2) cpSync(join(from, artifact), join(ABI_DIR, file, artifact))
}

export default defineConfig({
  out: 'lib/contracts/generated.ts',
  plugins: [
    foundry({
      project: 'contracts',
      artifacts: '.abi',
      forge: { build: false, rebuild: false },
      include: ['*.json'],
    }),
  ],
})
