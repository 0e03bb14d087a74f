// Sandbox mdocs: DeviceResponses that an independent verifier (@auth0/mdl) accepts, under a Document Signer with the ISO/IEC 18013-5 profile.
import assert from 'node:assert/strict'
import { webcrypto } from 'node:crypto'
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { Verifier } from '@auth0/mdl'
import { openTestBridge, sandboxOf } from '../../../test/support/bridge.ts'
import type { Bridge } from '../../bridge/open-bridge.ts'
import { isKakehashiError } from '../../errors.ts'
import { EUDI_PID_DOCTYPE, EUDI_PID_NAMESPACE } from '../../formats/mdoc/profiles/eudi-pid.ts'
import {
  JP_MYNUMBER_SANDBOX_DOCTYPE,
  JP_MYNUMBER_SANDBOX_NAMESPACE,
} from '../../formats/mdoc/profiles/jp-mynumber-sandbox.ts'
import {
  encodeSessionTranscript,
  type SessionTranscriptInput,
  sessionTranscriptBytes,
} from '../../formats/mdoc/session-transcript.ts'
import { zSessionTranscript } from '../../formats/mdoc/session-transcript-json.ts'
import { decodeCbor, embeddedCborBytes, isCborTag } from '../../lib/cbor/index.ts'
import { queryRecognition } from '../../registry/queries/query-recognition.ts'
import {
  ExtendedKeyUsageExtension,
  KeyUsageFlags,
  KeyUsagesExtension,
  X509Certificate,
} from '../../trust/x509/x509-library.ts'
import { type IssuedMdoc, issueSandboxMdoc } from '../issue-sandbox-mdoc.ts'
import {
  findSandboxIssuer,
  type SandboxIssuer,
  sandboxCredentialTypes,
  sandboxIssuers,
} from '../sandbox-ecosystems.ts'
import { loadOrCreateSandboxKeys } from '../sandbox-keystore.ts'
import { MDL_DS_EKU } from '../sandbox-pki.ts'
import { sandboxChanges } from '../seed-sandbox.ts'

const cases = [
  {
    issuer: 'eu-pid-provider',
    docType: EUDI_PID_DOCTYPE,
    namespace: EUDI_PID_NAMESPACE,
    expected: {
      family_name: 'Mustermann',
      given_name: 'Erika',
      nationality: ['DE'],
      resident_city: 'Köln',
      sex: 2,
      age_over_18: true,
      issuing_country: 'BE',
    },
    fullDates: { birth_date: '1994-08-12' },
    dateElements: ['issuance_date', 'expiry_date'],
  },
  {
    issuer: 'jp-mynumber-idp',
    docType: JP_MYNUMBER_SANDBOX_DOCTYPE,
    namespace: JP_MYNUMBER_SANDBOX_NAMESPACE,
    expected: {
      full_name_unicode: '山田 花子',
      full_name_kana: 'ヤマダ ハナコ',
      family_name_latin1: 'YAMADA',
      given_name_latin1: 'Hanako',
      resident_address_unicode: '東京都千代田区霞が関二丁目1番2号',
      sex: 2,
      age_over_18: true,
    },
    fullDates: { birth_date: '1995-04-01' },
    dateElements: ['issue_date', 'expiry_date'],
  },
] as const

const bytesOf = (issued: IssuedMdoc) =>
  new Uint8Array(Buffer.from(issued.deviceResponse, 'base64url'))
const transcriptBytesOf = (input: SessionTranscriptInput) =>
  sessionTranscriptBytes(encodeSessionTranscript(input))

/** The decoded first document of a DeviceResponse, and its MSO. */
function firstDocument(issued: IssuedMdoc) {
  const response = decodeCbor(bytesOf(issued)) as Map<string, unknown>
  const [document] = response.get('documents') as Map<string, unknown>[]
  const issuerSigned = document?.get('issuerSigned') as Map<string, unknown>
  const [, , payload] = issuerSigned.get('issuerAuth') as [unknown, unknown, Uint8Array]
  const msoBytes = embeddedCborBytes(decodeCbor(payload)) as Uint8Array
  const mso = decodeCbor(msoBytes) as Map<string, unknown>
  return { document: document as Map<string, unknown>, issuerSigned, mso, msoBytes }
}

/** Every check @auth0/mdl makes must pass; it throws at the first that does not. */
async function verifyIndependently(bridge: Bridge, issued: IssuedMdoc, transcript?: Uint8Array) {
  const caPem = sandboxOf(bridge).keyring.get(issued.issuer).caCertPem
  const encodedSessionTranscript =
    transcript ?? transcriptBytesOf(zSessionTranscript.parse(issued.sessionTranscript))
  return new Verifier([caPem]).verify(bytesOf(issued), { encodedSessionTranscript })
}

