import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { classifyAddress, isPublicAddress } from '../address-policy.ts'

describe('classifyAddress', () => {
  const cases: Array<[string, string]> = [
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.254', 'private'],
    ['192.168.1.1', 'private'],
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['fe80::1', 'linkLocal'],
    ['fe80::1%eth0', 'linkLocal'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['::ffff:10.0.0.1', 'ipv4Mapped:private'],
    ['::ffff:127.0.0.1', 'ipv4Mapped:loopback'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['64:ff9b::a00:1', 'rfc6052'],
    ['2002:a00:1::1', '6to4'],
    ['2001:db8::1', 'reserved'],
  ]
  for (const [address, range] of cases) {
    it(`${address} is ${range}, not public`, () => {
      assert.deepEqual(classifyAddress(address), { range, public: false })
    })
  }

  it('a public IPv4 address is unicast and public', () => {
    assert.deepEqual(classifyAddress('93.184.216.34'), { range: 'unicast', public: true })
    assert.equal(isPublicAddress('8.8.8.8'), true)
  })

  it('a global IPv6 address is public, and so is a mapped public IPv4 address', () => {
    assert.equal(isPublicAddress('2001:4860:4860::8888'), true)
    assert.equal(isPublicAddress('::ffff:8.8.8.8'), true)
  })

  it('IPv4-compatible IPv6 (::/96) is not public although ipaddr.js calls it unicast', () => {
    assert.equal(isPublicAddress('::a00:1'), false)
  })

  it('shorthand and non-address strings are invalid, never public', () => {
    for (const text of ['127.1', '0x7f.0.0.1', 'localhost', '', '10.0.0.256']) {
      assert.deepEqual(classifyAddress(text), { range: 'invalid', public: false }, text)
    }
  })
})
