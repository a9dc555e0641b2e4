/** Structured log lines (one JSON object per line) for the long-running services. */
export type LogFields = Record<string, unknown>

export type Logger = {
  info(event: string, fields?: LogFields): void
  warn(event: string, fields?: LogFields): void
  error(event: string, fields?: LogFields): void
}

export function createLogger(service: string, write: (line: string) => void = (line) => process.stdout.write(line + '\n')): Logger {
  const emit = (level: string) => (event: string, fields: LogFields = {}) =>
    write(
      JSON.stringify({ ts: new Date().toISOString(), level, service, event, ...fields }, (_key, value) =>
        typeof value === 'bigint' ? value.toString() : value,
      ),
    )
  return { info: emit('info'), warn: emit('warn'), error: emit('error') }
}
