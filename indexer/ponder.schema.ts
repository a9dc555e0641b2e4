import { index, onchainTable } from 'ponder'

/**
 * Every protocol event, one row each: which contract and event, where in the chain, the account
 * and market it is about when it names them (for the dashboard's account and market histories),
 * all its arguments (numbers as decimal strings: JSON has no 256-bit integers), and the log as the
 * node sent it (address, topics, data), so the dashboard's log reader can take its logs from here
 * instead of `eth_getLogs` and decode them with the same code (GET /logs, src/api/index.ts).
 */
export const protocolEvent = onchainTable(
  'protocol_event',
  (t) => ({
    /** `<block>-<log index>`: unique on one chain */
    id: t.text().primaryKey(),
    contract: t.text().notNull(),
    name: t.text().notNull(),
    blockNumber: t.bigint().notNull(),
    blockHash: t.hex().notNull(),
    timestamp: t.bigint().notNull(),
    transactionHash: t.hex().notNull(),
    transactionIndex: t.integer().notNull(),
    logIndex: t.integer().notNull(),
    /** trader, owner, staker, bidder, voter, keeper…: the first such argument */
    account: t.hex(),
    marketId: t.bigint(),
    args: t.json().notNull(),
    /** the raw log: emitting contract (lower case), topics 0–3 (null past the last), data */
    address: t.hex().notNull(),
    topic0: t.hex().notNull(),
    topic1: t.hex(),
    topic2: t.hex(),
    topic3: t.hex(),
    data: t.hex().notNull(),
  }),
  (table) => ({
    accountIndex: index().on(table.account, table.blockNumber),
    eventIndex: index().on(table.contract, table.name, table.blockNumber),
    marketIndex: index().on(table.marketId, table.blockNumber),
    // the log reader's filters: by event (topic0) or by its first indexed argument (an account's history)
    topic0Index: index().on(table.topic0, table.blockNumber),
    topic1Index: index().on(table.topic1, table.blockNumber),
  }),
)
