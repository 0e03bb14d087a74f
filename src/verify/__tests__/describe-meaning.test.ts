// What the meaning step reads of an mdoc: the issuer-signed elements, never what only the device says.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { JP_MYNUMBER_SANDBOX_NAMESPACE as NS } from '../../formats/mdoc/profiles/index.ts'
import { JP_MYNUMBER_SANDBOX_DOCTYPE } from '../../formats/mdoc/profiles/jp-mynumber-sandbox.ts'
import { toReportElements } from '../../formats/mdoc/verify-mdoc.ts'
import { describeMeaning } from '../describe-meaning.ts'
import type { IssuedCredential } from '../issued-credential.ts'

type Element = [elementIdentifier: string, elementValue: unknown]

/** An mdoc as the format step hands it on, its elements and claims made as the format step makes them. */
function mdocCredential(issuerSigned: Element[], deviceSigned: Element[] = []): IssuedCredential {
  const { elements, claims } = toReportElements(
    JP_MYNUMBER_SANDBOX_DOCTYPE,
    issuerSigned.map(([elementIdentifier, elementValue], digestID) => ({
      nameSpace: NS,
      elementIdentifier,
      elementValue,
      digestID,
    })),
    deviceSigned.map(([elementIdentifier, elementValue]) => ({
      nameSpace: NS,
      elementIdentifier,
      elementValue,
    })),
  )
  return {
    format: 'mso_mdoc',
    credentialType: JP_MYNUMBER_SANDBOX_DOCTYPE,
    claims,
    elements,
    x5c: [],
  }
}

function termOf(credential: IssuedCredential, term: string) {
  const meaning = describeMeaning(credential, 'eu.eudi.pid')
  assert.ok(meaning, 'a crosswalk leads from the My Number profile to the EUDI PID')
  const claim = meaning.claims.find((c) => c.term === term)
  assert.ok(claim, term)
  return claim
}

describe('describeMeaning on an mdoc', () => {
  it('maps the issuer-signed elements', () => {
    const credential = mdocCredential([
      ['full_name_unicode', '山田 花子'],
      ['birth_date', '1995-04-01'],
    ])
    assert.equal(termOf(credential, '/family_name').value, '山田')
    assert.equal(termOf(credential, '/birth_date').value, '1995-04-01')
  })

  it('a value only the device signs is the holder’s word: it is not mapped', () => {
    const credential = mdocCredential(
      [['full_name_unicode', '山田 花子']],
      [['birth_date', '1990-01-01']],
    )
    // The report shows what the device says, labelled as such; the crosswalk does not read it.
    assert.equal((credential.claims[NS] as Record<string, unknown>).birth_date, '1990-01-01')
    assert.equal(termOf(credential, '/family_name').value, '山田')
    const birthDate = termOf(credential, '/birth_date')
    assert.equal(birthDate.value, undefined)
    assert.notEqual(birthDate.outcome, 'mapped')
  })
})
