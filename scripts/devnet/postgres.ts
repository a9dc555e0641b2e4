/**
 * A throwaway PostgreSQL server for a test (Debian's `postgresql` package): its own data directory
 * under the system's temporary folder, listening on 127.0.0.1 only, trust authentication for the
 * `postgres` user, stopped and removed by `stop`. Run as root, the server runs as the `postgres`
 * system user (PostgreSQL refuses to run as root).
 */
import { execFileSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Where Debian puts the server's binaries (the newest installed major version), or null. */
export function postgresBinDir(): string | null {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return null
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a))
  return versions.length > 0 ? join(root, versions[0], 'bin') : null
}

export type TestPostgres = { url: string; stop: () => void }

export function startTestPostgres(port: number): TestPostgres {
  const bin = postgresBinDir()
  if (!bin) throw new Error("PostgreSQL's server is not installed (Debian: apt-get install -y postgresql)")
  const asRoot = process.getuid?.() === 0
  const dir = mkdtempSync(join(tmpdir(), 'rampart-pg-'))
  chmodSync(dir, 0o777)
  const data = join(dir, 'data')
  const as = (command: string, args: string[]) =>
    asRoot ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, command), ...args], { stdio: 'pipe' }) : execFileSync(join(bin, command), args, { stdio: 'pipe' })
  as('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync'])
  as('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-o', `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off`, 'start'])
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      try {
        as('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop'])
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  }
}
