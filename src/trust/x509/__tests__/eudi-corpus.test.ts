// Real credentials: the EUDI reference PID issuer's chain and `iss`, and the Japanese PoC credential.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { corpusPath, readCorpusJson, skipWithoutCorpus } from '../../../../test/support/corpus.ts'
import { matchIssuerName } from '../match-issuer-name.ts'
import { decodePemCertificates, parseCertificate } from '../parse-certificate.ts'
import { TrustAnchorSet } from '../trust-anchor-set.ts'

const PID = ['eu', 'eudi-pid', 'pid-sdjwt-vc-dev-issuer-backend.txt']
const UT01 = ['eu', 'eudi-pid', 'iaca-pid-issuer-ca-ut-01.pem']
const UT02 = ['eu', 'eudi-pid', 'iaca-pid-issuer-ca-ut-02.pem']
const BUNDLE = ['eu', 'eudi-pid', 'eudi-ref-impl-pid-issuer-cas.pem']
const JP = ['eu', 'jp-eu-poc', 'jp-learning-credential-sdjwt-vc.txt']

interface IssuedJwt {
  x5c: Uint8Array[]
  iss: string
}

/** The issuer-signed JWT's `x5c` (DER) and `iss`, read from a corpus SD-JWT. */
function readSdJwt(parts: string[]): IssuedJwt {
  const text = readFileSync(corpusPath(...parts) as string, 'utf8').trim()
  const [header, payload] = (text.split('~')[0] ?? '').split('.')
  const json = (part: string | undefined) =>
    JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'))
  const x5c = (json(header).x5c as string[]).map(
    (entry) => new Uint8Array(Buffer.from(entry, 'base64')),
  )
  return { x5c, iss: json(payload).iss as string }
}

const pem = (parts: string[]) => readFileSync(corpusPath(...parts) as string, 'utf8')

function anchor(id: string, parts: string[]) {
  const der = decodePemCertificates(pem(parts))[0]
  assert.ok(der, `${parts.join('/')} holds no certificate`)
  return { id, der }
}

/** Midpoint of the time both the PID leaf (from fixtures-summary.json) and UT 01 are valid. */
function insideBoth(): { atMs: number; leafNotAfterMs: number } {
  const summary = readCorpusJson<
    Record<string, { x5c: { notBefore: string; notAfter: string }[] }>
  >('eu', 'eudi-pid', 'fixtures-summary.json')
  const leaf = summary?.['pid-sdjwt-vc-dev-issuer-backend.txt']?.x5c[0]
  assert.ok(leaf, 'fixtures-summary.json describes the PID leaf')
  const ca = parseCertificate(pem(UT01))
  assert.ok(ca.ok)
  const from = Math.max(
    Date.parse(leaf.notBefore.replace(' ', 'T')),
    ca.certificate.notBefore.getTime(),
  )
  const until = Math.min(
    Date.parse(leaf.notAfter.replace(' ', 'T')),
    ca.certificate.notAfter.getTime(),
  )
  assert.ok(from < until)
  return {
    atMs: Math.floor((from + until) / 2),
    leafNotAfterMs: Date.parse(leaf.notAfter.replace(' ', 'T')),
  }
}

