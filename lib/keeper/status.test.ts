import { describe, expect, it } from 'vitest'
import { parseKeeperStatus, serialiseKeeperStatus } from './status'

const report = { positionsTracked: 7, atRisk: 2, liquidatable: 1, liquidated: 3, lastBlock: '193', errors: 0 }

describe('keeper status', () => {
  it("reads the keeper's report and survives the trip to the browser", () => {
    const status = parseKeeperStatus(report)
    expect(status).toEqual({ online: true, ...report, lastBlock: 193n, requests: null })
    expect(parseKeeperStatus(JSON.parse(JSON.stringify(serialiseKeeperStatus(status))))).toEqual(status)
  })

  it('reads the two-step request counts when the keeper reports them all, else none', () => {
    const requests = { ordersExecuted: 4, ordersCancelled: 1, lpExecuted: 2, lpCancelled: 0, pendingRequests: 3 }
    const status = parseKeeperStatus({ ...report, ...requests })
    expect(status).toMatchObject({ online: true, requests })
    expect(parseKeeperStatus(JSON.parse(JSON.stringify(serialiseKeeperStatus(status))))).toEqual(status)
    expect(parseKeeperStatus({ ...report, ...requests, lpExecuted: -1 })).toMatchObject({ online: true, requests: null })
  })

  it('accepts a keeper that has not handled a block yet', () => {
    expect(parseKeeperStatus({ ...report, lastBlock: null })).toMatchObject({ online: true, lastBlock: null })
  })

  it('treats anything malformed as no keeper', () => {
    for (const bad of [null, 'up', {}, { ...report, atRisk: -1 }, { ...report, liquidated: 1.5 }, { ...report, lastBlock: 12 }, { ...report, lastBlock: '0x10' }])
      expect(parseKeeperStatus(bad)).toEqual({ online: false })
  })
})
