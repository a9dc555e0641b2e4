import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process'
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs'
import { join } from 'node:path'
import { isNotableLine } from './logLines'

/** How a supervised service is restarted: exponential backoff from `initialDelayMs`, and left
 * stopped once it has exited more than `maxRestarts` times within `windowMs`. */
export type RestartPolicy = { maxRestarts: number; windowMs: number; initialDelayMs: number; maxDelayMs: number }

export const DEFAULT_RESTART_POLICY: RestartPolicy = { maxRestarts: 5, windowMs: 60_000, initialDelayMs: 1_000, maxDelayMs: 15_000 }

/** Lines of a child's output kept for the message when it is given up on. */
const TAIL_LINES = 15

/** How long `stop()` waits after SIGTERM before SIGKILL, unless the child was started with its own. */
const DEFAULT_STOP_GRACE_MS = 5_000

/**
 * Where the children's output goes. Without `logDir` every line is printed, prefixed with the
 * child's name. With it, each child's output goes whole to `<logDir>/<name>.log` (started afresh
 * by each launcher run) and only warnings and errors are printed (scripts/devnet/logLines.ts);
 * `onPrinted` is told after each printed line.
 */
export type OutputOptions = { logDir?: string; onPrinted?: () => void }

/** Children started by a launcher; all of them are stopped together. */
export class ProcessGroup {
  private readonly children: { name: string; child: ChildProcess; stopGraceMs: number }[] = []
  private readonly tails = new Map<string, string[]>()
  private readonly logFiles = new Map<string, WriteStream>()
  private stopping = false

  constructor(private readonly output: OutputOptions = {}) {
    if (output.logDir) mkdirSync(output.logDir, { recursive: true })
  }

  /** The file a child's output goes to (undefined when everything is printed). */
  logPath(name: string): string | undefined {
    return this.output.logDir ? join(this.output.logDir, `${name}.log`) : undefined
  }

  private logFile(name: string): WriteStream | undefined {
    const path = this.logPath(name)
    if (!path) return undefined
    let file = this.logFiles.get(name)
    if (!file) {
      file = createWriteStream(path, { flags: 'w' })
      this.logFiles.set(name, file)
    }
    return file
  }

  /** `stopGraceMs`: how long `stop()` lets it shut down before SIGKILL (anvil writing its state file). */
  start(name: string, command: string, args: string[], options: SpawnOptions = {}, stopGraceMs = DEFAULT_STOP_GRACE_MS): ChildProcess {
    // Own process group, so stopping it also stops whatever it started (next dev's workers).
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true, ...options })
    const prefix = `[${name}] `
    const tail = this.tails.get(name) ?? []
    this.tails.set(name, tail)
    const file = this.logFile(name)
    const forward = (kind: 'stdout' | 'stderr', stream: NodeJS.WritableStream) => (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line.trim()) continue
        file?.write(line + '\n')
        if (!file || isNotableLine(line, kind)) {
          stream.write(prefix + line + '\n')
          this.output.onPrinted?.()
        }
        tail.push(line)
        if (tail.length > TAIL_LINES) tail.shift()
      }
    }
    child.stdout?.on('data', forward('stdout', process.stdout))
    child.stderr?.on('data', forward('stderr', process.stderr))
    this.children.push({ name, child, stopGraceMs })
    return child
  }

  /** The most recently started child called `name`. */
  child(name: string): ChildProcess {
    const found = [...this.children].reverse().find((c) => c.name === name)
    if (!found) throw new Error(`no child called ${name}`)
    return found.child
  }

  /** Rejects if the child exits before `stop()` was called. */
  watch(name: string, child: ChildProcess): Promise<never> {
    return new Promise((_, reject) => {
      child.once('exit', (code, signal) => {
        if (!this.stopping) reject(new Error(`${name} exited (${signal ?? code})`))
      })
    })
  }

  /**
   * Starts a service that the stack survives: when it exits (crash, out-of-memory kill) it is
   * started again after a backoff, with a one-line message; after too many exits in a short
   * time it is left stopped and its last output lines are printed. `log` gets the launcher's lines.
   */
  supervise(
    name: string,
    command: string,
    args: string[],
    options: SpawnOptions,
    log: (line: string) => void,
    policy: RestartPolicy = DEFAULT_RESTART_POLICY,
  ): void {
    const exits: number[] = []
    const launch = () => {
      const child = this.start(name, command, args, options)
      log(`${name} started (pid ${child.pid})`)
      child.once('exit', (code, signal) => {
        if (this.stopping) return
        const now = Date.now()
        while (exits.length && now - exits[0] > policy.windowMs) exits.shift()
        exits.push(now)
        const how = signal ?? `code ${code}`
        if (exits.length > policy.maxRestarts) {
          const tail = (this.tails.get(name) ?? []).map((line) => `    ${line}`).join('\n')
          log(`${name} exited (${how}) ${exits.length} times in ${policy.windowMs / 1000} s: left stopped; its last lines:\n${tail}`)
          return
        }
        const delay = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (exits.length - 1))
        log(`${name} exited (${how}); restarting in ${delay / 1000} s (${exits.length} of ${policy.maxRestarts} restarts in ${policy.windowMs / 1000} s)`)
        setTimeout(() => {
          if (!this.stopping) launch()
        }, delay)
      })
    }
    launch()
  }

  async stop(): Promise<void> {
    this.stopping = true
    await Promise.all(
      this.children.reverse().map(
        ({ child, stopGraceMs }) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve()
            const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), stopGraceMs)
            child.once('exit', () => {
              clearTimeout(timer)
              resolve()
            })
            signalGroup(child, 'SIGTERM')
          }),
      ),
    )
    await Promise.all([...this.logFiles.values()].map((file) => new Promise<void>((resolve) => file.end(resolve))))
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    process.kill(-child.pid!, signal)
  } catch {
    child.kill(signal)
  }
}

/** Runs a command to completion, failing with its output when it fails. */
export function run(command: string, args: string[], options: SpawnOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options })
    let output = ''
    child.stdout?.on('data', (chunk) => (output += chunk))
    child.stderr?.on('data', (chunk) => (output += chunk))
    child.once('error', reject)
    child.once('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(' ')} failed (${code}):\n${output}`)),
    )
  })
}
