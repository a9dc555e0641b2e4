import { execFileSync } from 'node:child_process'

/**
 * The pid of the anvil listening on `port` (the one global-setup started for this worker's stack), from the
 * kernel's socket table. Tests pause it with SIGSTOP to see the app under a node that stopped
 * answering: connections are still accepted, no reply comes.
 */
export function anvilPid(port: number): number {
  const listing = execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' })
  const match = /\("anvil",pid=(\d+)/.exec(listing)
  if (!match) throw new Error(`no anvil listening on port ${port}:\n${listing}`)
  return Number(match[1])
}
