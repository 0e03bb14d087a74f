// Real DeviceResponses this project did not produce: ISO/IEC 18013-5 Annex D, wallets and libraries in the field.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import type { SessionTranscriptInput } from '../session-transcript.ts'
import { annexD, corpusDir, corpusSkip, options, readVector, run } from './support.ts'

interface Vector {
  device_response_hex: string
  session_transcript_bytes_hex: string
  session_transcript_inputs?: Record<string, string>
}

const transcriptBytes = (v: Vector): SessionTranscriptInput => ({
  type: 'bytes',
  bytes: Buffer.from(v.session_transcript_bytes_hex, 'hex'),
})

describe('ISO/IEC 18013-5 Annex D', { skip: corpusSkip }, () => {
  it('verifies inside its validity, device MAC included', () => {
    const a = annexD()
    const { result, codes, checks } = run(
      a.deviceResponse,
      options('2021-01-01T00:00:00Z', {
        sessionTranscript: a.sessionTranscript,
        readerEphemeralKey: a.readerEphemeralKey,
      }),
    )
    assert.deepEqual(codes, [])
    assert.ok(result)
    assert.equal(result.docType, 'org.iso.18013.5.1.mDL')
    assert.equal(result.deviceAuthentication, 'mac')
    assert.deepEqual(
      checks.toArray().map((c) => [c.check, c.status]),
      [
        ['input.parse', 'passed'],
        ['mdoc.issuer_auth', 'passed'],
        ['mdoc.digests', 'passed'],
        ['time.validity', 'passed'],
        ['mdoc.device_auth', 'passed'],
      ],
    )
    const claims = result.claims['org.iso.18013.5.1'] ?? {}
    assert.equal(claims.family_name, 'Doe')
    // full-date (tag 1004) stays its text; the portrait is an image, shown as data.
    assert.equal(claims.issue_date, '2019-10-20')
    assert.match(String(claims.portrait), /^data:image\/jpeg;base64,\/9j\//)
    const privileges = claims.driving_privileges as { vehicle_category_code: string }[]
    assert.deepEqual(
      privileges.map((p) => p.vehicle_category_code),
      ['A', 'B'],
    )
    const family = result.elements.find((e) => e.elementIdentifier === 'family_name')
    assert.equal(family?.label?.en, 'Family name')
    assert.equal(family?.signedBy, 'issuer')
    assert.equal(result.x5chain.length, 1)
  })

  it('is rejected as expired at today’s date', () => {
    const a = annexD()
    const { codes } = run(
      a.deviceResponse,
      options('2026-12-01T00:00:00Z', {
        sessionTranscript: a.sessionTranscript,
        readerEphemeralKey: a.readerEphemeralKey,
      }),
    )
    assert.deepEqual(codes, ['mdoc.expired'])
  })

  it('is not yet valid before its MSO validFrom', () => {
    const a = annexD()
    const { codes } = run(
      a.deviceResponse,
      options('2020-09-01T00:00:00Z', {
        sessionTranscript: a.sessionTranscript,
        readerEphemeralKey: a.readerEphemeralKey,
      }),
    )
    assert.deepEqual(codes, ['mdoc.not_yet_valid'])
  })

  it('a device MAC needs the reader ephemeral key', () => {
    const a = annexD()
    const { codes } = run(
      a.deviceResponse,
      options('2021-01-01T00:00:00Z', { sessionTranscript: a.sessionTranscript }),
    )
    assert.deepEqual(codes, ['mdoc.reader_key_required'])
  })

  it('device authentication needs the session transcript', () => {
    const a = annexD()
    const { codes } = run(a.deviceResponse, options('2021-01-01T00:00:00Z'))
    assert.deepEqual(codes, ['mdoc.session_transcript_required'])
  })

  it('a wrong session transcript fails the device MAC', () => {
    const a = annexD()
    const { codes } = run(
      a.deviceResponse,
      options('2021-01-01T00:00:00Z', {
        sessionTranscript: { type: 'oid4vp', clientId: 'x', nonce: 'n', responseUri: 'https://x' },
        readerEphemeralKey: a.readerEphemeralKey,
      }),
    )
    assert.deepEqual(codes, ['mdoc.device_auth_invalid'])
  })

  it('a document of another docType than asked is missing', () => {
    const a = annexD()
    const { codes } = run(
      a.deviceResponse,
      options('2021-01-01T00:00:00Z', { docType: 'eu.europa.ec.eudi.pid.1' }),
    )
    assert.deepEqual(codes, ['mdoc.document_missing'])
  })
})

describe('DeviceResponses from wallets and libraries', { skip: corpusSkip }, () => {
  const cases: [string, string, SessionTranscriptInput | 'bytes', number][] = [
    ['animo-mdoc-05.json', '2026-01-12T12:00:00Z', 'bytes', 2],
    ['google.json', '2025-02-20T12:00:00Z', 'bytes', 2],
    ['france.json', '2021-09-25T12:00:00Z', 'bytes', 6],
    ['ubique.json', '2025-02-01T12:00:00Z', 'bytes', 1],
    ['auth0-example1.json', '2024-01-01T00:00:00Z', 'bytes', 12],
    ['auth0-example2.json', '2024-01-01T00:00:00Z', 'bytes', 6],
  ]
  for (const [name, at, _transcript, elements] of cases) {
    it(`${name} verifies with its session transcript`, () => {
      const v = readVector<Vector>(name)
      const { result, codes } = run(
        Buffer.from(v.device_response_hex, 'hex'),
        options(at, { sessionTranscript: transcriptBytes(v) }),
      )
      assert.deepEqual(codes, [])
      assert.equal(result?.elements.length, elements)
      assert.equal(result?.deviceAuthentication, 'signature')
    })
  }

  it('the OpenID4VP 1.0 handover is rebuilt from its parameters (EUDI PID from a wallet)', () => {
    const v = readVector<Vector>('animo-mdoc-05.json')
    const raw = v.session_transcript_inputs ?? {}
    const transcript = (nonce: string): SessionTranscriptInput => ({
      type: 'oid4vp',
      clientId: raw.clientId ?? '',
      nonce,
      responseUri: raw.responseUri ?? '',
      jwkThumbprint: Buffer.from(raw.jwkThumbprintHex ?? '', 'hex'),
    })
    const bytes = Buffer.from(v.device_response_hex, 'hex')
    const ok = run(
      bytes,
      options('2026-01-12T12:00:00Z', { sessionTranscript: transcript(raw.nonce ?? '') }),
    )
    assert.deepEqual(ok.codes, [])
    assert.equal(ok.result?.docType, 'eu.europa.ec.eudi.pid.1')
    assert.equal(ok.result?.claims['eu.europa.ec.eudi.pid.1']?.given_name, 'Erika')
    const wrong = run(
      bytes,
      options('2026-01-12T12:00:00Z', { sessionTranscript: transcript('wrong-nonce') }),
    )
    assert.deepEqual(wrong.codes, ['mdoc.device_auth_invalid'])
  })

  it('auth0 example 3: an altered family_name fails its digest', () => {
    const v = readVector<Vector>('auth0-example3.json')
    const { codes, checks } = run(
      Buffer.from(v.device_response_hex, 'hex'),
      options('2024-01-01T00:00:00Z', { sessionTranscript: transcriptBytes(v) }),
    )
    assert.ok(codes.includes('mdoc.digest_mismatch'))
    assert.match(
      checks.toArray().find((c) => c.code === 'mdoc.digest_mismatch')?.message ?? '',
      /family_name/,
    )
  })

  it('auth0 example 4: device-signed elements the MSO key authorisations do not allow are refused', () => {
    // auth0/mdl accepts this response; ISO/IEC 18013-5 §9.1.2.4 lets the device key sign only
    // what keyAuthorizations lists, and this MSO lists nothing.
    const v = readVector<Vector>('auth0-example4.json')
    const { codes } = run(
      Buffer.from(v.device_response_hex, 'hex'),
      options('2024-01-01T00:00:00Z', { sessionTranscript: transcriptBytes(v) }),
    )
    assert.deepEqual(codes, ['mdoc.device_element_unauthorised'])
  })

  it('an IssuerSigned alone (OpenID4VCI issuance) verifies as issuance', () => {
    const v = readVector<{ issuer_signed_hex: string }>('bdr-issuer-signed.json')
    const bytes = Buffer.from(v.issuer_signed_hex, 'hex')
    const issuance = run(bytes, options('2025-06-01T00:00:00Z', { stage: 'issuance' }))
    assert.deepEqual(issuance.codes, [])
    assert.equal(issuance.result?.elements.length, 18)
    // Presented as if it were a DeviceResponse, it is not one.
    assert.deepEqual(run(bytes, options('2025-06-01T00:00:00Z')).codes, ['mdoc.malformed'])
  })
})

describe('EUDI reference verifier responses', { skip: corpusSkip }, () => {
  const token = (file: string): Record<string, string | string[]> =>
    JSON.parse(readFileSync(`${corpusDir}eu/eudi-pid/${file}`, 'utf8'))
  const first = (value: string | string[] | undefined) =>
    Buffer.from((Array.isArray(value) ? value[0] : value) ?? '', 'base64url')

  it('a response with PID and mDL needs a docType, then verifies the chosen one', () => {
    const vp = token('pid-and-mdl-mdoc-deviceresponse.vp_token.json')
    const bytes = first(vp.eu_europa_ec_eudi_pid_1)
    assert.deepEqual(run(bytes, options('2025-06-01T00:00:00Z')).codes, ['mdoc.document_ambiguous'])
    const pid = run(
      bytes,
      options('2025-06-01T00:00:00Z', {
        docType: 'eu.europa.ec.eudi.pid.1',
        stage: 'presentation',
      }),
    )
    assert.equal(pid.result?.docType, 'eu.europa.ec.eudi.pid.1')
    assert.ok(
      pid.checks.toArray().some((c) => c.check === 'mdoc.issuer_auth' && c.status === 'passed'),
    )
    assert.ok(pid.checks.toArray().some((c) => c.check === 'mdoc.digests' && c.status === 'passed'))
  })

  it('the mDL carries a Token Status List reference in its MSO', () => {
    const vp = token('mdl-mdoc-deviceresponse.vp_token.json')
    const { result } = run(first(vp.query_0), options('2025-12-20T00:00:00Z'))
    const status = result?.status as { status_list?: { idx?: unknown; uri?: unknown } } | undefined
    assert.equal(typeof status?.status_list?.idx, 'number')
    assert.match(
      String(status?.status_list?.uri),
      /^https:\/\/issuer\.eudiw\.dev\/token_status_list\//,
    )
  })
})
