import { describe, expect, it } from 'vitest'
import { isNotableLine } from './logLines'

describe('isNotableLine', () => {
  it('prints the services’ warnings and errors, not their routine ticks', () => {
    expect(isNotableLine('{"ts":"t","level":"info","service":"price-feeder","event":"tick","block":"12"}', 'stdout')).toBe(false)
    expect(isNotableLine('{"ts":"t","level":"warn","service":"keeper","event":"dropped"}', 'stdout')).toBe(true)
    expect(isNotableLine('{"ts":"t","level":"error","service":"keeper","event":"liquidateMany failed"}', 'stdout')).toBe(true)
    // a JSON info line mentioning an error field is still routine
    expect(isNotableLine('{"level":"info","event":"block","errors":0}', 'stdout')).toBe(false)
  })

  it('prints next’s problems, not its request log', () => {
    expect(isNotableLine(' GET /api/keeper 200 in 12ms', 'stdout')).toBe(false)
    expect(isNotableLine(' ✓ Compiled /markets in 3.2s (1520 modules)', 'stdout')).toBe(false)
    expect(isNotableLine(' ⚠ Fast Refresh had to perform a full reload', 'stdout')).toBe(true)
    expect(isNotableLine(' ⨯ Error: boom', 'stdout')).toBe(true)
    expect(isNotableLine('TypeError: x is undefined', 'stdout')).toBe(true)
  })

  it('prints whatever comes on stderr, and never a blank line', () => {
    expect(isNotableLine('    at main (scripts/keeper.ts:10:3)', 'stderr')).toBe(true)
    expect(isNotableLine('   ', 'stderr')).toBe(false)
  })
})
