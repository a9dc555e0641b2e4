import { readdirSync } from 'node:fs'
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

export default defineConfig({
  out: 'lib/contracts/generated.ts',
  plugins: [
    foundry({
      project: 'contracts',
      artifacts: 'out',
      forge: { build: false, rebuild: false },
      include: sourceFiles('contracts/src').map((file) => `${file}/*.json`),
    }),
  ],
})
