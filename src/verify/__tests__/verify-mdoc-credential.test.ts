// mdoc through the whole pipeline: the document signer's chain to an IACA in the registry, its authorisation for the doc type, recognition.
import assert from 'node:assert/strict'
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { DeviceResponse, Document, MDoc } from '@auth0/mdl'
import { movableClock, openTestBridge } from '../../../test/support/bridge.ts'
import type { Bridge } from '../../bridge/open-bridge.ts'
import { annexD, corpusDir, corpusSkip } from '../../formats/mdoc/__tests__/support.ts'
import { encodeSessionTranscript, sessionTranscriptBytes } from '../../formats/mdoc/index.ts'
import { appendChanges } from '../../log/append-changes.ts'
import { addTrustAnchor } from '../../registry/add-trust-anchor.ts'
import { createIssuerCertificate, createTrustAnchor } from '../../sandbox/sandbox-pki.ts'

const MDL = 'org.iso.18013.5.1.mDL'

async function addFramework(bridge: Bridge, id: string, jurisdiction: string) {
  await appendChanges(
    bridge.store,
    [
      {
        type: 'framework.put',
        framework: { id, jurisdiction, name: id, assuranceLevels: ['high'] },
      },
    ],
    { actor: 'test', reason: 'mdoc test framework' },
    bridge.clock,
  )
  bridge.registry.invalidate()
}

async function anchor(
  bridge: Bridge,
  certPem: string,
  credentialTypes: string[],
  frameworkId = 'us.mdl',
) {
  await addTrustAnchor(bridge.store, bridge.clock, {
    frameworkId,
    entityName: 'Utopia Department of Motor Vehicles',
    country: 'US',
    certPem,
    credentialTypes,
    assuranceLevel: 'high',
    validFrom: '2020-10-01T00:00:00Z',
    actor: 'test',
    reason: 'IACA for the mdoc tests',
  })
  bridge.registry.invalidate()
}

describe('Annex D through the pipeline', { skip: corpusSkip }, () => {
  let bridge: Bridge
  const clock = movableClock('2021-01-01T00:00:00Z')
  before(async () => {
    bridge = await openTestBridge({ clock })
    await addFramework(bridge, 'us.mdl', 'US')
  })
  after(() => bridge.close())

  const request = () => {
    const a = annexD()
    return {
      credential: a.deviceResponse.toString('hex'),
      sessionTranscript: a.sessionTranscript,
      readerEphemeralKey: a.readerEphemeralKey,
    }
  }

  it('an unknown IACA is refused with a reason', async () => {
    const report = await bridge.verify(request())
    assert.equal(report.verdict, 'rejected')
    assert.equal(report.format, 'mso_mdoc')
    assert.ok(report.checks.some((c) => c.check === 'trust.chain' && c.status === 'failed'))
    assert.ok(
      report.errors.every((code) => code.startsWith('trust.')),
      report.errors.join(),
    )
  })

  it('with the IACA in the registry it is accepted, with the full trust path', async () => {
    await anchor(bridge, readFileSync(`${corpusDir}vectors/mdoc/annex_d_iaca_root.pem`, 'utf8'), [
      MDL,
    ])
    const report = await bridge.verify(request())
    assert.equal(report.verdict, 'accepted', report.errors.join())
    assert.equal(report.credentialType, MDL)
    assert.match(report.trustPath.anchor?.subject ?? '', /utopia iaca/)
    assert.match(report.trustPath.issuer?.certificateSubject ?? '', /utopia ds/)
    assert.equal(report.trustPath.authorisation?.frameworkId, 'us.mdl')
    assert.deepEqual(report.trustPath.authorisation?.credentialTypes, [MDL])
    assert.equal(report.elements?.find((e) => e.elementIdentifier === 'family_name')?.value, 'Doe')
  })

  it('an IACA not authorised for the doc type is not enough', async () => {
    const other = await openTestBridge({ clock })
    try {
      await addFramework(other, 'us.mdl', 'US')
      await anchor(other, readFileSync(`${corpusDir}vectors/mdoc/annex_d_iaca_root.pem`, 'utf8'), [
        'eu.europa.ec.eudi.pid.1',
      ])
      const report = await other.verify(request())
      assert.deepEqual(report.errors, ['trust.not_authorised'])
    } finally {
      await other.close()
    }
  })

  it('hex, base64url and raw bytes are the same input', async () => {
    const a = annexD()
    for (const credential of [a.deviceResponse, a.deviceResponse.toString('base64url')]) {
      const report = await bridge.verify({ ...request(), credential })
      assert.equal(report.verdict, 'accepted', report.errors.join())
    }
  })
})

