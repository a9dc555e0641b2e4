/**
 * The indexer's API: GraphQL at /graphql, SQL over HTTP at /sql (Ponder's client protocol), and
 * POST /logs, the dashboard's `eth_getLogs` answered from the index (src/logQuery.ts).
 */
import { Hono } from 'hono'
import { db } from 'ponder:api'
import schema, { protocolEvent } from 'ponder:schema'
import { and, asc, client, eq, gte, graphql, inArray, lte } from 'ponder'
import { MAX_LOGS, logAnswer, parseLogQuery, type LogQuery } from '../logQuery'

const app = new Hono()
app.use('/sql/*', client({ db, schema }))
app.use('/graphql', graphql({ db, schema }))

const TOPIC_COLUMNS = [protocolEvent.topic0, protocolEvent.topic1, protocolEvent.topic2, protocolEvent.topic3] as const

app.post('/logs', async (c) => {
  let query: LogQuery
  try {
    query = parseLogQuery(await c.req.json())
  } catch (error) {
    return c.json({ error: (error as Error).message }, 400)
  }
  // The last block the index holds, read before the rows: rows past it are left for the next read.
  const status = (await fetch(new URL('/status', c.req.url)).then((r) => r.json())) as Record<string, { block: { number: number } }>
  const indexed = BigInt(Object.values(status)[0]?.block.number ?? -1)
  const through = indexed < query.toBlock ? indexed : query.toBlock
  if (through < query.fromBlock) return c.json({ throughBlock: `0x${(query.fromBlock - 1n).toString(16)}`, logs: [] })
  const conditions = [
    inArray(protocolEvent.address, query.address),
    gte(protocolEvent.blockNumber, query.fromBlock),
    lte(protocolEvent.blockNumber, through),
    ...query.topics.map((values, i) => (values === null ? undefined : values.length === 1 ? eq(TOPIC_COLUMNS[i]!, values[0]!) : inArray(TOPIC_COLUMNS[i]!, values))),
  ]
  const rows = await db
    .select()
    .from(protocolEvent)
    .where(and(...conditions))
    .orderBy(asc(protocolEvent.blockNumber), asc(protocolEvent.logIndex))
    .limit(MAX_LOGS + 1)
  return c.json(logAnswer(rows, through))
})

export default app
