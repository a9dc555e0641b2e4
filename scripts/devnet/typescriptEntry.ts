import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'

const require = createRequire(import.meta.url)
const TSX_LOADER = pathToFileURL(require.resolve('tsx')).href

/**
 * The command that runs a TypeScript entry as one process: node with tsx's loader
 * (`node --import tsx entry`), not tsx's CLI. The CLI is a second process in front of the script:
 * signalled itself, it relays the signal and SIGKILLs the script unless the script acknowledges
 * within 30 ms, which a loaded machine misses. A launcher killed that way never stops its own
 * children (an anvil left running with its chain unsaved); a service spawned that way is signalled
 * directly, so its own shutdown runs.
 */
export function typescriptEntry(entry: string, args: string[] = []): [command: string, args: string[]] {
  return [process.execPath, ['--import', TSX_LOADER, entry, ...args]]
}
