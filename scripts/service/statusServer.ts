import { createServer, type Server } from 'node:http'

/**
 * Serves `read()` as JSON at GET /status on 127.0.0.1:`port` (0: any free port), readable from
 * the dashboard's origin, and each of `routes` (path → reader) the same way; any other path is a
 * 404. Bigints are written as decimal strings.
 */
export function serveStatus(port: number, read: () => unknown, routes: Record<string, () => unknown> = {}): Promise<Server> {
  const readers: Record<string, () => unknown> = { ...routes, '/status': read }
  const server = createServer((request, response) => {
    const reader = request.method === 'GET' && request.url !== undefined && Object.hasOwn(readers, request.url) ? readers[request.url] : undefined
    response.writeHead(reader ? 200 : 404, { 'content-type': 'application/json', 'access-control-allow-origin': '*' })
    response.end(reader ? JSON.stringify(reader(), (_key, value) => (typeof value === 'bigint' ? value.toString() : value)) : '{"error":"not found"}')
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve(server))
  })
}
