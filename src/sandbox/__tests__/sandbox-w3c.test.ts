// Sandbox W3C credentials: Open Badges 3.0 and ELM diplomas accepted across the border, revoked, tampered with, and checked by the reference stack.
import assert from 'node:assert/strict'
import { createPublicKey } from 'node:crypto'
import { after, before, describe, test } from 'node:test'
import { gunzipSync } from 'node:zlib'
import { DataIntegrityProof } from '@digitalbazaar/data-integrity'
import { driver as didKeyDriver } from '@digitalbazaar/did-method-key'
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey'
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'
import * as vc from '@digitalbazaar/vc'
import { compactVerify, decodeProtectedHeader } from 'jose'
import { sandboxOf } from '../../../test/support/bridge.ts'
import type { Bridge } from '../../bridge/open-bridge.ts'
import { isKakehashiError } from '../../errors.ts'
import { createDocumentLoader } from '../../lib/jsonld/index.ts'
import type { BitstringStatusListSource } from '../../status/bitstring-status-list/index.ts'
import { issueSandboxW3c, type SandboxW3cFormat } from '../issue-sandbox-w3c.ts'
import {
  SANDBOX_BITSTRING_LIST_SIZE,
  SandboxBitstringStatusListSource,
  setSandboxBitstringStatus,
} from '../sandbox-bitstring-lists.ts'
import { failures, openW3cTestBridge, type W3cTestBridge } from './w3c-support.ts'

const cases = [
  {
    issuer: 'jp-university',
    entity: 'jp.sandbox.university',
    type: 'OpenBadgeCredential',
    format: 'ldp_vc',
    rp: 'eu.academic',
    rule: 'sandbox.eu-academic-recognises-jp-academic',
  },
  {
    issuer: 'jp-university',
    entity: 'jp.sandbox.university',
    type: 'OpenBadgeCredential',
    format: 'vc+jwt',
    rp: 'eu.academic',
    rule: 'sandbox.eu-academic-recognises-jp-academic',
  },
  {
    issuer: 'eu-university',
    entity: 'eu.sandbox.university',
    type: 'OpenBadgeCredential',
    format: 'ldp_vc',
    rp: 'jp.academic',
    rule: 'sandbox.jp-academic-recognises-eu-academic',
  },
  {
    issuer: 'eu-university',
    entity: 'eu.sandbox.university',
    type: 'OpenBadgeCredential',
    format: 'vc+jwt',
    rp: 'jp.academic',
    rule: 'sandbox.jp-academic-recognises-eu-academic',
  },
  {
    issuer: 'eu-university',
    entity: 'eu.sandbox.university',
    type: 'EuropeanDigitalCredential',
    format: 'vc+jwt',
    rp: 'jp.academic',
    rule: 'sandbox.jp-academic-recognises-eu-academic',
  },
] as const

/** The credential inside what was issued: the JSON-LD document, or the JWS payload. */
const documentOf = (format: SandboxW3cFormat, credential: string): Record<string, unknown> =>
  format === 'ldp_vc'
    ? JSON.parse(credential)
    : JSON.parse(Buffer.from(credential.split('.')[1] as string, 'base64url').toString('utf8'))

/** The member at `path` of a parsed JSON value, or undefined. */
function dig(value: unknown, ...path: (string | number)[]): unknown {
  let at = value
  for (const key of path) at = (at as Record<string | number, unknown> | undefined)?.[key]
  return at
}

/** did:key documents from the reference driver, contexts from the bundled loader. */
const referenceDriver = didKeyDriver()
referenceDriver.use({ multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from })
const bundled = createDocumentLoader()
const referenceLoader = async (url: string) =>
  url.startsWith('did:')
    ? { contextUrl: null, documentUrl: url, document: await referenceDriver.get({ url }) }
    : bundled(url)

