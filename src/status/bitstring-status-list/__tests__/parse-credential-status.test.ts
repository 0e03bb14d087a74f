// credentialStatus parsing: the §2.1 MUST statements, the index rule, URL rule, limits and unsupported entries.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { BitstringStatusListEntry } from '../bitstring-status-types.ts'
import {
  type ParseCredentialStatusOptions,
  type ParsedStatusEntry,
  parseCredentialStatus,
  parseStatusEntry,
} from '../parse-credential-status.ts'
import { entry } from './bitstring-fixtures.ts'

const url = 'https://issuer.example/status/3'
const strict: ParseCredentialStatusOptions = { allowHttp: () => false }

function parsed(value: unknown, options = strict): BitstringStatusListEntry {
  const result = parseStatusEntry(value, options)
  assert.ok(result.ok, result.ok ? '' : result.message)
  return result.entry
}

function refused(value: unknown, code: string, pattern: RegExp, options = strict): void {
  const result: ParsedStatusEntry = parseStatusEntry(value, options)
  assert.equal(result.ok, false)
  if (result.ok) return
  assert.equal(result.code, code)
  assert.match(result.message, pattern)
}

const messages = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ status: `0x${i.toString(16)}`, message: `m${i}` }))

describe('parseStatusEntry', () => {
  it('reads the Recommendation example entry, statusSize defaulting to 1', () => {
    const read = parsed(entry(url, '94567', { id: `${url}#94567` }))
    assert.equal(read.statusListIndex, 94567n)
    assert.equal(read.statusSize, 1)
    assert.equal(read.statusPurpose, 'revocation')
    assert.equal(read.label, url)
    assert.equal(read.numericIndex, undefined)
  })

  it('keeps arbitrary-size indexes exactly (as a bigint)', () => {
    assert.equal(parsed(entry(url, '18446744073709551617')).statusListIndex, 18446744073709551617n)
  })

  it('refuses a JSON number index by default (MALFORMED_VALUE_ERROR)', () => {
    refused(entry(url, 23), 'status.reference_invalid', /JSON number/)
  })

  it('accepts a JSON number index in lenient mode, marking it', () => {
    const read = parsed(entry(url, 23), { ...strict, allowNumericStatusListIndex: true })
    assert.equal(read.statusListIndex, 23n)
    assert.equal(read.numericIndex, true)
  })

  it('refuses negative, fractional, signed, hex and over-long indexes', () => {
    const lenient = { ...strict, allowNumericStatusListIndex: true }
    refused(entry(url, -1), 'status.reference_invalid', /non-negative/, lenient)
    refused(entry(url, 1.5), 'status.reference_invalid', /non-negative/, lenient)
    for (const bad of ['-1', '+1', '0x10', '1e3', ' 1', ''])
      refused(entry(url, bad), 'status.reference_invalid', /base 10/)
    refused(entry(url, '1'.repeat(21)), 'status.reference_invalid', /more than 20 digits/)
  })

  it('refuses plain http unless the caller allows it for that URL', () => {
    const http = 'http://127.0.0.1:9/status'
    refused(entry(http, '1'), 'status.reference_invalid', /not an https URL/)
    assert.equal(parsed(entry(http, '1'), { allowHttp: (u) => u === http }).label, http)
    refused(entry('ftp://issuer.example/list', '1'), 'status.reference_invalid', /https/)
    refused(entry('not a url', '1'), 'status.reference_invalid', /absolute URL/)
  })

  it('refuses an entry `id` equal to the status list URL', () => {
    refused(
      entry(url, '1', { id: url }),
      'status.reference_invalid',
      /entry `id` is the status list URL/,
    )
  })

  it('reports other entry types as unsupported, never as passing', () => {
    refused(
      { ...entry(url, '1'), type: 'StatusList2021Entry' },
      'status.type_unsupported',
      /StatusList2021Entry/,
    )
    refused(
      { ...entry(url, '1'), type: ['BitstringStatusListEntry'] },
      'status.type_unsupported',
      /not a/,
    )
  })

  it('reports a statusPurpose without fixed meaning as unsupported', () => {
    refused(entry(url, '1', { statusPurpose: 'expiry' }), 'status.type_unsupported', /expiry/)
    refused(entry(url, '1', { statusPurpose: 7 }), 'status.reference_invalid', /not a string/)
  })

  it('requires statusMessage with 2^statusSize entries when statusSize > 1', () => {
    refused(
      entry(url, '1', { statusSize: 2 }),
      'status.reference_invalid',
      /statusMessage` is absent/,
    )
    refused(
      entry(url, '1', { statusSize: 2, statusMessage: messages(3) }),
      'status.reference_invalid',
      /array of 4 entries/,
    )
    const read = parsed(entry(url, '1', { statusSize: 2, statusMessage: messages(4) }))
    assert.equal(read.statusMessage?.get(3), 'm3')
  })

  it('refuses repeated, out-of-range and non-hex statusMessage values', () => {
    const repeated = [...messages(3), { status: '0x1', message: 'again' }]
    refused(
      entry(url, '1', { statusSize: 2, statusMessage: repeated }),
      'status.reference_invalid',
      /twice/,
    )
    const wide = [...messages(3), { status: '0x4', message: 'wide' }]
    refused(
      entry(url, '1', { statusSize: 2, statusMessage: wide }),
      'status.reference_invalid',
      /does not fit/,
    )
    const decimal = [...messages(3), { status: '3', message: 'three' }]
    refused(
      entry(url, '1', { statusSize: 2, statusMessage: decimal }),
      'status.reference_invalid',
      /hexadecimal/,
    )
  })

  it('refuses statusSize that is not a positive integer or exceeds the supported 8 bits', () => {
    for (const bad of [0, -1, 1.5, '2'])
      refused(entry(url, '1', { statusSize: bad }), 'status.reference_invalid', /greater than zero/)
    refused(
      entry(url, '1', { statusSize: 9, statusMessage: messages(512) }),
      'status.reference_invalid',
      /larger than the 8 bits/,
    )
  })

  it('checks statusReference is a URL or an array of URLs', () => {
    assert.equal(
      parsed(entry(url, '1', { statusReference: 'https://x.example/d' })).statusReference,
      'https://x.example/d',
    )
    refused(
      entry(url, '1', { statusReference: ['nope'] }),
      'status.reference_invalid',
      /statusReference/,
    )
  })
})

describe('parseCredentialStatus', () => {
  it('reads one object or an array, each entry on its own', () => {
    const one = parseCredentialStatus(entry(url, '1'), strict)
    assert.ok(one.ok)
    assert.equal(one.entries.length, 1)
    const two = parseCredentialStatus([entry(url, '1'), { type: 'Other' }], strict)
    assert.ok(two.ok)
    assert.deepEqual(
      two.entries.map((e) => e.ok || e.code),
      [true, 'status.type_unsupported'],
    )
  })

  it('refuses an empty array and more entries than the explicit limit', () => {
    assert.equal(parseCredentialStatus([], strict).ok, false)
    const many = Array.from({ length: 17 }, (_, i) => entry(url, String(i)))
    const result = parseCredentialStatus(many, strict)
    assert.equal(result.ok, false)
    if (!result.ok) assert.match(result.message, /more than the 16/)
  })
})
