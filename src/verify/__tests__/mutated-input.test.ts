// Every format through the whole pipeline, mutated at random: never a throw, never a code outside the table, never a changed statement accepted.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { isDeepStrictEqual } from 'node:util'
import fc from 'fast-check'
import { openTestBridge, sandboxOf } from '../../../test/support/bridge.ts'
import type { Bridge } from '../../bridge/open-bridge.ts'
import { zSessionTranscript } from '../../formats/mdoc/session-transcript-json.ts'
import { isCheckCode } from '../../report/check-codes.ts'
import type { VerificationReport } from '../../report/verification-report.ts'
import { issueSandboxCredential } from '../../sandbox/issue-sandbox-credential.ts'
import { issueSandboxMdoc } from '../../sandbox/issue-sandbox-mdoc.ts'
import { issueSandboxW3c } from '../../sandbox/issue-sandbox-w3c.ts'
import type { VerifyRequest } from '../verify-credential.ts'

// Fixed, so that a run on CI is the run that passed here; FC_SEED explores others.
const seed = Number(process.env.FC_SEED ?? 20261202)

/** Characters that keep a text mostly within its encodings, so mutations reach past the parsers. */
const ALPHABET = [...'AZaz09-_+/=~.{}[]":, \\']

const edit = <T>(value: fc.Arbitrary<T>) =>
  fc.record({ at: fc.nat(), op: fc.constantFrom('replace', 'delete', 'insert'), value })
const textEdit = edit(fc.constantFrom(...ALPHABET))
const byteEdit = edit(fc.integer({ min: 0, max: 255 }))

/** `items` with each edit applied in turn, its position taken modulo the length then. */
function applyEdits<T>(items: readonly T[], edits: { at: number; op: string; value: T }[]): T[] {
  const out = [...items]
  for (const { at, op, value } of edits) {
    const index = at % (out.length + 1)
    if (op === 'insert') out.splice(index, 0, value)
    else if (op === 'delete') out.splice(index, 1)
    else out[index] = value
  }
  return out
}

/** What a report says the credential states: an accepted mutation must state exactly this. */
const statement = (report: VerificationReport) => ({
  credentialType: report.credentialType,
  claims: report.claims,
  elements: report.elements,
  meaning: report.meaning,
})

function explained(report: VerificationReport): void {
  assert.ok(report.checks.length > 0, 'a report without checks')
  for (const code of report.errors) assert.ok(isCheckCode(code), `an undocumented code ${code}`)
  assert.equal(report.verdict === 'accepted', report.errors.length === 0)
}

describe('mutated credentials through the pipeline', () => {
  let bridge: Bridge
  const requests: Record<string, VerifyRequest> = {}
  const originals: Record<string, VerificationReport> = {}

  before(async () => {
    bridge = await openTestBridge()
    const sandbox = sandboxOf(bridge)
    const nonce = 'mutation-nonce'
    const audience = 'https://admissions.example.eu'
    const sdJwt = await issueSandboxCredential(sandbox, 'jp-university', { nonce, audience })
    requests['dc+sd-jwt'] = {
      credential: sdJwt.credential,
      relyingPartyFramework: 'eu.academic',
      nonce,
      audience,
    }
    const mdoc = await issueSandboxMdoc(sandbox, 'jp-mynumber-idp')
    requests.mdoc = {
      credential: Buffer.from(mdoc.deviceResponse, 'base64url'),
      relyingPartyFramework: 'eu.eudi.pid',
      sessionTranscript: zSessionTranscript.parse(mdoc.sessionTranscript),
    }
    for (const format of ['vc+jwt', 'ldp_vc'] as const) {
      const issued = await issueSandboxW3c(sandbox, 'jp-university', format)
      requests[format] = { credential: issued.credential, relyingPartyFramework: 'eu.academic' }
    }
    for (const [format, request] of Object.entries(requests)) {
      const report = await bridge.verify(request)
      assert.equal(report.verdict, 'accepted', `${format}: ${report.errors.join(', ')}`)
      originals[format] = report
    }
  })
  after(() => bridge.close())

  for (const [format, numRuns] of [
    ['dc+sd-jwt', 150],
    ['vc+jwt', 150],
    ['ldp_vc', 40],
  ] as const) {
    it(`${format}: explained, and accepted only when it states what the original does`, async () => {
      const request = requests[format] as VerifyRequest
      await fc.assert(
        fc.asyncProperty(fc.array(textEdit, { minLength: 1, maxLength: 3 }), async (edits) => {
          const mutated = applyEdits([...(request.credential as string)], edits).join('')
          const report = await bridge.verify({ ...request, credential: mutated })
          explained(report)
          if (report.verdict === 'accepted')
            assert.deepEqual(statement(report), statement(originals[format] as VerificationReport))
        }),
        { numRuns, seed },
      )
    })
  }

  // ISO/IEC 18013-5 signs each issuer-signed element on its own: a DeviceResponse that returns
  // fewer of them still verifies (a holder discloses what it chooses). Accepted, it may only state
  // less than the original, never something else.
  it("mdoc: explained, and accepted only when each element it states is the original's", async () => {
    const request = requests.mdoc as VerifyRequest
    await fc.assert(
      fc.asyncProperty(fc.array(byteEdit, { minLength: 1, maxLength: 3 }), async (edits) => {
        const mutated = Uint8Array.from(applyEdits([...(request.credential as Uint8Array)], edits))
        const report = await bridge.verify({ ...request, credential: mutated })
        explained(report)
        if (report.verdict !== 'accepted') return
        const original = originals.mdoc as VerificationReport
        assert.equal(report.credentialType, original.credentialType)
        for (const element of report.elements ?? [])
          assert.ok(
            original.elements?.some((stated) => isDeepStrictEqual(stated, element)),
            `an element the original does not state: ${JSON.stringify(element)}`,
          )
      }),
      { numRuns: 150, seed },
    )
  })
})
