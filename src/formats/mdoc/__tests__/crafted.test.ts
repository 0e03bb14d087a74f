// MSOs with one defect each, signed with a test key: every structural check has its own code.
import assert from 'node:assert/strict'
import { createPrivateKey, generateKeyPairSync, hash } from 'node:crypto'
import { before, describe, it } from 'node:test'
import { decodeCbor, encodeCbor, Tag } from '../../../lib/cbor/index.ts'
import { signCoseSign1 } from '../../../lib/cose/index.ts'
import { createTrustAnchor } from '../../../sandbox/sandbox-pki.ts'
import { options, run } from './support.ts'

const DOC_TYPE = 'org.iso.18013.5.1.mDL'
const NS = 'org.iso.18013.5.1'
const at = '2026-06-01T00:00:00Z'
const embed = (value: unknown) => new Tag(encodeCbor(value), 24)

let signer: { key: ReturnType<typeof createPrivateKey>; der: Uint8Array }
const device = generateKeyPairSync('ec', { namedCurve: 'P-256' })
const deviceJwk = device.publicKey.export({ format: 'jwk' })
const coseDeviceKey = new Map<number, unknown>([
  [1, 2],
  [-1, 1],
  [-2, Buffer.from(deviceJwk.x ?? '', 'base64url')],
  [-3, Buffer.from(deviceJwk.y ?? '', 'base64url')],
])

before(async () => {
  const ca = await createTrustAnchor({
    commonName: 'Crafted DS',
    organisation: 'Test',
    country: 'US',
    validityDays: 3650,
    notBefore: new Date('2025-01-01T00:00:00Z'),
  })
  signer = {
    key: createPrivateKey({ key: ca.privateJwk as never, format: 'jwk' }),
    der: ca.certDer,
  }
})

interface Craft {
  items?: Map<string, unknown>[]
  mso?: (mso: Map<string, unknown>) => void
  document?: (document: Map<string, unknown>) => void
}

/** A DeviceResponse with one document; `craft` alters the MSO or document before encoding. */
function craft({ items, mso: editMso, document: editDocument }: Craft = {}): Uint8Array {
  const elements = items ?? [
    new Map<string, unknown>([
      ['digestID', 0],
      ['random', Buffer.alloc(16, 1)],
      ['elementIdentifier', 'family_name'],
      ['elementValue', 'Jones'],
    ]),
  ]
  const tagged = elements.map(embed)
  const digests = new Map<number, Uint8Array>(
    tagged.map((t, i) => [
      Number(elements[i]?.get('digestID')),
      hash('sha256', encodeCbor(t), 'buffer'),
    ]),
  )
  const mso = new Map<string, unknown>([
    ['version', '1.0'],
    ['digestAlgorithm', 'SHA-256'],
    ['valueDigests', new Map([[NS, digests]])],
    ['deviceKeyInfo', new Map([['deviceKey', coseDeviceKey]])],
    ['docType', DOC_TYPE],
    [
      'validityInfo',
      new Map([
        ['signed', new Date('2026-01-01T00:00:00Z')],
        ['validFrom', new Date('2026-01-01T00:00:00Z')],
        ['validUntil', new Date('2027-01-01T00:00:00Z')],
      ]),
    ],
  ])
  editMso?.(mso)
  const issuerAuth = decodeCbor(
    signCoseSign1({
      payload: encodeCbor(embed(mso)),
      alg: 'ES256',
      privateKey: signer.key,
      x5chain: [signer.der],
    }),
  )
  const document = new Map<string, unknown>([
    ['docType', DOC_TYPE],
    [
      'issuerSigned',
      new Map<string, unknown>([
        ['nameSpaces', new Map([[NS, tagged]])],
        ['issuerAuth', issuerAuth],
      ]),
    ],
  ])
  editDocument?.(document)
  return encodeCbor(
    new Map<string, unknown>([
      ['version', '1.0'],
      ['documents', [document]],
      ['status', 0],
    ]),
  )
}

/** A device part whose signature (zeros) could never verify: for checks that come before it. */
function withUnverifiableDeviceSignature(document: Map<string, unknown>): void {
  const deviceSignature = [Buffer.from('a10126', 'hex'), new Map(), null, Buffer.alloc(64)]
  document.set(
    'deviceSigned',
    new Map<string, unknown>([
      ['nameSpaces', embed(new Map())],
      ['deviceAuth', new Map([['deviceSignature', deviceSignature]])],
    ]),
  )
}

