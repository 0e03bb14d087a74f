// Altered and hostile DeviceResponses: each fails with its own code, and none makes verification throw.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { defaultLimits } from '../../../config.ts'
import { annexD, corpusSkip, options, run } from './support.ts'

const at = '2021-01-01T00:00:00Z'

function annexDWith(edit: (hex: string) => string) {
  const a = annexD()
  const hex = a.deviceResponse.toString('hex')
  const edited = edit(hex)
  assert.notEqual(edited, hex, 'the edit must change the response')
  return run(
    Buffer.from(edited, 'hex'),
    options(at, {
      sessionTranscript: a.sessionTranscript,
      readerEphemeralKey: a.readerEphemeralKey,
    }),
  )
}

const hexOf = (text: string) => Buffer.from(text, 'utf8').toString('hex')

describe('tampered Annex D responses', { skip: corpusSkip }, () => {
  it('an element value changed after signing fails its digest', () => {
    // "Doe" → "Dot": the issuer signed the digest of the original item.
    const { codes } = annexDWith((h) => h.replace(`63${hexOf('Doe')}`, `63${hexOf('Dot')}`))
    assert.deepEqual(codes, ['mdoc.digest_mismatch'])
  })

  it('a flipped bit in the issuer signature fails issuerAuth', () => {
    const a = annexD()
    const hex = a.deviceResponse.toString('hex')
    // The signature is the 64-byte string that ends issuerAuth, right before "deviceSigned".
    const at64 = hex.indexOf(`6c${hexOf('deviceSigned')}`) - 2
    const edited = hex.slice(0, at64) + (hex[at64] === '0' ? '1' : '0') + hex.slice(at64 + 1)
    const { codes, result } = run(
      Buffer.from(edited, 'hex'),
      options(at, {
        sessionTranscript: a.sessionTranscript,
        readerEphemeralKey: a.readerEphemeralKey,
      }),
    )
    assert.deepEqual(codes, ['mdoc.issuer_signature_invalid'])
    assert.equal(result, undefined, 'nothing an unverified MSO says is returned')
  })

  it('a document whose docType differs from what its MSO signs is refused', () => {
    // org.iso.18013.5.1.mDL → org.iso.18013.5.1.mDX, same length.
    const { codes } = annexDWith((h) =>
      h.replace(`75${hexOf('org.iso.18013.5.1.mDL')}`, `75${hexOf('org.iso.18013.5.1.mDX')}`),
    )
    assert.deepEqual(codes, ['mdoc.doctype_mismatch'])
  })

  it('a protected header that is not well-formed CBOR is a malformed issuerAuth or device MAC', () => {
    // {1: -7} → 0x1f 0x01 0x26: an unsigned integer of indefinite length, which CBOR has not.
    const issuer = annexDWith((h) => h.replace('43a10126', '431f0126'))
    assert.deepEqual(issuer.codes, ['mdoc.issuer_auth_malformed'])
    // The device MAC's {1: 5}, likewise.
    const device = annexDWith((h) => h.replace('43a10105', '431f0105'))
    assert.deepEqual(device.codes, ['mdoc.device_auth_invalid'])
  })

  it('an algorithm outside the allow-list is refused before any verification', () => {
    // protected {1: -7} → {1: -65535}
    const { codes } = annexDWith((h) => h.replace('43a10126', '47a1013a0000fffe'))
    assert.deepEqual(codes, ['mdoc.alg_not_allowed'])
  })

  it('without x5chain there is no document signer', () => {
    // unprotected {33: cert} → {34: cert}
    const { codes } = annexDWith((h) => h.replace('43a10126a1182159', '43a10126a1182259'))
    assert.deepEqual(codes, ['mdoc.signer_certificate_missing'])
  })

  it('device namespaces that are not a map are malformed', () => {
    // DeviceNameSpacesBytes #6.24(<<{}>>) → #6.24(<<[]>>)
    const { codes } = annexDWith((h) => h.replace('d81841a0', 'd8184180'))
    assert.deepEqual(codes, ['mdoc.malformed'])
  })

  it('a DeviceResponse reporting an error status is not verified', () => {
    // status: 0 → 10 (general error)
    const { codes } = annexDWith((h) =>
      h.replace(`66${hexOf('status')}00`, `66${hexOf('status')}0a`),
    )
    assert.deepEqual(codes, ['mdoc.response_status'])
  })

  it('an unsupported DeviceResponse version is refused', () => {
    const { codes } = annexDWith((h) => h.replace(`63${hexOf('1.0')}`, `63${hexOf('2.0')}`))
    assert.deepEqual(codes, ['mdoc.version_unsupported'])
  })
})

describe('hostile CBOR', () => {
  const verify = (bytes: number[] | Buffer, limits = defaultLimits) =>
    run(Buffer.from(bytes), options(at, { limits })).codes

  it('truncated input', () => assert.deepEqual(verify([0xa3, 0x67]), ['mdoc.malformed']))
  it('bytes after the item', () => assert.deepEqual(verify([0xa0, 0x00]), ['mdoc.malformed']))
  it('duplicate map keys', () =>
    assert.deepEqual(verify([0xa2, 0x61, 0x61, 0x01, 0x61, 0x61, 0x02]), ['mdoc.malformed']))
  it('a declared length beyond the input', () =>
    assert.deepEqual(verify([0xa1, 0x61, 0x61, 0x5a, 0xff, 0xff, 0xff, 0xff]), ['mdoc.malformed']))
  it('a declared count beyond the input', () =>
    assert.deepEqual(verify([0xa1, 0x61, 0x61, 0x9b, 0, 0, 0, 1, 0, 0, 0, 0]), ['mdoc.malformed']))
  it('nesting deeper than the limit', () => {
    const deep = Buffer.concat([
      Buffer.from([0xa1, 0x61, 0x61]),
      Buffer.alloc(100, 0x81),
      Buffer.from([0x00]),
    ])
    assert.deepEqual(verify(deep), ['input.too_large'])
  })
  it('an indefinite-length array that never ends', () =>
    assert.deepEqual(verify([0xa1, 0x61, 0x61, 0x9f, 0x01, 0x01]), ['mdoc.malformed']))
  it('more items than the limit', () => {
    const many = Buffer.concat([
      Buffer.from([0xa1, 0x61, 0x61, 0x9f]),
      Buffer.alloc(2000, 0x01),
      Buffer.from([0xff]),
    ])
    assert.deepEqual(verify(many, { ...defaultLimits, maxCborItems: 1000 }), ['input.too_large'])
  })
  it('a tag 24 that encloses no byte string', () =>
    assert.deepEqual(verify([0xa1, 0x61, 0x61, 0xd8, 0x18, 0x01]), ['mdoc.malformed']))
  it('a tag 24 whose content is not one CBOR item', () =>
    assert.deepEqual(verify([0xa1, 0x61, 0x61, 0xd8, 0x18, 0x42, 0x01, 0x02]), ['mdoc.malformed']))
  it('a reserved additional information value', () =>
    assert.deepEqual(verify([0xa1, 0x61, 0x61, 0x1c]), ['mdoc.malformed']))
  it('a map that is no DeviceResponse', () =>
    assert.deepEqual(verify([0xa1, 0x61, 0x61, 0x01]), ['mdoc.malformed']))
  it('a DeviceResponse with no documents', () => {
    // {"version": "1.0", "status": 0}
    const bytes = Buffer.from(
      `a267${hexOf('version')}63${hexOf('1.0')}66${hexOf('status')}00`,
      'hex',
    )
    assert.deepEqual(verify(bytes), ['mdoc.document_missing'])
  })
})
