// The least a verifier of each format must do to one credential, on Node's primitives alone: the floor under a pipeline's ratio.
//
// A ratio to raw signatures counts every other step as overhead, even the ones the specification
// itself requires: decoding, parsing and the digest of every Disclosure or data element. These
// floors do those steps and nothing else (no limits, no checks beyond the digests and signatures,
// no trust, status, recognition or report), with every key already imported, as a cache would
// hold it. What a floor reaches against the same-run raw rate is the most any pipeline could.
import { createPublicKey, hash, type KeyObject, verify, X509Certificate } from 'node:crypto'
import { Decoder, Encoder, Tag } from 'cbor-x'

const ES256 = { dsaEncoding: 'ieee-p1363' } as const

const verifyEs256 = (key: KeyObject, data: Uint8Array, signature: Uint8Array): void => {
  if (!verify('sha256', data, { key, ...ES256 }, signature))
    throw new Error('the floor credential does not verify')
}

const json = (segment: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as Record<string, unknown>

/** A compact JWS with its parts decoded and its signature checked: what every JOSE format does first. */
function verifyCompact(compact: string, key: KeyObject) {
  const [header = '', payload = '', signature = ''] = compact.split('.')
  // A verifier reads the header (alg, typ, its key) before it checks anything.
  json(header)
  verifyEs256(key, Buffer.from(`${header}.${payload}`), Buffer.from(signature, 'base64url'))
  return json(payload)
}

/** SD-JWT VC (RFC 9901 §7.1, §7.3): issuer signature, each Disclosure's digest and JSON, the KB-JWT and its sd_hash. */
export function sdJwtVcFloor(presentation: string): () => void {
  const [issuerJwt = ''] = presentation.split('~')
  const issuerHeader = json(issuerJwt.split('.')[0] ?? '')
  const issuerKey = new X509Certificate(
    Buffer.from((issuerHeader.x5c as string[])[0] as string, 'base64'),
  ).publicKey
  const cnf = json(issuerJwt.split('.')[1] ?? '').cnf as { jwk: Record<string, string> }
  const holderKey = createPublicKey({ key: cnf.jwk, format: 'jwk' })
  return () => {
    const parts = presentation.split('~')
    const payload = verifyCompact(parts[0] as string, issuerKey)
    const digests = new Set(payload._sd as string[])
    let matched = 0
    for (let at = 1; at < parts.length - 1; at++) {
      const disclosure = parts[at] as string
      if (digests.has(hash('sha256', disclosure, 'base64url'))) matched++
      json(disclosure)
    }
    if (matched === 0) throw new Error('no Disclosure of the floor credential matched')
    const kbJwt = verifyCompact(parts.at(-1) as string, holderKey)
    const sdHash = hash(
      'sha256',
      presentation.slice(0, presentation.lastIndexOf('~') + 1),
      'base64url',
    )
    if (kbJwt.sd_hash !== sdHash) throw new Error('the floor KB-JWT sd_hash does not match')
  }
}

/** VC-JOSE-COSE `vc+jwt` by a did:jwk issuer: the JWS decoded and its signature checked. */
export function vcJwtFloor(jwt: string): () => void {
  const kid = String(json(jwt.split('.')[0] ?? '').kid)
  const jwk = json(kid.slice('did:jwk:'.length, kid.indexOf('#')))
  const key = createPublicKey({ key: jwk as Record<string, string>, format: 'jwk' })
  return () => {
    verifyCompact(jwt, key)
  }
}

const cborOptions = { tagUint8Array: false, useRecords: false, mapsAsObjects: false } as const
const decoder = new Decoder(cborOptions)
const encoder = new Encoder(cborOptions)
const decode = (bytes: Uint8Array) => decoder.decode(bytes) as unknown
const embedded = (value: unknown): Uint8Array => (value as Tag).value as Uint8Array

/**
 * ISO/IEC 18013-5 mdoc (§9.1.2.4, §9.1.3, §9.3.1): the DeviceResponse decoded, issuerAuth verified over
 * its Sig_structure, the MSO decoded, each element's digest and content, and the device signature
 * over DeviceAuthenticationBytes for the given SessionTranscript (its CBOR, not tag-wrapped).
 */
export function mdocFloor(deviceResponse: Uint8Array, sessionTranscript: Uint8Array): () => void {
  const document = () => {
    const response = decode(deviceResponse) as Map<string, unknown>
    return (response.get('documents') as Map<string, unknown>[])[0] as Map<string, unknown>
  }
  const first = document()
  const issuerAuth = (first.get('issuerSigned') as Map<string, unknown>).get('issuerAuth') as [
    Uint8Array,
    Map<number, unknown>,
    Uint8Array,
    Uint8Array,
  ]
  const x5chain = issuerAuth[1].get(33)
  const leaf = Array.isArray(x5chain) ? (x5chain[0] as Uint8Array) : (x5chain as Uint8Array)
  const issuerKey = new X509Certificate(leaf).publicKey
  const mso = decode(embedded(decode(issuerAuth[2]))) as Map<string, unknown>
  const coseKey = (mso.get('deviceKeyInfo') as Map<string, unknown>).get('deviceKey') as Map<
    number,
    Uint8Array
  >
  const deviceKey = createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: Buffer.from(coseKey.get(-2) as Uint8Array).toString('base64url'),
      y: Buffer.from(coseKey.get(-3) as Uint8Array).toString('base64url'),
    },
    format: 'jwk',
  })
  const empty = new Uint8Array(0)
  return () => {
    const doc = document()
    const issuerSigned = doc.get('issuerSigned') as Map<string, unknown>
    const [protectedHeader, , payload, signature] = issuerSigned.get('issuerAuth') as [
      Uint8Array,
      unknown,
      Uint8Array,
      Uint8Array,
    ]
    verifyEs256(
      issuerKey,
      encoder.encode(['Signature1', protectedHeader, empty, payload]),
      signature,
    )
    const signed = decode(embedded(decode(payload))) as Map<string, unknown>
    const valueDigests = signed.get('valueDigests') as Map<string, Map<number, Uint8Array>>
    for (const [nameSpace, items] of issuerSigned.get('nameSpaces') as Map<string, Tag[]>) {
      const digests = valueDigests.get(nameSpace) as Map<number, Uint8Array>
      for (const item of items) {
        const digest = hash('sha256', encoder.encode(item), 'buffer')
        const element = decode(embedded(item)) as Map<string, unknown>
        const expected = digests.get(element.get('digestID') as number)
        if (expected === undefined || !digest.equals(expected))
          throw new Error('an element of the floor mdoc does not match its digest')
      }
    }
    const deviceSigned = doc.get('deviceSigned') as Map<string, unknown>
    const deviceSignature = (deviceSigned.get('deviceAuth') as Map<string, unknown>).get(
      'deviceSignature',
    ) as [Uint8Array, unknown, null, Uint8Array]
    const deviceAuthentication = encoder.encode(
      new Tag(
        Buffer.concat([
          Buffer.of(0x84),
          encoder.encode('DeviceAuthentication'),
          sessionTranscript,
          encoder.encode(doc.get('docType')),
          encoder.encode(deviceSigned.get('nameSpaces')),
        ]),
        24,
      ),
    )
    verifyEs256(
      deviceKey,
      encoder.encode(['Signature1', deviceSignature[0], empty, deviceAuthentication]),
      deviceSignature[3],
    )
  }
}
