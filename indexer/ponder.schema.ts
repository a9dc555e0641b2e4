import { index, onchainTable } from 'ponder'

/**
 * Every protocol event, one row each: which contract and event, where in the chain, the account
 * and market it is about when it names them (for the dashboard's account and market histories),
 * and all its arguments (numbers as decimal strings: JSON has no 256-bit integers).
 */
export const protocolEvent = onchainTable(
  'protocol_event',
  (t) => ({
    /** `<block>-<log index>`: unique on one chain */
    id: t.text().primaryKey(),
    contract: t.text().notNull(),
    name: t.text().notNull(),
    blockNumber: t.bigint().notNull(),
    timestamp: t.bigint().notNull(),
    transactionHash: t.hex().notNull(),
    logIndex: t.integer().notNull(),
    /** trader, owner, staker, bidder, voter, keeper…: the first such argument */
    account: t.hex(),
    marketId: t.bigint(),
    args: t.json().notNull(),
  }),
  (table) => ({
    accountIndex: index().on(table.account, table.blockNumber),
    eventIndex: index().on(table.contract, table.name, table.blockNumber),
    marketIndex: index().on(table.marketId, table.blockNumber),
  }),
)
