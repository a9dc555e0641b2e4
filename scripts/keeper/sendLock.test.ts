import { describe, expect, it } from 'vitest'
import { createSendLock } from './sendLock'

const tick = () => new Promise((r) => setTimeout(r, 5))

describe('createSendLock', () => {
  it('runs one send at a time, in the order asked, and a failure does not block the next', async () => {
    const lock = createSendLock()
    const order: string[] = []
    let running = 0
    let most = 0
    const job = (name: string, fail = false) =>
      lock(async () => {
        running++
        most = Math.max(most, running)
        order.push(`start ${name}`)
        await tick()
        order.push(`end ${name}`)
        running--
        if (fail) throw new Error(name)
        return name
      })
    const results = await Promise.allSettled([job('a'), job('b', true), job('c')])
    expect(most).toBe(1)
    expect(order).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c'])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect((results[2] as PromiseFulfilledResult<string>).value).toBe('c')
  })
})