const codesOf = (bytes: Uint8Array, extra = {}) => run(bytes, options(at, extra)).codes

describe('crafted MSOs', () => {
  it('an untouched crafted document fails only for its missing device part', () => {
    assert.deepEqual(codesOf(craft()), ['mdoc.device_auth_missing'])
  })

  it('a digest algorithm outside SHA-2', () => {
    assert.deepEqual(codesOf(craft({ mso: (m) => m.set('digestAlgorithm', 'MD5') })), [
      'mdoc.digest_algorithm_unsupported',
    ])
  })

  it('an MSO without validityInfo is malformed', () => {
    assert.deepEqual(codesOf(craft({ mso: (m) => m.delete('validityInfo') })), [
      'mdoc.mso_malformed',
    ])
  })

  it('a payload that is no tag-24 MSO is malformed', () => {
    const bytes = craft({
      document: (d) => {
        const issuerSigned = d.get('issuerSigned') as Map<string, unknown>
        issuerSigned.set(
          'issuerAuth',
          decodeCbor(
            signCoseSign1({
              payload: encodeCbor('not an MSO'),
              alg: 'ES256',
              privateKey: signer.key,
              x5chain: [signer.der],
            }),
          ),
        )
      },
    })
    assert.deepEqual(codesOf(bytes), ['mdoc.mso_malformed'])
  })

  it('validUntil before validFrom is inconsistent', () => {
    const bytes = craft({
      mso: (m) =>
        (m.get('validityInfo') as Map<string, unknown>).set(
          'validUntil',
          new Date('2025-12-01T00:00:00Z'),
        ),
    })
    assert.deepEqual(codesOf(bytes).slice(0, 1), ['mdoc.validity_invalid'])
  })

  it('an MSO signed before its document signer certificate was valid', () => {
    const bytes = craft({
      mso: (m) =>
        (m.get('validityInfo') as Map<string, unknown>).set(
          'signed',
          new Date('2024-06-01T00:00:00Z'),
        ),
    })
    assert.deepEqual(codesOf(bytes).slice(0, 1), ['mdoc.signed_outside_certificate'])
  })

  it('an element whose DigestID the MSO does not list', () => {
    const bytes = craft({
      mso: (m) => m.set('valueDigests', new Map([[NS, new Map([[7, Buffer.alloc(32)]])]])),
    })
    assert.deepEqual(codesOf(bytes).slice(0, 1), ['mdoc.digest_missing'])
  })

  it('the same element returned twice', () => {
    const item = new Map<string, unknown>([
      ['digestID', 0],
      ['random', Buffer.alloc(16, 1)],
      ['elementIdentifier', 'family_name'],
      ['elementValue', 'Jones'],
    ])
    assert.deepEqual(codesOf(craft({ items: [item, item] })).slice(0, 1), [
      'mdoc.element_duplicate',
    ])
  })

  it('issuerAuth that is no COSE_Sign1', () => {
    const bytes = craft({
      document: (d) => (d.get('issuerSigned') as Map<string, unknown>).set('issuerAuth', [1, 2]),
    })
    assert.deepEqual(codesOf(bytes), ['mdoc.issuer_auth_malformed'])
  })

  it('a device key that is no supported COSE_Key', () => {
    const bytes = craft({
      mso: (m) => m.set('deviceKeyInfo', new Map([['deviceKey', new Map([[1, 3]])]])),
      document: withUnverifiableDeviceSignature,
    })
    assert.deepEqual(
      codesOf(bytes, {
        sessionTranscript: { type: 'oid4vp', clientId: 'c', nonce: 'n', responseUri: 'https://r' },
      }),
      ['mdoc.device_key_invalid'],
    )
  })

  it('a session transcript that is no transcript', () => {
    const bytes = craft({
      document: withUnverifiableDeviceSignature,
    })
    assert.deepEqual(
      codesOf(bytes, { sessionTranscript: { type: 'bytes', bytes: encodeCbor([1, 2]) } }),
      ['mdoc.session_transcript_invalid'],
    )
  })
})
