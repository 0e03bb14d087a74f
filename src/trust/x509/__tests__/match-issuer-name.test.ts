// Binding `iss` to the issuer certificate's subjectAltName (draft-ietf-oauth-sd-jwt-vc §3.5, -04 to -09).
import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { matchIssuerName } from '../match-issuer-name.ts'
import { parseCertificate } from '../parse-certificate.ts'
import type { X509Certificate } from '../x509-library.ts'
import { makePki } from './pki-fixtures.ts'

async function leafWith(uris: string[], dnsNames?: string[]): Promise<X509Certificate> {
  const { leaf } = await makePki({ uris, ...(dnsNames !== undefined ? { dnsNames } : {}) })
  const parsed = parseCertificate(leaf.certDer)
  if (!parsed.ok) throw new Error(parsed.message)
  return parsed.certificate
}

describe('matchIssuerName', () => {
  let uriLeaf: X509Certificate
  let dnsLeaf: X509Certificate
  let bareLeaf: X509Certificate

  before(async () => {
    uriLeaf = await leafWith(['https://issuer.example.jp/tenant/1'])
    dnsLeaf = await leafWith([], ['Issuer.Example.JP', '*.wild.example'])
    bareLeaf = await leafWith([])
  })

  it('matches an iss equal to a uniformResourceIdentifier entry', () => {
    assert.deepEqual(matchIssuerName('https://issuer.example.jp/tenant/1', uriLeaf), {
      ok: true,
      matched: 'https://issuer.example.jp/tenant/1',
      via: 'uniformResourceIdentifier',
    })
  })

  it('compares URI entries exactly, as JWT StringOrURI values', () => {
    assert.equal(matchIssuerName('https://issuer.example.jp/tenant/1/', uriLeaf).ok, false)
    assert.equal(matchIssuerName('https://ISSUER.example.jp/tenant/1', uriLeaf).ok, false)
    // The domain of an https iss binds through dNSName only, and this leaf has none.
    assert.equal(matchIssuerName('https://issuer.example.jp', uriLeaf).ok, false)
  })

  it('matches the host of an https iss against a dNSName entry, case-insensitively', () => {
    assert.deepEqual(matchIssuerName('https://issuer.example.jp', dnsLeaf), {
      ok: true,
      matched: 'Issuer.Example.JP',
      via: 'dNSName',
    })
    assert.equal(matchIssuerName('https://issuer.example.jp:8443/tenant/7', dnsLeaf).ok, true)
  })

  it('matches a dns: iss (RFC 4501) against dNSName entries only', () => {
    assert.equal(matchIssuerName('dns:issuer.example.jp', dnsLeaf).ok, true)
    assert.equal(matchIssuerName('dns://192.0.2.53/issuer.example.jp?type=A', dnsLeaf).ok, true)
    assert.equal(matchIssuerName('dns:other.example.jp', dnsLeaf).ok, false)
  })

  it('does not bind an http iss, an IP host or a wildcard entry through dNSName', () => {
    assert.equal(matchIssuerName('http://issuer.example.jp', dnsLeaf).ok, false)
    assert.equal(matchIssuerName('https://a.wild.example', dnsLeaf).ok, false)
    assert.equal(matchIssuerName('https://192.0.2.1', dnsLeaf).ok, false)
  })

  it('reports a mismatch with the entries the certificate does have', () => {
    const result = matchIssuerName('https://elsewhere.example', uriLeaf)
    assert.equal(result.ok, false)
    if (!result.ok)
      assert.match(
        result.message,
        /uniformResourceIdentifier: https:\/\/issuer\.example\.jp\/tenant\/1; dNSName: none/,
      )
  })

  it('refuses when the certificate has no subjectAltName at all', () => {
    const result = matchIssuerName('https://issuer.example.jp', bareLeaf)
    assert.equal(result.ok, false)
    if (!result.ok) assert.match(result.message, /no subjectAltName/)
  })
})
