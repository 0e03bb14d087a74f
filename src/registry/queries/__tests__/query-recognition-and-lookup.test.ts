// Recognition queries (with the rule as evidence, asymmetric, levels, stale rules) and identity look-ups.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { sandboxOf } from '../../../../test/support/bridge.ts'
import { isKakehashiError } from '../../../errors.ts'
import { createTrustAnchor } from '../../../sandbox/sandbox-pki.ts'
import { decodePemCertificates } from '../../../trust/x509/parse-certificate.ts'
import { anchorSetFor } from '../../../verify/anchor-set-for.ts'
import { type LookupQuery, lookupIdentity } from '../lookup-identity.ts'
import { queryRecognition } from '../query-recognition.ts'
import type { TrqpRequest } from '../trust-query-types.ts'
import {
  change,
  DIPLOMA,
  FUTURE_RULE,
  iso,
  LIST,
  LIST_NEXT_UPDATE,
  LIST_RULE,
  MYNUMBER,
  openQueryFixture,
  PID,
  type QueryFixture,
  start,
  UNI,
  UNI_DID,
  UNI_THUMBPRINT,
} from './trust-query-fixtures.ts'

let fixture: QueryFixture
before(async () => {
  fixture = await openQueryFixture()
})
after(() => fixture.close())

const recognise = async (
  request: Partial<TrqpRequest> = {},
  staleSources: 'refuse' | 'accept' = 'refuse',
) =>
  queryRecognition(
    await fixture.bridge.registry.get(),
    {
      entity_id: 'jp.academic',
      authority_id: 'eu.academic',
      action: 'recognize',
      resource: DIPLOMA,
      ...request,
    },
    { nowMs: fixture.clock.now(), staleSources },
  )

describe('recognition queries', () => {
  test('recognised: the rule, its log position and the mapped level as evidence', async () => {
    const snapshot = await fixture.bridge.registry.get()
    const answer = await recognise({ context: { assurance_level: 'mext-accredited' } })
    assert.equal(answer.recognized, true)
    assert.equal(answer.evidence.kind, 'rule')
    assert.equal(answer.evidence.rule?.id, 'sandbox.eu-academic-recognises-jp-academic')
    assert.equal(
      answer.evidence.rule?.logSeq,
      snapshot.logPositions.recognitionRules.get('sandbox.eu-academic-recognises-jp-academic'),
    )
    assert.equal(typeof answer.evidence.rule?.logSeq, 'number')
    assert.equal(answer.evidence.recognisedLevel, 'accredited')
    assert.equal(answer.evidence.recognising.id, 'eu.academic')
    assert.equal(answer.evidence.recognised.id, 'jp.academic')
    assert.deepEqual(answer.log_checkpoint, snapshot.checkpoint)
    assert.equal(answer.expiry_time, undefined, 'an open-ended rule')
  })

  test('asymmetric: the rule the other way round is for another type', async () => {
    const reverse = await recognise({ entity_id: 'eu.academic', authority_id: 'jp.academic' })
    assert.equal(reverse.recognized, false)
    assert.equal(reverse.evidence.reason, 'recognition.none')
    const reverseType = await recognise({
      entity_id: 'eu.academic',
      authority_id: 'jp.academic',
      resource: 'urn:kakehashi:sandbox:eu.diploma:1',
    })
    assert.equal(reverseType.recognized, true)
    assert.equal(reverseType.evidence.rule?.id, 'sandbox.jp-academic-recognises-eu-academic')
  })

  test('not recognised: no rule, a level the rule does not map, a rule not yet in force', async () => {
    const none = await recognise({ entity_id: 'jp.mynumber', authority_id: 'eu.academic' })
    assert.equal(none.recognized, false)
    assert.equal(none.evidence.reason, 'recognition.none')
    const unmapped = await recognise({ context: { assurance_level: 'other' } })
    assert.equal(unmapped.recognized, false)
    assert.equal(unmapped.evidence.reason, 'recognition.level_unmapped')
    assert.equal(unmapped.evidence.rule?.id, 'sandbox.eu-academic-recognises-jp-academic')
    const proto = await recognise({ context: { assurance_level: 'constructor' } })
    assert.equal(proto.evidence.reason, 'recognition.level_unmapped')
    const later = await recognise({
      entity_id: 'jp.mynumber',
      authority_id: 'eu.eudi.pid',
      resource: MYNUMBER,
    })
    assert.equal(later.evidence.reason, 'recognition.not_in_force')
    assert.deepEqual(later.evidence.notInForce, [FUTURE_RULE])
    const inForceThen = await recognise({
      entity_id: 'jp.mynumber',
      authority_id: 'eu.eudi.pid',
      resource: MYNUMBER,
      context: { time: iso(401) },
    })
    assert.equal(inForceThen.recognized, true)
    assert.equal(inForceThen.time_requested, iso(401))
  })

  test('a framework recognises itself without a rule', async () => {
    const same = await recognise({ entity_id: 'eu.academic' })
    assert.equal(same.recognized, true)
    assert.equal(same.evidence.kind, 'same_framework')
  })

  test('unknown frameworks or action: coded errors', async () => {
    const code = async (request: Partial<TrqpRequest>) =>
      recognise(request).then(
        () => 'answered',
        (error) => (isKakehashiError(error) ? error.code : 'other'),
      )
    assert.equal(await code({ entity_id: 'xx.none' }), 'trqp.entity_unknown')
    assert.equal(await code({ authority_id: 'xx.none' }), 'trqp.authority_unknown')
    assert.equal(await code({ action: 'issue' }), 'trqp.action_unknown')
  })

  test('a rule from a list: its source is evidence; stale, refused unless policy accepts', async () => {
    const request = { entity_id: 'eu.eudi.pid', authority_id: 'jp.mynumber', resource: PID }
    const fresh = await recognise({ ...request, context: { assurance_level: 'high' } })
    assert.equal(fresh.recognized, true)
    assert.equal(fresh.evidence.rule?.id, LIST_RULE)
    assert.equal(fresh.evidence.source?.id, LIST)
    assert.equal(fresh.evidence.recognisedLevel, 'IAL3')
    assert.equal(fresh.expiry_time, LIST_NEXT_UPDATE, 'the NextUpdate comes before the rule ends')
    fixture.clock.set(Date.parse(LIST_NEXT_UPDATE) + 1)
    try {
      const stale = await recognise(request)
      assert.equal(stale.recognized, false)
      assert.equal(stale.evidence.reason, 'source.stale')
      assert.equal(stale.evidence.source?.stale, true)
      const accepted = await recognise(request, 'accept')
      assert.equal(accepted.recognized, true)
      assert.equal(accepted.evidence.source?.acceptedByPolicy, true)
      assert.equal(accepted.expiry_time, iso(200))
    } finally {
      fixture.clock.set(start)
      fixture.bridge.registry.invalidate()
    }
  })
})

