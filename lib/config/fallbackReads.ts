import { fallback, http } from 'viem'

/**
 * Reads over several RPC URLs, the first preferred, each next one used when the one before fails
 * (viem's `fallback`). Its own module, loaded by lib/config/headsTransport.ts on a chain's first
 * read only where a chain lists more than one URL: the first load of a one-URL chain does not carry it.
 */
export function fallbackReads(urls: string[]) {
  return fallback(urls.map((url) => http(url)))
}