describe('sandbox W3C credentials', () => {
  let bridge: Bridge
  let verify: W3cTestBridge['verify']
  let afterStatusChange: () => void

  before(async () => {
    const opened = await openW3cTestBridge()
    bridge = opened.bridge
    verify = opened.verify
    afterStatusChange = opened.afterStatusChange
  })
  after(async () => {
    await bridge.close()
  })

  for (const c of cases) {
    test(`${c.issuer} ${c.type} as ${c.format}: accepted for ${c.rp}, anchored in the university's DID`, async () => {
      const issued = await issueSandboxW3c(sandboxOf(bridge), c.issuer, c.format, {
        credentialType: c.type,
      })
      const keys = sandboxOf(bridge).keyring.get(c.issuer).w3c
      const did = c.format === 'ldp_vc' ? keys?.didKey : keys?.didJwk
      assert.equal(issued.issuerDid, did)
      const report = await verify(issued.credential, c.rp)
      assert.equal(report.verdict, 'accepted', failures(report))
      assert.equal(report.format, c.format)
      assert.equal(report.credentialType, c.type)
      const { anchor, authorisation, recognition } = report.trustPath
      assert.equal(
        anchor?.identityId,
        `${c.entity}.${c.format === 'ldp_vc' ? 'did-key' : 'did-jwk'}`,
      )
      assert.equal(anchor?.subject, did)
      assert.equal(authorisation?.id, `${c.entity}.issuer`)
      assert.ok(authorisation?.credentialTypes.includes(c.type))
      assert.equal(recognition?.kind, 'rule')
      if (recognition?.kind === 'rule') assert.equal(recognition.rule.id, c.rule)
      const status = report.checks.find((check) => check.check === 'status.check')
      assert.equal(status?.status, 'passed')
    })
  }

  test('the Open Badges carry what a relying party reads: names, degree, credits, EQF', async () => {
    const jp = documentOf(
      'vc+jwt',
      (await issueSandboxW3c(sandboxOf(bridge), 'jp-university', 'vc+jwt')).credential,
    )
    assert.deepEqual((jp['@context'] as string[])[0], 'https://www.w3.org/ns/credentials/v2')
    assert.equal(jp.awardedDate, '2026-03-25T00:00:00+09:00')
    const jpIssuer = jp.issuer as Record<string, unknown>
    assert.equal(jpIssuer.name, 'Sandbox University Tokyo')
    assert.match(String(jpIssuer.description), /サンドボックス大学/)
    assert.equal(dig(jp, 'credentialSubject', 'identifier', 0, 'identityHash'), '佐藤 健')
    assert.equal(dig(jp, 'credentialSubject', 'achievement', 'name'), '修士（工学）')
    assert.equal(dig(jp, 'credentialSubject', 'achievement', 'achievementType'), 'MasterDegree')
    assert.match(
      String(dig(jp, 'credentialSubject', 'achievement', 'description')),
      /単位.*not ECTS/,
    )
    assert.equal(typeof dig(jp, 'credentialSubject', 'creditsEarned'), 'number')
    const eu = documentOf(
      'ldp_vc',
      (await issueSandboxW3c(sandboxOf(bridge), 'eu-university', 'ldp_vc')).credential,
    )
    const achievement = dig(eu, 'credentialSubject', 'achievement')
    assert.equal(dig(achievement, 'creditsAvailable'), 120)
    assert.equal(dig(achievement, 'alignment', 0, 'targetUrl'), 'http://data.europa.eu/snb/eqf/7')
    const proof = eu.proof as Record<string, unknown>
    assert.equal(proof.cryptosuite, 'eddsa-rdfc-2022')
    assert.equal(proof.proofPurpose, 'assertionMethod')
    assert.match(String(proof.verificationMethod), /^did:key:(z6Mk\w+)#\1$/)
    const status = eu.credentialStatus as Record<string, unknown>
    assert.equal(status.type, 'BitstringStatusListEntry')
    assert.equal(status.statusPurpose, 'revocation')
    assert.equal(typeof status.statusListIndex, 'string')
  })

  test('the ELM credential is vc+jwt only: its context is not bundled', async () => {
    await assert.rejects(
      issueSandboxW3c(sandboxOf(bridge), 'eu-university', 'ldp_vc', {
        credentialType: 'EuropeanDigitalCredential',
      }),
      (error) => isKakehashiError(error) && error.code === 'usage.invalid',
    )
    await assert.rejects(
      issueSandboxW3c(sandboxOf(bridge), 'jp-university', 'vc+jwt', {
        credentialType: 'EuropeanDigitalCredential',
      }),
      (error) => isKakehashiError(error) && error.code === 'usage.invalid',
    )
    await assert.rejects(
      issueSandboxW3c(sandboxOf(bridge), 'eu-pid-provider', 'ldp_vc'),
      (error) => isKakehashiError(error) && error.code === 'usage.invalid',
    )
    const issued = await issueSandboxW3c(sandboxOf(bridge), 'eu-university', 'vc+jwt', {
      credentialType: 'EuropeanDigitalCredential',
    })
    const elm = documentOf('vc+jwt', issued.credential)
    assert.deepEqual(elm['@context'], [
      'https://www.w3.org/ns/credentials/v2',
      'http://data.europa.eu/snb/model/context/edc-ap',
    ])
    const qualification = dig(elm, 'credentialSubject', 'hasClaim', 'specifiedBy')
    assert.equal(dig(qualification, 'eqfLevel', 'id'), 'http://data.europa.eu/snb/eqf/7')
    assert.equal(dig(qualification, 'creditPoint', 0, 'point'), '120')
  })

  for (const format of ['ldp_vc', 'vc+jwt'] as const) {
    test(`${format}: a revoked credential is rejected with status.invalid, and accepted once reinstated`, async () => {
      const sandbox = sandboxOf(bridge)
      const issued = await issueSandboxW3c(sandbox, 'jp-university', format)
      assert.equal((await verify(issued.credential, 'eu.academic')).verdict, 'accepted')
      await setSandboxBitstringStatus(sandbox.store, 'jp-university', issued.statusIndex, 'invalid')
      afterStatusChange()
      const revoked = await verify(issued.credential, 'eu.academic')
      assert.equal(revoked.verdict, 'rejected')
      assert.deepEqual(revoked.errors, ['status.invalid'])
      await setSandboxBitstringStatus(sandbox.store, 'jp-university', issued.statusIndex, 'valid')
      afterStatusChange()
      assert.equal((await verify(issued.credential, 'eu.academic')).verdict, 'accepted')
    })
  }

  test('revocation: only valid or invalid, and only for an index that was handed out', async () => {
    const sandbox = sandboxOf(bridge)
    const issued = await issueSandboxW3c(sandbox, 'eu-university', 'ldp_vc')
    await assert.rejects(
      setSandboxBitstringStatus(
        sandbox.store,
        'eu-university',
        issued.statusIndex,
        'suspended' as never,
      ),
      (error) => isKakehashiError(error) && error.code === 'usage.invalid',
    )
    // Indices are drawn below the list size, so this one was never handed out.
    await assert.rejects(
      setSandboxBitstringStatus(
        sandbox.store,
        'eu-university',
        SANDBOX_BITSTRING_LIST_SIZE,
        'invalid',
      ),
      (error) => isKakehashiError(error) && error.code === 'registry.not_found',
    )
  })

  test('a tampered ldp_vc fails the Data Integrity proof; a tampered vc+jwt its signature', async () => {
    const sandbox = sandboxOf(bridge)
    const di = JSON.parse((await issueSandboxW3c(sandbox, 'jp-university', 'ldp_vc')).credential)
    di.credentialSubject.achievement.name = '博士（工学）'
    const diReport = await verify(JSON.stringify(di), 'eu.academic')
    assert.equal(diReport.verdict, 'rejected')
    assert.deepEqual(diReport.errors, ['w3c.proof_invalid'])

    const jws = (await issueSandboxW3c(sandbox, 'jp-university', 'vc+jwt')).credential
    const [header, , signature] = jws.split('.')
    const payload = documentOf('vc+jwt', jws)
    ;(payload.credentialSubject as Record<string, unknown>).creditsEarned = 300
    const altered = `${header}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${signature}`
    const joseReport = await verify(altered, 'eu.academic')
    assert.equal(joseReport.verdict, 'rejected')
    assert.deepEqual(joseReport.errors, ['w3c.signature_invalid'])
  })

  test('outside the recognising frameworks: not accepted for an identity framework', async () => {
    const issued = await issueSandboxW3c(sandboxOf(bridge), 'jp-university', 'ldp_vc')
    const report = await verify(issued.credential, 'eu.eudi.pid')
    assert.equal(report.verdict, 'rejected')
    assert.ok(report.checks.some((c) => c.check === 'recognition.rule' && c.status === 'failed'))
  })

  test('the reference stack verifies the proof, and jose the vc+jwt under the did:jwk key', async () => {
    const sandbox = sandboxOf(bridge)
    const di = JSON.parse((await issueSandboxW3c(sandbox, 'eu-university', 'ldp_vc')).credential)
    const result = await vc.verifyCredential({
      credential: di,
      suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
      documentLoader: referenceLoader,
      checkStatus: async () => ({ verified: true }),
      now: new Date(sandbox.clock.now()),
    })
    assert.equal(result.verified, true, String(result.error))

    const jws = (await issueSandboxW3c(sandbox, 'eu-university', 'vc+jwt')).credential
    const header = decodeProtectedHeader(jws)
    assert.deepEqual(
      { alg: header.alg, typ: header.typ, cty: header.cty },
      { alg: 'ES256', typ: 'vc+jwt', cty: 'vc' },
    )
    const did = String(header.kid).replace(/#0$/, '')
    assert.equal(header.kid, `${sandbox.keyring.get('eu-university').w3c?.didJwk}#0`)
    const jwk = JSON.parse(Buffer.from(did.slice('did:jwk:'.length), 'base64url').toString('utf8'))
    await compactVerify(jws, createPublicKey({ key: jwk, format: 'jwk' }))
  })

  test('the status lists: answered locally, signed by the same DID, 131,072 GZIP entries, multibase u', async () => {
    const sandbox = sandboxOf(bridge)
    const issued = await issueSandboxW3c(sandbox, 'jp-university', 'ldp_vc')
    const foreign: string[] = []
    const fallback: BitstringStatusListSource = {
      fetchStatusListCredential: async (url) => {
        foreign.push(url)
        return '{}'
      },
    }
    const source = new SandboxBitstringStatusListSource(
      sandbox.store,
      sandbox.keyring,
      sandbox.publicUrl,
      sandbox.clock,
      fallback,
    )
    assert.equal(source.answersLocally(issued.statusListCredential), true)
    const elsewhere = 'https://status.example/sandbox/bitstring/jp-university/di'
    assert.equal(source.answersLocally(elsewhere), false)
    assert.equal(source.answersLocally(`${issued.statusListCredential}?x=1`), false)
    assert.equal(
      source.answersLocally(
        issued.statusListCredential.replace('jp-university', 'eu-pid-provider'),
      ),
      false,
    )
    await source.fetchStatusListCredential(elsewhere)
    assert.deepEqual(foreign, [elsewhere])

    const list = JSON.parse(await source.fetchStatusListCredential(issued.statusListCredential))
    assert.equal(list.issuer, issued.issuerDid)
    assert.equal(list.proof.cryptosuite, 'eddsa-rdfc-2022')
    assert.deepEqual(list.type, ['VerifiableCredential', 'BitstringStatusListCredential'])
    const subject = list.credentialSubject
    assert.equal(subject.statusPurpose, 'revocation')
    assert.match(subject.encodedList, /^u[A-Za-z0-9_-]+$/)
    const bits = gunzipSync(Buffer.from(subject.encodedList.slice(1), 'base64url'))
    assert.equal(bits.length * 8, SANDBOX_BITSTRING_LIST_SIZE)
    assert.ok(SANDBOX_BITSTRING_LIST_SIZE >= 131_072)

    const jose = await source.fetchStatusListCredential(
      issued.statusListCredential.replace(/\/di$/, '/jose'),
    )
    assert.equal(
      documentOf('vc+jwt', jose).issuer,
      sandbox.keyring.get('jp-university').w3c?.didJwk,
    )
  })
})
