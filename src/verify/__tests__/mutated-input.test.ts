// Every format through the whole pipeline, mutated at random: never a throw, never a code outside the table, never a changed statement accepted.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { isDeepStrictEqual } from 'node:util'
import fc from 'fast-check'
import { openTestBridge, sandboxOf } from '../../../test/support/bridge.ts'
import {
  byteEdits,
  editBytes,
  edits,
  editText,
  mutationSeed,
} from '../../../test/support/mutations.ts'
import type { Bridge } from '../../bridge/open-bridge.ts'
import { zSessionTranscript } from '../../formats/mdoc/session-transcript-json.ts'
import { isCheckCode } from '../../report/check-codes.ts'
import type { VerificationReport } from '../../report/verification-report.ts'
import { issueSandboxCredential } from '../../sandbox/issue-sandbox-credential.ts'
import { issueSandboxMdoc } from '../../sandbox/issue-sandbox-mdoc.ts'
import { issueSandboxW3c } from '../../sandbox/issue-sandbox-w3c.ts'
import type { VerifyRequest } from '../verify-credential.ts'

/** Characters that keep a text mostly within its encodings, so mutations reach past the parsers. */
const textEdits = edits(fc.constantFrom(...'AZaz09-_+/=~.{}[]":, \\'))

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
        fc.asyncProperty(textEdits, async (list) => {
          const mutated = editText(request.credential as string, list)
          const report = await bridge.verify({ ...request, credential: mutated })
          explained(report)
          if (report.verdict === 'accepted')
            assert.deepEqual(statement(report), statement(originals[format] as VerificationReport))
        }),
        { numRuns, seed: mutationSeed },
      )
    })
  }

  // ISO/IEC 18013-5 signs each issuer-signed element on its own: a DeviceResponse that returns
  // fewer of them still verifies (a holder discloses what it chooses). Accepted, it may only state
  // less than the original, never something else.
  it("mdoc: explained, and accepted only when each element it states is the original's", async () => {
    const request = requests.mdoc as VerifyRequest
    await fc.assert(
      fc.asyncProperty(byteEdits, async (list) => {
        const mutated = editBytes(request.credential as Uint8Array, list)
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
      { numRuns: 150, seed: mutationSeed },
    )
  })
})