describe('sandbox mdocs', () => {
  let bridge: Bridge

  before(async () => {
    bridge = await openTestBridge()
  })
  after(async () => {
    await bridge.close()
  })

  for (const c of cases) {
    test(`${c.issuer}: a DeviceResponse @auth0/mdl verifies against the sandbox IACA, every element present`, async () => {
      const issued = await issueSandboxMdoc(sandboxOf(bridge), c.issuer)
      assert.equal(issued.docType, c.docType)
      assert.equal(issued.sessionTranscript.type, 'oid4vp')
      const mdoc = await verifyIndependently(bridge, issued)
      const [document] = mdoc.documents
      assert.equal(document?.docType, c.docType)
      const values = document?.getIssuerNameSpace(c.namespace) as Record<string, unknown>
      for (const [id, value] of Object.entries(c.expected)) assert.deepEqual(values[id], value, id)
      for (const [id, value] of Object.entries(c.fullDates))
        assert.equal(String(values[id]), value, id)
      for (const id of c.dateElements) assert.ok(values[id] !== undefined, id)
      const definition = findSandboxIssuer(c.issuer)?.mdoc
      assert.deepEqual(
        Object.keys(values).sort(),
        [...Object.keys(definition?.namespaces[c.namespace] ?? {}), ...c.dateElements].sort(),
        'every element of the sandbox definition, and nothing else',
      )
    })

    test(`${c.issuer}: full-dates are tag 1004; the MSO carries the status reference, validity and device key`, async () => {
      const sandbox = sandboxOf(bridge)
      // The clock read on both sides of issuance: a second may turn over while it signs.
      const before = Math.floor(sandbox.clock.now() / 1000) * 1000
      const issued = await issueSandboxMdoc(sandbox, c.issuer, { validityDays: 30 })
      const after = Math.floor(sandbox.clock.now() / 1000) * 1000
      const { issuerSigned, mso, msoBytes } = firstDocument(issued)
      const items = (issuerSigned.get('nameSpaces') as Map<string, unknown[]>).get(c.namespace)
      const birth = items
        ?.map((item) => decodeCbor(embeddedCborBytes(item) as Uint8Array) as Map<string, unknown>)
        .find((item) => item.get('elementIdentifier') === 'birth_date')
      const birthValue = birth?.get('elementValue')
      assert.ok(isCborTag(birthValue, 1004), 'birth_date is a full-date')
      assert.equal(birthValue.value, c.fullDates.birth_date)

      const status = mso.get('status') as Map<string, Map<string, unknown>>
      assert.deepEqual(Object.fromEntries(status.get('status_list') ?? []), {
        idx: issued.statusIndex,
        uri: issued.statusListUri,
      })
      assert.match(issued.statusListUri, new RegExp(`/sandbox/status/${c.issuer}$`))
      assert.equal(mso.get('docType'), c.docType)
      assert.equal(mso.get('digestAlgorithm'), 'SHA-256')
      const validity = mso.get('validityInfo') as Map<string, unknown>
      const time = (name: string) => {
        const value = validity.get(name)
        assert.ok(value instanceof Date, name)
        // tdate: tag 0 over a 20-character text string, no fractional seconds.
        const text = `${value.toISOString().slice(0, 19)}Z`
        const encoded = Buffer.concat([Buffer.from([0xc0, 0x74]), Buffer.from(text)])
        assert.ok(Buffer.from(msoBytes).includes(encoded), `${name} is a tdate`)
        return value.getTime()
      }
      const signed = time('signed')
      assert.ok(before <= signed && signed <= after, 'signed at issuance, to the second')
      assert.equal(time('validFrom'), signed)
      assert.equal(time('validUntil'), signed + 30 * 86_400_000)
      const deviceKey = (mso.get('deviceKeyInfo') as Map<string, Map<number, unknown>>).get(
        'deviceKey',
      )
      assert.equal(
        Buffer.from(deviceKey?.get(-2) as Uint8Array).toString('base64url'),
        issued.devicePublicJwk.x,
      )
    })

    test(`${c.issuer}: the Document Signer certificate has the mdlDS profile under the IACA`, async () => {
      const keys = sandboxOf(bridge).keyring.get(c.issuer)
      assert.ok(keys.documentSigner)
      const ds = new X509Certificate(keys.documentSigner.certDer)
      const ca = new X509Certificate(keys.caCertPem)
      const eku = ds.getExtension(ExtendedKeyUsageExtension)
      assert.deepEqual([...(eku?.usages ?? [])], [MDL_DS_EKU])
      assert.equal(eku?.critical, true)
      const usage = ds.getExtension(KeyUsagesExtension)
      assert.equal(usage?.usages, KeyUsageFlags.digitalSignature)
      assert.equal(usage?.critical, true)
      assert.equal(ds.issuer, ca.subject)
      assert.match(ds.subject, /C=[A-Z]{2}/)
      assert.match(ds.issuer, /C=[A-Z]{2}/)
      assert.ok(ds.notBefore >= ca.notBefore && ds.notAfter <= ca.notAfter)
      assert.equal(
        await ds.verify({ publicKey: ca.publicKey, signatureOnly: true }, webcrypto),
        true,
      )
      // The mdoc names it, alone, in x5chain.
      const { issuerSigned } = firstDocument(await issueSandboxMdoc(sandboxOf(bridge), c.issuer))
      const [, unprotectedHeader] = issuerSigned.get('issuerAuth') as [
        unknown,
        Map<number, unknown>,
      ]
      assert.deepEqual(unprotectedHeader.get(33), keys.documentSigner.certDer)
    })
  }

  test('the device signature is bound to the session: another nonce fails, a given transcript passes', async () => {
    const sandbox = sandboxOf(bridge)
    const issued = await issueSandboxMdoc(sandbox, 'eu-pid-provider')
    const other = transcriptBytesOf({
      ...(zSessionTranscript.parse(issued.sessionTranscript) as SessionTranscriptInput & {
        type: 'oid4vp'
      }),
      nonce: 'another nonce',
    })
    await assert.rejects(
      verifyIndependently(bridge, issued, other),
      /Device signature must be valid/,
    )

    const dcApi: SessionTranscriptInput = {
      type: 'oid4vp-dc-api',
      origin: 'https://verifier.example',
      nonce: 'n-123',
    }
    const given = await issueSandboxMdoc(sandbox, 'jp-mynumber-idp', { sessionTranscript: dcApi })
    assert.deepEqual(given.sessionTranscript, dcApi)
    await verifyIndependently(bridge, given, transcriptBytesOf(dcApi))
    // Verified against another issuer's IACA, it fails.
    const strangerCa = sandbox.keyring.get('eu-pid-provider').caCertPem
    await assert.rejects(
      new Verifier([strangerCa]).verify(bytesOf(given), {
        encodedSessionTranscript: transcriptBytesOf(dcApi),
      }),
    )
  })

  test('selective disclosure: only the elements asked for are presented, and they verify', async () => {
    const wanted = ['full_name_unicode', 'birth_date', 'age_over_18']
    const issued = await issueSandboxMdoc(sandboxOf(bridge), 'jp-mynumber-idp', {
      elements: { [JP_MYNUMBER_SANDBOX_NAMESPACE]: wanted },
    })
    const report = await bridge.verify({
      credential: issued.deviceResponse,
      relyingPartyFramework: 'eu.eudi.pid',
      sessionTranscript: zSessionTranscript.parse(issued.sessionTranscript),
    })
    assert.equal(report.verdict, 'accepted', report.errors.join())
    assert.deepEqual(report.elements?.map((e) => e.elementIdentifier).sort(), [...wanted].sort())
    await assert.rejects(
      issueSandboxMdoc(sandboxOf(bridge), 'jp-mynumber-idp', {
        elements: { [JP_MYNUMBER_SANDBOX_NAMESPACE]: ['no_such_element'] },
      }),
      (error) => isKakehashiError(error) && error.code === 'usage.invalid',
    )
  })

  test('an issuer without an mdoc, a bad device key, an unusable validity: coded errors', async () => {
    const sandbox = sandboxOf(bridge)
    const code = (promise: Promise<unknown>) =>
      promise.then(
        () => 'issued',
        (error) => (isKakehashiError(error) ? error.code : String(error)),
      )
    assert.equal(await code(issueSandboxMdoc(sandbox, 'eu-university')), 'usage.invalid')
    assert.equal(await code(issueSandboxMdoc(sandbox, 'nobody')), 'sandbox.unknown_issuer')
    assert.equal(
      await code(issueSandboxMdoc(sandbox, 'eu-pid-provider', { validityDays: 0 })),
      'usage.invalid',
    )
    const { d: _d, ...publicOnly } = (await issueSandboxMdoc(sandbox, 'eu-pid-provider'))
      .devicePublicJwk as Record<string, string>
    assert.equal(
      await code(issueSandboxMdoc(sandbox, 'eu-pid-provider', { devicePrivateJwk: publicOnly })),
      'input.invalid',
    )
  })

  test('registry: the authorisations cover the docTypes; identity mdocs are recognised both ways, the SD-JWT identities not', async () => {
    const snapshot = await bridge.registry.get()
    for (const c of cases) {
      const issuer = findSandboxIssuer(c.issuer) as SandboxIssuer
      const held = snapshot.authorisationsByEntity.get(issuer.entityId)?.[0]
      assert.deepEqual(held?.credentialTypes, [issuer.vct, c.docType])
    }
    const recognise = (entity: string, authority: string, resource: string, level: string) =>
      queryRecognition(
        snapshot,
        {
          entity_id: entity,
          authority_id: authority,
          action: 'recognize',
          resource,
          context: { assurance_level: level },
        },
        { nowMs: Date.now(), staleSources: 'refuse' },
      )
    const euOfJp = recognise('jp.mynumber', 'eu.eudi.pid', JP_MYNUMBER_SANDBOX_DOCTYPE, 'IAL3')
    assert.equal(euOfJp.recognized, true)
    assert.equal(euOfJp.evidence.recognisedLevel, 'high')
    assert.equal(
      recognise('jp.mynumber', 'eu.eudi.pid', JP_MYNUMBER_SANDBOX_DOCTYPE, 'IAL2').evidence
        .recognisedLevel,
      'substantial',
    )
    const jpOfEu = recognise('eu.eudi.pid', 'jp.mynumber', EUDI_PID_DOCTYPE, 'high')
    assert.equal(jpOfEu.recognized, true)
    assert.equal(jpOfEu.evidence.recognisedLevel, 'IAL3')
    assert.match(jpOfEu.evidence.rule?.legalBasis ?? '', /^Sandbox rule for demonstration/)
    for (const [entity, authority, vct, level] of [
      ['jp.mynumber', 'eu.eudi.pid', 'urn:kakehashi:sandbox:jp.mynumber-identity:1', 'IAL3'],
      ['eu.eudi.pid', 'jp.mynumber', 'urn:eudi:pid:1', 'high'],
    ] as const)
      assert.equal(recognise(entity, authority, vct, level).recognized, false, vct)
  })

  test('a registry seeded before the mdocs and W3C credentials: the authorisations grow to cover their types', async () => {
    const snapshot = await bridge.registry.get()
    const sandbox = sandboxOf(bridge)
    const older = new Map(
      [...snapshot.authorisationsByEntity].map(([entityId, list]) => [
        entityId,
        list.map((a) => ({ ...a, credentialTypes: a.credentialTypes.slice(0, 1) })),
      ]),
    )
    assert.deepEqual(sandboxChanges(snapshot, sandbox.keyring, new Date().toISOString()), [])
    const changes = sandboxChanges(
      { ...snapshot, authorisationsByEntity: older },
      sandbox.keyring,
      new Date().toISOString(),
    )
    const grown = changes.flatMap((change) =>
      change.type === 'authorisation.put' ? [change.authorisation] : [],
    )
    assert.equal(changes.length, grown.length, 'nothing but the authorisations changes')
    assert.deepEqual(
      grown.map((a) => [a.entityId, a.credentialTypes]).sort(),
      sandboxIssuers
        .map((issuer) => [issuer.entityId, sandboxCredentialTypes(issuer)] as const)
        .filter(([, types]) => types.length > 1)
        .sort(),
    )
  })
})

