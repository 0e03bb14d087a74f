// Matches each returned data element to the digest the MSO signs for it (ISO/IEC 18013-5 §9.3.1).
import { hash } from 'node:crypto'
import { decodeScannedSequence } from '../../lib/cbor/index.ts'
import type { CheckList } from '../../report/check-list.ts'
import type { IssuerSignedItemBytes } from './decode-device-response.ts'
import { MdocError, mapOf, textOf, uintOf } from './mdoc-error.ts'
import { type MobileSecurityObject, mdocDigestAlgorithms } from './parse-mso.ts'

export interface IssuerSignedElement {
  nameSpace: string
  elementIdentifier: string
  /** The value as CBOR decoded it; the report form is made later. */
  elementValue: unknown
  digestID: number
}

/**
 * Every element must be covered: its digest recomputed over the `IssuerSignedItemBytes` exactly as
 * received equals the MSO's value for its namespace and DigestID. One mismatch fails the check;
 * the elements that did match are still returned, so the report can show what was altered.
 */
export function verifyValueDigests(
  nameSpaces: Map<string, IssuerSignedItemBytes[]>,
  mso: MobileSecurityObject,
  checks: CheckList,
): IssuerSignedElement[] | undefined {
  const algorithm = mdocDigestAlgorithms.get(mso.digestAlgorithm) as string
  const elements: IssuerSignedElement[] = []
  const failures: string[] = []
  let code: 'mdoc.digest_mismatch' | 'mdoc.digest_missing' | 'mdoc.element_duplicate' | undefined
  for (const [nameSpace, items] of nameSpaces) {
    const digests = mso.valueDigests.get(nameSpace)
    const seenIds = new Set<number>()
    const seenNames = new Set<string>()
    const values = decodeScannedSequence(items.map((item) => item.content))
    for (let i = 0; i < items.length; i++) {
      const item = items[i] as IssuerSignedItemBytes
      const decoded = mapOf(values[i], `an IssuerSignedItem of ${nameSpace}`)
      const digestID = uintOf(decoded.get('digestID'), 'digestID')
      const elementIdentifier = textOf(decoded.get('elementIdentifier'), 'elementIdentifier')
      if (!(decoded.get('random') instanceof Uint8Array))
        throw new MdocError(
          'input.parse',
          'mdoc.malformed',
          `${nameSpace}/${elementIdentifier} has no random salt`,
        )
      if (!decoded.has('elementValue'))
        throw new MdocError(
          'input.parse',
          'mdoc.malformed',
          `${nameSpace}/${elementIdentifier} has no elementValue`,
        )
      // The same DigestID or element twice would let a holder present two values for one claim.
      if (seenIds.has(digestID) || seenNames.has(elementIdentifier)) {
        code ??= 'mdoc.element_duplicate'
        failures.push(`${nameSpace}/${elementIdentifier} (DigestID ${digestID}) appears twice`)
        continue
      }
      seenIds.add(digestID)
      seenNames.add(elementIdentifier)
      const expected = digests?.get(digestID)
      if (expected === undefined) {
        code ??= 'mdoc.digest_missing'
        failures.push(`${nameSpace}/${elementIdentifier}: the MSO has no digest ${digestID}`)
        continue
      }
      // One-shot hashing: a Hash object per element cost more than the digest itself (measured).
      const actual = hash(algorithm, item.encoding, 'buffer')
      if (!actual.equals(expected)) {
        code ??= 'mdoc.digest_mismatch'
        failures.push(`${nameSpace}/${elementIdentifier}: digest ${digestID} does not match`)
        continue
      }
      elements.push({
        nameSpace,
        elementIdentifier,
        elementValue: decoded.get('elementValue'),
        digestID,
      })
    }
  }
  if (code !== undefined) {
    checks.fail('mdoc.digests', code, failures.join('; '), { failures })
    return undefined
  }
  checks.pass(
    'mdoc.digests',
    `${elements.length} data elements match their ${mso.digestAlgorithm} digests in the MSO`,
  )
  return elements
}
