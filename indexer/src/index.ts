/**
 * One handler for every event of every indexed contract: a row in `protocol_event`.
 */
import { ponder } from 'ponder:registry'
import { protocolEvent } from 'ponder:schema'
import { INDEXED_CONTRACTS, eventNames } from './contracts'
import { eventRow } from './eventRow'

type Handler = Parameters<typeof ponder.on>[1]

for (const [contract, abi] of Object.entries(INDEXED_CONTRACTS))
  for (const name of eventNames(abi)) {
    const handler: Handler = async ({ event, context }) => {
      await context.db.insert(protocolEvent).values(eventRow(contract, name, event))
    }
    // names built at run time: the registry's literal types cannot follow the loop
    ponder.on(`${contract}:${name}` as Parameters<typeof ponder.on>[0], handler)
  }
