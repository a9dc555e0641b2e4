import { describe, expect, it } from 'vitest'
import { DEFAULT_LIVE_LOOKBACK_BLOCKS, historyBound, indexerUrl, logLookbackBlocks, webSocketUrl } from './server'

describe('webSocketUrl', () => {
  it('is the RPC URL with a ws scheme unless configured', () => {
    expect(webSocketUrl('http://127.0.0.1:8545', undefined)).toBe('ws://127.0.0.1:8545')
    expect(webSocketUrl('https://rpc.example/v2/key', undefined)).toBe('wss://rpc.example/v2/key')
    expect(webSocketUrl('http://127.0.0.1:8545/', undefined)).toBe('ws://127.0.0.1:8545/')
  })
  it('takes RAMPART_RPC_WS_URL when set, and none for "off"', () => {
    expect(webSocketUrl('http://127.0.0.1:8545', 'ws://127.0.0.1:9000')).toBe('ws://127.0.0.1:9000')
    expect(webSocketUrl('http://127.0.0.1:8545', 'off')).toBeNull()
    expect(webSocketUrl('http://127.0.0.1:8545', '')).toBe('ws://127.0.0.1:8545')
  })
})

describe('indexerUrl', () => {
  it('is RAMPART_INDEXER_URL without its trailing slash, or null when unset', () => {
    expect(indexerUrl('http://127.0.0.1:42069/')).toBe('http://127.0.0.1:42069')
    expect(indexerUrl('https://indexer.example/api')).toBe('https://indexer.example/api')
    expect(indexerUrl(undefined)).toBeNull()
    expect(indexerUrl('')).toBeNull()
  })
  it('refuses a value that is not an http(s) URL', () => {
    expect(() => indexerUrl('127.0.0.1:42069')).toThrow('RAMPART_INDEXER_URL')
    expect(() => indexerUrl('ws://127.0.0.1:42069')).toThrow('not an http(s) URL')
  })
})

describe('logLookbackBlocks', () => {
  it('is a positive number of blocks, or null when unset', () => {
    expect(logLookbackBlocks('50000')).toBe(50_000)
    expect(logLookbackBlocks(undefined)).toBeNull()
    expect(() => logLookbackBlocks('0')).toThrow('RAMPART_LOG_LOOKBACK_BLOCKS')
    expect(() => logLookbackBlocks('1e5')).toThrow('RAMPART_LOG_LOOKBACK_BLOCKS')
  })
})

describe('historyBound', () => {
  it('is the configured bound; unconfigured, a live chain is bounded and the devnet reads from its deploy block', () => {
    expect(historyBound(11155111, 1234)).toBe(1234)
    expect(historyBound(31337, 1234)).toBe(1234)
    expect(historyBound(11155111, null)).toBe(DEFAULT_LIVE_LOOKBACK_BLOCKS)
    expect(historyBound(31338, null)).toBe(50_000)
    expect(historyBound(31337, null)).toBeNull()
  })
})
