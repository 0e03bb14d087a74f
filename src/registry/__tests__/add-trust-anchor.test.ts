// Adding a CA as a trust anchor: one batch of entity, identity and authorisation; non-CAs refused.
import assert from 'node:assert/strict'
import { createHash, webcrypto } from 'node:crypto'
import { test } from 'node:test'
import { forEachStore } from '../../../test/support/stores.ts'
import { isKakehashiError } from '../../errors.ts'
import { frameworks, operator } from '../../log/__tests__/sample-changes.ts'
import { appendChanges } from '../../log/append-changes.ts'
import { getCheckpoint, verifyLogChain } from '../../log/read-log.ts'
import {
  BasicConstraintsExtension,
  KeyUsageFlags,
  KeyUsagesExtension,
  X509CertificateGenerator,
} from '../../trust/x509/x509-library.ts'
import { fixedClock } from '../../util/clock.ts'
import { addTrustAnchor, entityIdFromName } from '../add-trust-anchor.ts'
import { getEntity } from '../registry-queries.ts'
import { loadRegistrySnapshot } from '../registry-snapshot.ts'

const now = Date.parse('2026-05-01T09:00:00Z')
const clock = fixedClock(now)
const day = 86_400_000
const ecdsa = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' }

async function makeCertificate(options: {
  ca: boolean
  name: string
  notBefore?: number
  notAfter?: number
}) {
  const keys = await webcrypto.subtle.generateKey(ecdsa, true, ['sign', 'verify'])
  const extensions = options.ca
    ? [
        new BasicConstraintsExtension(true, 0, true),
        new KeyUsagesExtension(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign, true),
      ]
    : [new KeyUsagesExtension(KeyUsageFlags.digitalSignature, true)]
  const cert = await X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: '0a1b2c',
      name: `CN=${options.name}, C=JP`,
      notBefore: new Date(options.notBefore ?? now - day),
      notAfter: new Date(options.notAfter ?? now + 365 * day),
      signingAlgorithm: ecdsa,
      keys,
      extensions,
    },
    webcrypto as unknown as Parameters<typeof X509CertificateGenerator.createSelfSigned>[1],
  )
  return { pem: cert.toString('pem'), der: new Uint8Array(cert.rawData) }
}

const code = (expected: string) => (error: unknown) => {
  assert.ok(isKakehashiError(error), String(error))
  assert.equal(error.code, expected, error.message)
  return true
}

const base = {
  frameworkId: 'jp.academic',
  entityName: 'Test University Osaka',
  country: 'JP',
  credentialTypes: ['urn:jp:academic:diploma'],
  actor: 'operator:test',
  reason: 'CA of a test university',
}

forEachStore('a generated CA becomes a trust anchor with its authorisation', async ({ store }) => {
  await appendChanges(store, frameworks, operator, clock)
  const ca = await makeCertificate({ ca: true, name: 'Osaka Test CA' })
  const fingerprint = createHash('sha256').update(ca.der).digest('hex')
  const entries = await addTrustAnchor(store, clock, { ...base, certPem: ca.pem })
  assert.deepEqual(
    entries.map((e) => e.change.type),
    ['entity.put', 'identity.put', 'authorisation.put'],
  )
  assert.deepEqual(
    entries.map((e) => e.actor),
    ['operator:test', 'operator:test', 'operator:test'],
  )

  const entity = await getEntity(store, 'test-university-osaka')
  assert.equal(entity.country, 'JP')
  assert.deepEqual(entity.names, [{ value: 'Test University Osaka', lang: 'en' }])
  const [identity] = entity.identities
  assert.equal(identity?.kind, 'x509.trust_anchor')
  assert.equal(identity?.fingerprint, fingerprint)
  assert.equal(identity?.value, ca.pem)
  const [authorisation] = entity.authorisations
  assert.equal(authorisation?.role, 'issuer')
  assert.equal(authorisation?.frameworkId, 'jp.academic')
  assert.equal(authorisation?.status, 'granted')
  assert.deepEqual(authorisation?.credentialTypes, ['urn:jp:academic:diploma'])
  assert.equal(authorisation?.validFrom, new Date(now - day).toISOString())
  assert.equal(authorisation?.validUntil, new Date(now + 365 * day).toISOString())

  const snapshot = await loadRegistrySnapshot(store)
  assert.deepEqual(
    snapshot.trustAnchors.map((i) => i.fingerprint),
    [fingerprint],
  )

  // A second CA for the same entity reuses it: no new entity.put.
  const next = await makeCertificate({ ca: true, name: 'Osaka Test CA 2', notBefore: now + day })
  const more = await addTrustAnchor(store, clock, {
    ...base,
    certPem: next.pem,
    role: 'status_provider',
  })
  assert.deepEqual(
    more.map((e) => e.change.type),
    ['identity.put', 'authorisation.put'],
  )
  const change = more[1]?.change
  assert.ok(change?.type === 'authorisation.put')
  assert.equal(change.authorisation.role, 'status_provider')
  // The certificate starts tomorrow: the authorisation starts now, not earlier than the clock.
  assert.equal(change.authorisation.validFrom, new Date(now).toISOString())
  await verifyLogChain(store)
})