describe('EUDI reference PID SD-JWT VC', { ...skipWithoutCorpus(...PID) }, () => {
  it('chains to PID Issuer CA - UT 01', skipWithoutCorpus(...UT01), async () => {
    const { x5c } = readSdJwt(PID)
    const { atMs } = insideBoth()
    const result = await new TrustAnchorSet([anchor('eudi-ut-01', UT01)]).validate(x5c, {
      atMs,
      maxCertificates: 8,
    })
    assert.equal(result.ok, true, result.ok ? '' : result.message)
    if (!result.ok) return
    assert.equal(result.anchorId, 'eudi-ut-01')
    assert.match(result.path[1]?.subject ?? '', /PID Issuer CA - UT 01/)
    assert.equal(
      result.fingerprints[0],
      '1f06b60ceac6a2b8aa4ac9505b9cc98ab44e1b0f715f8a7c116b6e27784a5df1',
    )
  })

  it(
    'chains to UT 01 among all the reference implementation CAs',
    skipWithoutCorpus(...BUNDLE),
    async () => {
      const { x5c } = readSdJwt(PID)
      const anchors = decodePemCertificates(pem(BUNDLE)).map((der, index) => ({
        id: `bundle-${index}`,
        der,
      }))
      const result = await new TrustAnchorSet(anchors).validate(x5c, {
        atMs: insideBoth().atMs,
        maxCertificates: 8,
      })
      assert.equal(result.ok, true, result.ok ? '' : result.message)
      if (result.ok) assert.match(result.path[1]?.subject ?? '', /PID Issuer CA - UT 01/)
    },
  )

  it('has no anchor when only UT 02 is registered', skipWithoutCorpus(...UT02), async () => {
    const { x5c } = readSdJwt(PID)
    const result = await new TrustAnchorSet([anchor('eudi-ut-02', UT02)]).validate(x5c, {
      atMs: insideBoth().atMs,
      maxCertificates: 8,
    })
    assert.equal(result.ok, false)
    if (!result.ok) {
      assert.equal(result.code, 'trust.anchor_unknown')
      assert.match(result.message, /PID Issuer CA - UT 01/)
    }
  })

  it('is expired after the leaf notAfter', skipWithoutCorpus(...UT01), async () => {
    const { x5c } = readSdJwt(PID)
    const atMs = insideBoth().leafNotAfterMs + 1000
    const result = await new TrustAnchorSet([anchor('eudi-ut-01', UT01)]).validate(x5c, {
      atMs,
      maxCertificates: 8,
    })
    assert.equal(result.ok, false)
    if (!result.ok) {
      assert.equal(result.code, 'trust.cert_expired')
      assert.match(result.message, /x5c\[0\].*expired at 2026-11-29T11:28:34\.000Z/)
    }
  })

  it('binds iss https://dev.issuer-backend.eudiw.dev through the leaf dNSName entry', () => {
    // The leaf has no URI entry, only dNSName dev.issuer-backend.eudiw.dev: the -06 … -09 rule for
    // an HTTPS iss ("the domain name in the iss value matches the dNSName SAN entry") binds it.
    const { x5c, iss } = readSdJwt(PID)
    assert.equal(iss, 'https://dev.issuer-backend.eudiw.dev')
    const leaf = parseCertificate(x5c[0] as Uint8Array)
    assert.ok(leaf.ok)
    assert.deepEqual(matchIssuerName(iss, leaf.certificate), {
      ok: true,
      matched: 'dev.issuer-backend.eudiw.dev',
      via: 'dNSName',
    })
  })
})

describe('Japanese learning credential (JP–EU PoC)', { ...skipWithoutCorpus(...JP) }, () => {
  it('cannot bind its iss: the leaf has no subjectAltName', () => {
    const { x5c, iss } = readSdJwt(JP)
    const leaf = parseCertificate(x5c[0] as Uint8Array)
    assert.ok(leaf.ok)
    const result = matchIssuerName(iss, leaf.certificate)
    assert.equal(result.ok, false)
    if (!result.ok) assert.match(result.message, /no subjectAltName/)
  })

  it('has no anchor among the EUDI CAs', skipWithoutCorpus(...UT01), async () => {
    const { x5c } = readSdJwt(JP)
    const result = await new TrustAnchorSet([anchor('eudi-ut-01', UT01)]).validate(x5c, {
      atMs: Date.parse('2026-01-15T00:00:00Z'),
      maxCertificates: 8,
    })
    assert.equal(result.ok, false)
    if (!result.ok) assert.equal(result.code, 'trust.anchor_unknown')
  })
})
