/** The indexer's API: GraphQL at /graphql, SQL over HTTP at /sql (Ponder's client protocol). */
import { Hono } from 'hono'
import { db } from 'ponder:api'
import schema from 'ponder:schema'
import { client, graphql } from 'ponder'

const app = new Hono()
app.use('/sql/*', client({ db, schema }))
app.use('/graphql', graphql({ db, schema }))
export default app
