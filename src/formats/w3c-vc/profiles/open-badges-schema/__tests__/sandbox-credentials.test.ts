// The sandbox universities' Open Badges 3.0 diplomas, as issued in both securings, conform to the schema.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { openTestBridge, sandboxOf } from '../../../../../../test/support/bridge.ts'
import type { Bridge } from '../../../../../bridge/open-bridge.ts'
import { issueSandboxW3c, type SandboxW3cFormat } from '../../../../../sandbox/issue-sandbox-w3c.ts'
import {
  formatViolation,
  isOpenBadgeCredential,
  validateOpenBadgeCredential,
} from '../validate-open-badge.ts'

/** The credential a `vc+jwt` carries: VC-JOSE-COSE makes the credential itself the JWS payload. */
function payloadOf(compactJws: string): Record<string, unknown> {
  const payload = compactJws.split('.')[1]
  assert.ok(payload !== undefined, 'a compact JWS')
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
}

describe('sandbox Open Badges 3.0 credentials', () => {
  let bridge: Bridge
  before(async () => {
    bridge = await openTestBridge()
  })
  after(() => bridge.close())

  const cases: [issuer: string, format: SandboxW3cFormat][] = [
    ['jp-university', 'ldp_vc'],
    ['jp-university', 'vc+jwt'],
    ['eu-university', 'ldp_vc'],
    ['eu-university', 'vc+jwt'],
  ]
  for (const [issuer, format] of cases)
    test(`${issuer} ${format} conforms`, async () => {
      const issued = await issueSandboxW3c(sandboxOf(bridge), issuer, format)
      const credential =
        format === 'ldp_vc' ? JSON.parse(issued.credential) : payloadOf(issued.credential)
      if (format === 'ldp_vc')
        assert.ok(credential.proof, 'the Data Integrity form keeps its proof')
      assert.equal(isOpenBadgeCredential(credential), true)
      const result = validateOpenBadgeCredential(credential)
      assert.equal(
        result.ok,
        true,
        result.ok ? '' : result.violations.map(formatViolation).join('\n'),
      )
    })

  test('the EU university ELM credential is no Open Badge', async () => {
    const issued = await issueSandboxW3c(sandboxOf(bridge), 'eu-university', 'vc+jwt', {
      credentialType: 'EuropeanDigitalCredential',
    })
    assert.equal(isOpenBadgeCredential(payloadOf(issued.credential)), false)
  })
})
