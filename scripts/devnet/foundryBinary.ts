import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)
const ARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64' }

/**
 * Path of a Foundry tool's native binary from its npm platform package. We run it directly, not
 * through the npm wrapper, so that signalling the child process stops the tool itself.
 */
export function foundryBinary(tool: 'anvil' | 'forge' | 'cast'): string {
  const arch = ARCH[process.arch]
  if (!arch) throw new Error(`No Foundry binary for ${process.platform}/${process.arch}`)
  const pkg = `@foundry-rs/${tool}-${process.platform}-${arch}`
  const pkgDir = dirname(require.resolve(`${pkg}/package.json`))
  return join(pkgDir, 'bin', process.platform === 'win32' ? `${tool}.exe` : tool)
}