describe('an mdoc issued by an independent implementation (@auth0/mdl)', () => {
  let bridge: Bridge
  before(async () => {
    bridge = await openTestBridge()
    await addFramework(bridge, 'us.mdl', 'US')
  })
  after(() => bridge.close())

  async function issue(transcript: Uint8Array) {
    const iaca = await createTrustAnchor({
      commonName: 'Test IACA',
      organisation: 'Test DMV',
      country: 'US',
      validityDays: 3650,
    })
    const ds = await createIssuerCertificate({
      ca: iaca,
      commonName: 'Test DS',
      organisation: 'Test DMV',
      country: 'US',
      validityDays: 365,
      subjectAltNameUris: [],
    })
    const device = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    const document = await new Document(MDL)
      .addIssuerNameSpace('org.iso.18013.5.1', {
        family_name: 'Jones',
        given_name: 'Ava',
        birth_date: '2007-03-25',
        issuing_country: 'US',
      })
      .useDigestAlgorithm('SHA-256')
      .addValidityInfo({
        signed: new Date(Date.now() - 60_000),
        validUntil: new Date(Date.now() + 86_400_000),
      })
      .addDeviceKeyInfo({ deviceKey: device.publicKey.export({ format: 'jwk' }) as never })
      .sign({
        issuerPrivateKey: ds.privateJwk as never,
        issuerCertificate: ds.certPem,
        alg: 'ES256',
      })
    const response = await DeviceResponse.from(new MDoc([document]))
      .usingPresentationDefinition({
        id: 'mdl',
        input_descriptors: [
          {
            id: MDL,
            format: { mso_mdoc: { alg: ['ES256'] } },
            constraints: {
              limit_disclosure: 'required',
              fields: ['family_name', 'given_name', 'birth_date'].map((name) => ({
                path: [`$['org.iso.18013.5.1']['${name}']`],
                intent_to_retain: false,
              })),
            },
          },
        ],
      })
      .usingSessionTranscriptBytes(Buffer.from(sessionTranscriptBytes(transcript)))
      .authenticateWithSignature(device.privateKey.export({ format: 'jwk' }) as never, 'ES256')
      .sign()
    return { iaca, deviceResponse: Buffer.from(response.encode()) }
  }

  it('verifies, with the trust path to its IACA, and fails on another session', async () => {
    const session = {
      type: 'oid4vp' as const,
      clientId: 'x509_san_dns:rp.example',
      nonce: randomBytes(16).toString('base64url'),
      responseUri: 'https://rp.example/response',
    }
    const { iaca, deviceResponse } = await issue(encodeSessionTranscript(session))
    await anchor(bridge, iaca.certPem, [MDL])
    const report = await bridge.verify({ credential: deviceResponse, sessionTranscript: session })
    assert.equal(report.verdict, 'accepted', report.errors.join())
    assert.deepEqual(report.elements?.map((e) => e.elementIdentifier).sort(), [
      'birth_date',
      'family_name',
      'given_name',
    ])
    assert.match(report.trustPath.anchor?.subject ?? '', /Test IACA/)
    const replay = await bridge.verify({
      credential: deviceResponse,
      sessionTranscript: { ...session, nonce: 'another' },
    })
    assert.deepEqual(replay.errors, ['mdoc.device_auth_invalid'])
  })
})