describe('look-ups by certificate, thumbprint and DID', () => {
  const lookup = async (query: LookupQuery) => {
    const snapshot = await fixture.bridge.registry.get()
    return lookupIdentity(snapshot, query, {
      nowMs: fixture.clock.now(),
      staleSources: 'refuse',
      anchors: anchorSetFor(snapshot),
    })
  }
  const keys = () => sandboxOf(fixture.bridge).keyring.get('jp-university')

  test('an anchor certificate, as PEM or DER: the exact identity, its entity and authorisations', async () => {
    const pem = keys().caCertPem
    for (const certificate of [pem, decodePemCertificates(pem)[0] as Uint8Array]) {
      const answer = await lookup({ certificate })
      assert.equal(answer.matches.length, 1)
      const [match] = answer.matches
      assert.equal(match?.match, 'exact')
      assert.equal(match?.identity.id, 'jp.sandbox.university.anchor')
      assert.equal(match?.entity.id, 'jp.sandbox.university')
      assert.equal(typeof match?.identity.logSeq, 'number')
      assert.deepEqual(
        match?.authorisations.map((a) => [a.id, a.inForce]),
        [['jp.sandbox.university.issuer', true]],
      )
      assert.ok('certificate' in answer.query && answer.query.certificate.fingerprint.length === 64)
    }
  })

  test('an issuing certificate: no identity is it, but it is issued by the entity’s anchor', async () => {
    const answer = await lookup({ certificate: keys().issuerCertPem })
    assert.equal(answer.matches.length, 1)
    assert.equal(answer.matches[0]?.match, 'issued_by_anchor')
    assert.equal(answer.matches[0]?.identity.id, 'jp.sandbox.university.anchor')
    assert.equal(answer.matches[0]?.entity.id, 'jp.sandbox.university')
  })

  test('a certificate the registry does not know: no match', async () => {
    const stranger = await createTrustAnchor({
      commonName: 'Stranger CA',
      organisation: 'Stranger',
      country: 'JP',
      validityDays: 30,
    })
    const answer = await lookup({ certificate: stranger.certPem })
    assert.deepEqual(answer.matches, [])
  })

  test('by JWK thumbprint and by DID', async () => {
    for (const query of [{ thumbprint: UNI_THUMBPRINT }, { did: UNI_DID }]) {
      const answer = await lookup(query)
      assert.equal(answer.matches.length, 1, JSON.stringify(query))
      assert.equal(answer.matches[0]?.entity.id, UNI)
      assert.deepEqual(
        answer.matches[0]?.authorisations.map((a) => a.id),
        [`${UNI}.issuer`, `${UNI}.verifier`],
      )
    }
    assert.deepEqual((await lookup({ did: 'did:web:nobody.example' })).matches, [])
  })

  test('an authorisation bound to one identity is shown for that identity only', async () => {
    await change(fixture, [
      {
        type: 'authorisation.put',
        authorisation: {
          id: `${UNI}.status`,
          entityId: UNI,
          frameworkId: 'jp.academic',
          role: 'status_provider',
          credentialTypes: [DIPLOMA],
          status: 'granted',
          validFrom: iso(-30),
          identityIds: [`${UNI}.did`],
        },
      },
    ])
    const byDid = await lookup({ did: UNI_DID })
    assert.ok(byDid.matches[0]?.authorisations.some((a) => a.id === `${UNI}.status`))
    const byKey = await lookup({ thumbprint: UNI_THUMBPRINT })
    assert.deepEqual(
      byKey.matches[0]?.authorisations.map((a) => a.id),
      [`${UNI}.issuer`, `${UNI}.verifier`],
    )
  })

  test('bad input is a coded error, never a crash', async () => {
    for (const query of [
      { certificate: 'not a certificate' },
      { certificate: new Uint8Array([0x30, 0x03, 1, 2, 3]) },
      { thumbprint: 'short' },
      { did: 'not-a-did' },
      { certificate: 'A'.repeat(70_000) },
    ] as LookupQuery[]) {
      await assert.rejects(
        lookup(query),
        (error: unknown) =>
          isKakehashiError(error) && ['input.invalid', 'input.too_large'].includes(error.code),
        JSON.stringify(query).slice(0, 80),
      )
    }
  })
})
