import { createServer, type Server } from 'node:http'

/**
 * Serves `read()` as JSON at GET /status on 127.0.0.1:`port` (0: any free port), readable from
 * the dashboard's origin; any other path is a 404. Bigints are written as decimal strings.
 */
export function serveStatus(port: number, read: () => unknown): Promise<Server> {
  const server = createServer((request, response) => {
    const found = request.method === 'GET' && request.url === '/status'
    response.writeHead(found ? 200 : 404, { 'content-type': 'application/json', 'access-control-allow-origin': '*' })
    response.end(found ? JSON.stringify(read(), (_key, value) => (typeof value === 'bigint' ? value.toString() : value)) : '{"error":"not found"}')
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve(server))
  })
}
