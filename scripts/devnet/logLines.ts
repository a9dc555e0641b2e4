/**
 * Which of a child's output lines `npm run dev` prints on the terminal when the children's logs go
 * to files: warnings and errors only. The services log one JSON object per line with a `level`
 * (scripts/service/log.ts); anything else (next's own output, a stack trace) is printed when it
 * comes on stderr or reads like a warning or an error.
 */
const NOTABLE_TEXT = /(error|errors|warn|warning|failed|failure|fatal|exception|unhandled)\b|⚠|⨯|✖/i

export function isNotableLine(line: string, stream: 'stdout' | 'stderr'): boolean {
  const trimmed = line.trim()
  if (!trimmed) return false
  if (trimmed.startsWith('{')) {
    try {
      const level = (JSON.parse(trimmed) as { level?: unknown }).level
      if (typeof level === 'string') return level === 'warn' || level === 'error' || level === 'fatal'
    } catch {
      // not JSON after all: judged as text
    }
  }
  return stream === 'stderr' || NOTABLE_TEXT.test(trimmed)
}
