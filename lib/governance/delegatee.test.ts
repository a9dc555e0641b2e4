import { describe, expect, it } from 'vitest'
import { checkDelegatee } from './delegatee'

const A = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'

describe('checkDelegatee', () => {
  it('accepts a checksummed or lower-case address and returns it checksummed', () => {
    expect(checkDelegatee(A)).toEqual({ address: A })
    expect(checkDelegatee(A.toLowerCase())).toEqual({ address: A })
  })
  it('refuses empty, malformed, mis-checksummed, zero and unchanged delegates', () => {
    expect(checkDelegatee('').error).toBe('Enter an address (0x…).')
    expect(checkDelegatee('0x1234').error).toMatch(/^Not an address/)
    expect(checkDelegatee(A.replace('C51812dc', 'c51812dc')).error).toMatch(/^Checksum mismatch/)
    expect(checkDelegatee('0x0000000000000000000000000000000000000000').error).toMatch(/zero address/)
    expect(checkDelegatee(A, A).error).toMatch(/already delegated/)
  })
})
