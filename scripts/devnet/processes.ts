import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process'

/** Children started by a launcher; all of them are stopped together, whoever exits first. */
export class ProcessGroup {
  private readonly children: { name: string; child: ChildProcess }[] = []
  private stopping = false

  start(name: string, command: string, args: string[], options: SpawnOptions = {}): ChildProcess {
    // Own process group, so stopping it also stops whatever it started (next dev's workers).
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true, ...options })
    const prefix = `[${name}] `
    const forward = (stream: NodeJS.WritableStream) => (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line.trim()) stream.write(prefix + line + '\n')
    }
    child.stdout?.on('data', forward(process.stdout))
    child.stderr?.on('data', forward(process.stderr))
    this.children.push({ name, child })
    return child
  }

  /** Rejects if the child exits before `stop()` was called. */
  watch(name: string, child: ChildProcess): Promise<never> {
    return new Promise((_, reject) => {
      child.once('exit', (code, signal) => {
        if (!this.stopping) reject(new Error(`${name} exited (${signal ?? code})`))
      })
    })
  }

  async stop(): Promise<void> {
    this.stopping = true
    await Promise.all(
      this.children.reverse().map(
        ({ child }) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve()
            const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), 5_000)
            child.once('exit', () => {
              clearTimeout(timer)
              resolve()
            })
            signalGroup(child, 'SIGTERM')
          }),
      ),
    )
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