forEachStore(
  'non-CA certificates, garbage and unknown frameworks are refused, the log untouched',
  async ({ store }) => {
    await appendChanges(store, frameworks, operator, clock)
    const head = await getCheckpoint(store)
    const leaf = await makeCertificate({ ca: false, name: 'Leaf' })
    const ca = await makeCertificate({ ca: true, name: 'CA' })
    const expired = await makeCertificate({
      ca: true,
      name: 'Old CA',
      notBefore: now - 10 * day,
      notAfter: now - day,
    })
    const body = ca.pem.split('\n').slice(1, -2).join('\n')
    const refusals: Array<[string, string, string, Partial<typeof base>?]> = [
      ['a non-CA certificate', leaf.pem, 'input.invalid'],
      ['garbage', 'not a certificate at all', 'input.invalid'],
      [
        'garbage in a PEM block',
        '-----BEGIN CERTIFICATE-----\nAAAAAAAA\n-----END CERTIFICATE-----\n',
        'input.invalid',
      ],
      [
        'a truncated PEM block',
        `-----BEGIN CERTIFICATE-----\n${body.slice(0, 40)}\n-----END CERTIFICATE-----\n`,
        'input.invalid',
      ],
      ['two certificates', `${ca.pem}\n${ca.pem}`, 'input.invalid'],
      [
        'a private key',
        '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n',
        'input.invalid',
      ],
      ['an expired CA', expired.pem, 'input.invalid'],
      ['an unknown framework', ca.pem, 'registry.change_invalid', { frameworkId: 'xx.none' }],
    ]
    for (const [what, certPem, expected, extra] of refusals) {
      await assert.rejects(
        addTrustAnchor(store, clock, { ...base, ...extra, certPem }),
        code(expected),
        what,
      )
    }
    assert.deepEqual(await getCheckpoint(store), head)
    assert.equal((await store.query('SELECT id FROM entities')).rows.length, 0)
  },
)

test('entity ids derived from names are lower-case slugs', () => {
  assert.equal(entityIdFromName('Test University Osaka'), 'test-university-osaka')
  assert.equal(entityIdFromName('  Université Côte d’Azur '), 'universite-cote-d-azur')
  assert.match(entityIdFromName('慶應義塾大学'), /^entity-[0-9a-f]{16}$/)
  assert.equal(entityIdFromName('慶應義塾大学'), entityIdFromName('慶應義塾大学'))
})

forEachStore(
  'without a country, the new entity takes the certificate subject C',
  async ({ store }) => {
    await appendChanges(store, frameworks, operator, clock)
    const ca = await makeCertificate({ ca: true, name: 'Kyoto Test CA' })
    const { country: _omitted, ...withoutCountry } = base
    await addTrustAnchor(store, clock, {
      ...withoutCountry,
      entityName: 'Kyoto Test',
      certPem: ca.pem,
    })
    assert.equal((await getEntity(store, 'kyoto-test')).country, 'JP')
  },
  { backends: ['pglite'] },
)
