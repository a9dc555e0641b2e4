import { spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { ROOT } from './devnet'
import { typescriptEntry } from './typescriptEntry'

// A script that is busy (its event loop blocked) when SIGINT comes, as a launcher is on a loaded
// machine, and that has a shutdown of its own to run.
const BUSY_SCRIPT = `
const ready: string = 'ready'
process.on('SIGINT', () => {
  console.log('shutdown ran')
  process.exit(0)
})
console.log(ready)
setInterval(() => {
  const until = Date.now() + 400
  while (Date.now() < until) {}
}, 10)
`

let dir = ''
let entry = ''
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rampart-entry-'))
  entry = join(dir, 'busy.ts')
  await writeFile(entry, BUSY_SCRIPT)
})
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

/** Starts `command`, sends SIGINT once the script printed "ready", and returns how it ended. */
function interruptWhenReady(command: string, args: string[]) {
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    let sent = false
    child.stdout.on('data', (chunk) => {
      output += chunk
      if (!sent && output.includes('ready')) {
        sent = true
        setTimeout(() => child.kill('SIGINT'), 50)
      }
    })
    child.stderr.on('data', (chunk) => (output += chunk))
    child.once('exit', (code, signal) => resolve({ code, signal, output }))
  })
}

it("runs the script's own SIGINT shutdown even when it is busy when the signal comes", async () => {
  const ended = await interruptWhenReady(...typescriptEntry(entry))
  expect(ended.output).toContain('shutdown ran')
  expect(ended.code).toBe(0)
}, 30_000)

// What typescriptEntry avoids: tsx's CLI kills a script that does not acknowledge the relayed
// signal within 30 ms, so its shutdown never runs (the launcher's children were left running).
it("tsx's CLI kills the same busy script before its shutdown runs", async () => {
  const ended = await interruptWhenReady(join(ROOT, 'node_modules', '.bin', 'tsx'), [entry])
  expect(ended.output).not.toContain('shutdown ran')
}, 30_000)