describe('sandbox Document Signer keys', () => {
  let dataDir: string
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kakehashi-ds-'))
  })
  after(async () => {
    await rm(dataDir, { recursive: true, force: true })
  })

  test('a data directory without a Document Signer gets one under the same CA, kept for the next start', async () => {
    const issuer = findSandboxIssuer('jp-mynumber-idp') as SandboxIssuer
    const dir = join(dataDir, 'sandbox', issuer.id)
    const first = await loadOrCreateSandboxKeys(dataDir, issuer)
    assert.ok(first.documentSigner)
    await rm(join(dir, 'ds.pem'))
    await rm(join(dir, 'ds-key.jwk.json'))
    const upgraded = await loadOrCreateSandboxKeys(dataDir, issuer)
    assert.equal(upgraded.caCertPem, first.caCertPem)
    assert.equal(upgraded.issuerCertPem, first.issuerCertPem)
    assert.ok(upgraded.documentSigner)
    assert.notEqual(upgraded.documentSigner.certPem, first.documentSigner.certPem)
    assert.equal((await stat(join(dir, 'ds-key.jwk.json'))).mode & 0o777, 0o600)
    assert.equal(await readFile(join(dir, 'ds.pem'), 'utf8'), upgraded.documentSigner.certPem)
    const again = await loadOrCreateSandboxKeys(dataDir, issuer)
    assert.equal(again.documentSigner?.certPem, upgraded.documentSigner.certPem)
    const university = findSandboxIssuer('eu-university') as SandboxIssuer
    assert.equal((await loadOrCreateSandboxKeys(dataDir, university)).documentSigner, undefined)
  })
})
