// GET /v1/recognition/mra and `kakehashi recognition export-mra`: the sandbox's academic recognition in the EU MRA form, and back.
import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { openTestBridge } from '../../../test/support/bridge.ts'
import { captureIo } from '../../../test/support/capture-io.ts'
import type { Bridge } from '../../bridge/open-bridge.ts'
import { localBridgeApi } from '../../cli/bridge-api.ts'
import { recognitionCommand } from '../../cli/commands/recognition-command.ts'
import { pointerElement } from '../../sources/etsi-tl/__tests__/mutual-recognition-fixtures.ts'
import { readMutualRecognitionRules } from '../../sources/etsi-tl/mutual-recognition-rules.ts'
import { readOtherTSLPointer } from '../../sources/etsi-tl/parse-other-tsl-pointer.ts'
import { createTestSigner } from '../../trust/xmldsig/__tests__/sign-xml-fixtures.ts'
import { createServer } from '../create-server.ts'

const LOCATION = 'https://university.jp.sandbox.kakehashi.example/tl.xml'

describe('recognition in the EU mutual-recognition form', () => {
  let bridge: Bridge
  let app: FastifyInstance
  let dir: string
  before(async () => {
    bridge = await openTestBridge()
    app = createServer(bridge, { operatorToken: 'test-operator-token-0123', logger: false })
    dir = await mkdtemp(join(tmpdir(), 'kakehashi-mra-'))
  })
  after(async () => {
    await app.close()
    await bridge.close()
    await rm(dir, { recursive: true, force: true })
  })

  const exportUrl = (recognising: string, recognised: string, extra = '') =>
    `/v1/recognition/mra?recognising=${recognising}&recognised=${recognised}&location=${encodeURIComponent(LOCATION)}${extra}`

  test('round trip: the sandbox rule out as an OtherTSLPointer, read back as the same rule', async () => {
    const response = await app.inject({
      url: exportUrl('eu.academic', 'jp.academic', '&territory=JP'),
    })
    assert.equal(response.statusCode, 200, response.body)
    assert.match(String(response.headers['content-type']), /^application\/xml/)
    const pointer = readOtherTSLPointer(pointerElement(response.body))
    assert.equal(pointer.tslLocation, LOCATION)
    assert.equal(pointer.schemeTerritory, 'JP')
    // What EU tools read: the MRA block, pointing party the relying party's framework.
    assert.equal(
      pointer.mutualRecognitionAgreementInformation?.pointingContractingPartyLegislation,
      'urn:kakehashi:framework:eu.academic',
    )
    const read = readMutualRecognitionRules(pointer)
    assert.equal(read.origin, 'kakehashi')
    const snapshot = await bridge.registry.get()
    const expected = snapshot.recognitionRules.filter(
      (r) =>
        r.recognisingFrameworkId === 'eu.academic' && r.recognisedFrameworkId === 'jp.academic',
    )
    assert.ok(expected.length > 0)
    assert.deepEqual(read.rules, expected)
  })

  test('the reverse direction is its own rule, exported on its own', async () => {
    const response = await app.inject({ url: exportUrl('jp.academic', 'eu.academic') })
    assert.equal(response.statusCode, 200)
    const [rule] = readMutualRecognitionRules(
      readOtherTSLPointer(pointerElement(response.body)),
    ).rules
    assert.equal(rule?.recognisingFrameworkId, 'jp.academic')
    assert.equal(rule?.recognisedFrameworkId, 'eu.academic')
  })

  test('no rule for the pair is 404; a location that is not http(s) is 400', async () => {
    const none = await app.inject({ url: exportUrl('eu.academic', 'jp.mynumber') })
    assert.equal(none.statusCode, 404)
    assert.equal(none.json().code, 'registry.not_found')
    const bad = await app.inject({
      url: '/v1/recognition/mra?recognising=eu.academic&recognised=jp.academic&location=file:///etc/passwd',
    })
    assert.equal(bad.statusCode, 400)
  })

  test('signerCertificate names who may sign the pointed list; anything else is 400', async () => {
    const signer = await createTestSigner('JP Scheme Operator', 'ecdsa')
    const response = await app.inject({
      url: exportUrl(
        'eu.academic',
        'jp.academic',
        `&signerCertificate=${encodeURIComponent(signer.certificateBase64)}`,
      ),
    })
    assert.equal(response.statusCode, 200, response.body)
    const pointer = readOtherTSLPointer(pointerElement(response.body))
    assert.deepEqual(pointer.serviceDigitalIdentities[0]?.x509Certificates, [
      new Uint8Array(signer.certificate),
    ])
    const garbage = await app.inject({
      url: exportUrl('eu.academic', 'jp.academic', '&signerCertificate=AAAA'),
    })
    assert.equal(garbage.statusCode, 400)
    assert.equal(garbage.json().code, 'input.invalid')
    // Base64 read to the letter: unpadded, or with a character Buffer would skip, is refused.
    for (const malformed of [
      signer.certificateBase64.replace(/=+$/, '').slice(0, -1),
      `${signer.certificateBase64.slice(0, 8)}*${signer.certificateBase64.slice(9)}`,
    ]) {
      const refused = await app.inject({
        url: exportUrl(
          'eu.academic',
          'jp.academic',
          `&signerCertificate=${encodeURIComponent(malformed)}`,
        ),
      })
      assert.equal(refused.statusCode, 400, malformed.slice(0, 12))
      assert.match(JSON.stringify(refused.json()), /padded standard base64/)
    }
    const nine = await app.inject({
      url: exportUrl(
        'eu.academic',
        'jp.academic',
        `&signerCertificate=${encodeURIComponent(signer.certificateBase64)}`.repeat(9),
      ),
    })
    assert.equal(nine.statusCode, 400)
  })

  test('kakehashi recognition export-mra --signer-cert takes PEM and DER files', async () => {
    const [first, second] = await Promise.all([
      createTestSigner('JP Scheme Operator', 'ecdsa'),
      createTestSigner('JP Scheme Operator (next key)', 'ecdsa'),
    ])
    const pem = join(dir, 'signer.pem')
    const der = join(dir, 'signer.der')
    await writeFile(
      pem,
      `-----BEGIN CERTIFICATE-----\n${first.certificateBase64.replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`,
    )
    await writeFile(der, second.certificate)
    const io = captureIo()
    const code = await recognitionCommand(
      ['export-mra', 'eu.academic', 'jp.academic', '--location', LOCATION],
      io,
      async () => ({ api: { ...localBridgeApi(bridge), close: async () => {} } }),
    )
    assert.equal(code, 0)
    assert.match(io.stderr.join('\n'), /names no signer certificate/)
    const signed = captureIo()
    assert.equal(
      await recognitionCommand(
        [
          'export-mra',
          'eu.academic',
          'jp.academic',
          '--location',
          LOCATION,
          '--signer-cert',
          pem,
          '--signer-cert',
          der,
        ],
        signed,
        async () => ({ api: { ...localBridgeApi(bridge), close: async () => {} } }),
      ),
      0,
      signed.stderr.join('\n'),
    )
    const pointer = readOtherTSLPointer(pointerElement(signed.stdout.join('\n')))
    assert.deepEqual(
      pointer.serviceDigitalIdentities.flatMap((identity) => identity.x509Certificates),
      [new Uint8Array(first.certificate), new Uint8Array(second.certificate)],
    )
    assert.doesNotMatch(signed.stderr.join('\n'), /names no signer certificate/)
  })

  test('kakehashi recognition export-mra --out writes the same pointer', async () => {
    const out = join(dir, 'pointer.xml')
    const io = captureIo()
    const code = await recognitionCommand(
      ['export-mra', 'eu.academic', 'jp.academic', '--location', LOCATION, '--out', out],
      io,
      async () => ({ api: { ...localBridgeApi(bridge), close: async () => {} } }),
    )
    assert.equal(code, 0, io.stderr.join('\n'))
    const written = await readFile(out, 'utf8')
    const rules = readMutualRecognitionRules(readOtherTSLPointer(pointerElement(written))).rules
    assert.equal(rules[0]?.id, 'sandbox.eu-academic-recognises-jp-academic')
  })
})
