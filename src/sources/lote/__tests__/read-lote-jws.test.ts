// A JSON LoTE is read only when signed by a configured signer with an asymmetric algorithm, intact, within limits and conformant.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { KakehashiError } from '../../../errors.ts'
import { readLoteJws } from '../read-lote-jws.ts'
import { buildLote, createTestKey, signPayload, unsignedJws } from './lote-fixtures.ts'

const refusal = async (promise: Promise<unknown>): Promise<string> => {
  try {
    await promise
  } catch (error) {
    assert.ok(error instanceof KakehashiError, String(error))
    return error.code
  }
  return 'accepted'
}

describe('readLoteJws', async () => {
  const operator = await createTestKey('Scheme Operator')
  const other = await createTestKey('Someone Else')
  const pidCa = await createTestKey('PID CA', true)
  const wallet = await createTestKey('Wallet Provider')
  const lote = buildLote({ pidCa, wallet, sequence: 4 })
  const signers = [operator.certificate]

  it('returns the list, its digest and its signer when a configured signer signed it', async () => {
    const verified = await readLoteJws(await signPayload(lote, operator), signers)
    assert.equal(verified.document.LoTE.ListAndSchemeInformation.LoTESequenceNumber, 4)
    assert.equal(verified.document.LoTE.TrustedEntitiesList?.length, 2)
    assert.equal(verified.algorithm, 'ES256')
    assert.match(verified.signer.subject, /Scheme Operator/)
    assert.match(verified.digest, /^[0-9a-f]{64}$/)
  })

  it('refuses a list signed by a key that is not configured', async () => {
    assert.equal(
      await refusal(readLoteJws(await signPayload(lote, other), signers)),
      'lote.signer_unknown',
    )
  })

  it('refuses a payload changed after signing', async () => {
    const [header, , signature] = (await signPayload(lote, operator)).split('.')
    const forged = structuredClone(lote)
    forged.LoTE.ListAndSchemeInformation.LoTESequenceNumber = 99
    const body = Buffer.from(JSON.stringify(forged)).toString('base64url')
    assert.equal(
      await refusal(readLoteJws(`${header}.${body}.${signature}`, signers)),
      'lote.signature_invalid',
    )
  })

  it('refuses alg none and HS256, whatever the x5c says', async () => {
    for (const alg of ['none', 'HS256']) {
      const jws = unsignedJws({ alg, x5c: [operator.certificateBase64] }, lote)
      assert.equal(await refusal(readLoteJws(jws, signers)), 'lote.algorithm_refused', alg)
    }
  })

  it('refuses an unknown critical header parameter', async () => {
    const jws = await new (await import('jose')).CompactSign(
      new TextEncoder().encode(JSON.stringify(lote)),
    )
      .setProtectedHeader({ alg: 'ES256', x5c: [operator.certificateBase64], crit: ['x'], x: 1 })
      .sign(operator.privateKey, { crit: { x: true } })
    assert.equal(await refusal(readLoteJws(jws, signers)), 'lote.crit_refused')
  })

  it('refuses a list over the size limit before looking at it', async () => {
    const jws = await signPayload(lote, operator)
    assert.equal(await refusal(readLoteJws(jws, signers, { maxBytes: 1024 })), 'lote.too_large')
  })

  it('refuses text that is no JWS, and a signed payload that is no JSON', async () => {
    assert.equal(await refusal(readLoteJws('{"LoTE":{}}', signers)), 'lote.malformed')
    const notJson = await new (await import('jose')).CompactSign(new TextEncoder().encode('{LoTE'))
      .setProtectedHeader({ alg: 'ES256', x5c: [operator.certificateBase64] })
      .sign(operator.privateKey)
    assert.equal(await refusal(readLoteJws(notJson, signers)), 'lote.malformed')
  })

  it('refuses a payload nested deeper than the limit', async () => {
    const deep = structuredClone(lote) as unknown as { LoTE: Record<string, unknown> }
    let nest: unknown = 1
    for (let i = 0; i < 40; i += 1) nest = [nest]
    deep.LoTE.deep = nest
    const jws = await signPayload(deep, operator)
    assert.equal(await refusal(readLoteJws(jws, signers)), 'lote.malformed')
  })

  it('refuses a signed list that violates the schema, naming the place', async () => {
    // biome-ignore lint/suspicious/noExplicitAny: each case edits the JSON document freely
    type Doc = Record<string, any>
    const cases: Array<[string, (doc: Doc) => void]> = [
      [
        'missing LoTESequenceNumber',
        (d) => delete d.LoTE.ListAndSchemeInformation.LoTESequenceNumber,
      ],
      ['unknown member', (d) => (d.LoTE.ListAndSchemeInformation.Extra = 1)],
      ['TEName empty', (d) => (d.LoTE.TrustedEntitiesList[0].TrustedEntityInformation.TEName = [])],
      ['date not RFC 3339', (d) => (d.LoTE.ListAndSchemeInformation.NextUpdate = 'tomorrow')],
      ['version 2', (d) => (d.LoTE.ListAndSchemeInformation.LoTEVersionIdentifier = 2)],
      [
        'next update before issue',
        (d) => (d.LoTE.ListAndSchemeInformation.NextUpdate = '2025-01-01T00:00:00Z'),
      ],
      ['other root member', (d) => (d.TrustedList = {})],
    ]
    for (const [name, change] of cases) {
      const doc = structuredClone(lote) as unknown as Doc
      change(doc)
      const code = await refusal(readLoteJws(await signPayload(doc, operator), signers))
      assert.equal(code, 'lote.not_conformant', name)
    }
  })

  it('refuses a list with more entities than the limit', async () => {
    const doc = structuredClone(lote)
    const entity = doc.LoTE.TrustedEntitiesList?.[1]
    doc.LoTE.TrustedEntitiesList = Array.from({ length: 10_001 }, () => entity) as never
    const jws = await signPayload(doc, operator)
    assert.equal(
      await refusal(readLoteJws(jws, signers, { maxBytes: 64 * 1024 * 1024 })),
      'lote.limit_exceeded',
    )
  })
})
