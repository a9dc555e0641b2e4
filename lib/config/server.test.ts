import { describe, expect, it } from 'vitest'
import { webSocketUrl } from './server'

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
