// A list signed as a compact JWS verifies only with a configured signer, an asymmetric algorithm and an intact payload.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { CompactSign } from 'jose'
import { createTestSigner, type TestSigner } from '../../sources/etsi-tl/__tests__/list-fixtures.ts'
import { verifySignedListJws } from '../jws/verify-signed-list-jws.ts'

const payload = { LoTE: { ListAndSchemeInformation: { LoTESequenceNumber: 3 } } }

async function sign(
  signer: TestSigner,
  header: Record<string, unknown> = {},
  body: unknown = payload,
): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(body)))
    .setProtectedHeader({ alg: 'ES256', x5c: [signer.certificateBase64], ...header })
    .sign(signer.privateKey)
}

const options = (signer: TestSigner) => ({
  signers: [signer.certificate],
  maxBytes: 100_000,
  maxJsonDepth: 16,
})

describe('verifySignedListJws', async () => {
  const signer = await createTestSigner('List operator', 'ecdsa')
  const other = await createTestSigner('Someone else', 'ecdsa')

  it('returns the payload, the signer and the digest of a list signed by a configured signer', async () => {
    const result = await verifySignedListJws(await sign(signer), options(signer))
    assert.ok(result.ok)
    assert.deepEqual(result.payload, payload)
    assert.equal(result.algorithm, 'ES256')
    assert.match(result.signer.subject, /List operator/)
    assert.match(result.digest, /^[0-9a-f]{64}$/)
  })

  it('refuses a signer that is not configured, even with a valid signature', async () => {
    const result = await verifySignedListJws(await sign(other), options(signer))
    assert.equal(result.ok ? 'ok' : result.reason, 'signer_unknown')
  })

  it('refuses a configured x5c whose key did not make the signature', async () => {
    const forged = await new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
      .setProtectedHeader({ alg: 'ES256', x5c: [signer.certificateBase64] })
      .sign(other.privateKey)
    const result = await verifySignedListJws(forged, options(signer))
    assert.equal(result.ok ? 'ok' : result.reason, 'signature_invalid')
  })

  it('refuses a payload changed after signing', async () => {
    const [header, , signature] = (await sign(signer)).split('.')
    const changed = Buffer.from(JSON.stringify({ LoTE: {} })).toString('base64url')
    const result = await verifySignedListJws(`${header}.${changed}.${signature}`, options(signer))
    assert.equal(result.ok ? 'ok' : result.reason, 'signature_invalid')
  })

  it('refuses alg none and MACs', async () => {
    for (const alg of ['none', 'HS256']) {
      const header = Buffer.from(JSON.stringify({ alg, x5c: [signer.certificateBase64] }))
      const body = Buffer.from(JSON.stringify(payload))
      const jws = `${header.toString('base64url')}.${body.toString('base64url')}.AAAA`
      const result = await verifySignedListJws(jws, options(signer))
      assert.equal(result.ok ? 'ok' : result.reason, 'algorithm', alg)
    }
  })

  it('refuses critical header parameters, a wrong typ, oversize and malformed input', async () => {
    const crit = await new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
      .setProtectedHeader({
        alg: 'ES256',
        x5c: [signer.certificateBase64],
        crit: ['b64x'],
        b64x: 1,
      })
      .sign(signer.privateKey, { crit: { b64x: true } })
    const critResult = await verifySignedListJws(crit, options(signer))
    assert.equal(critResult.ok ? 'ok' : critResult.reason, 'crit')
    const typed = await verifySignedListJws(await sign(signer, { typ: 'JWT' }), {
      ...options(signer),
      types: ['application/lote+jwt'],
    })
    assert.equal(typed.ok ? 'ok' : typed.reason, 'type')
    const big = await verifySignedListJws(await sign(signer), { ...options(signer), maxBytes: 100 })
    assert.equal(big.ok ? 'ok' : big.reason, 'too_large')
    const junk = await verifySignedListJws('not a jws', options(signer))
    assert.equal(junk.ok ? 'ok' : junk.reason, 'malformed')
    const noX5c = await verifySignedListJws(await sign(signer, { x5c: undefined }), options(signer))
    assert.equal(noX5c.ok ? 'ok' : noX5c.reason, 'signer_unknown')
  })

  it('refuses an x5c entry that is not padded standard base64 (RFC 7515 §4.1.6)', async () => {
    const base64 = signer.certificateBase64
    const base64url = Buffer.from(base64, 'base64').toString('base64url')
    assert.notEqual(base64url, base64)
    // As PEM wraps it, and, when the certificate's length needs padding, without it.
    const wrapped = base64.replace(/(.{64})/g, '$1\n')
    const entries: unknown[] = [base64url, wrapped, 42]
    if (base64.endsWith('=')) entries.push(base64.replace(/=+$/, ''))
    for (const entry of entries) {
      const result = await verifySignedListJws(
        await sign(signer, { x5c: [entry] }),
        options(signer),
      )
      assert.equal(result.ok ? 'ok' : result.reason, 'malformed', String(entry).slice(0, 20))
    }
  })
})
