// A signed trusted list changed at random: refused with a tl.* code, or read as the very same list, never a library error.
import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import fc from 'fast-check'
import { edits, editText, mutationSeed } from '../../../../test/support/mutations.ts'
import { KakehashiError } from '../../../errors.ts'
import { readTrustedList } from '../read-trusted-list.ts'
import { buildTrustedListXml, createTestSigner, signXml } from './list-fixtures.ts'

/** The characters of XML's syntax, and the line ends XML 1.0 and 1.1 disagree on. */
const xmlEdits = edits(fc.constantFrom(...'<>/="\' a&;#x:\n\u2028'))

describe('a mutated trusted list', () => {
  let signed: string
  before(async () => {
    signed = await signXml(
      buildTrustedListXml(),
      await createTestSigner('Test Scheme Operator', 'ecdsa'),
    )
  })

  it('is refused with its code, or read as the same list', async () => {
    const original = (await readTrustedList(signed)).list
    await fc.assert(
      fc.asyncProperty(xmlEdits, async (list) => {
        const mutated = editText(signed, list)
        let read: Awaited<ReturnType<typeof readTrustedList>>
        try {
          read = await readTrustedList(mutated)
        } catch (error) {
          assert.ok(error instanceof KakehashiError, `not a coded refusal: ${String(error)}`)
          assert.match(error.code, /^tl\./)
          return
        }
        // Only what XML and its canonicalisation do not see may change: white space in a tag,
        // before the root, or in the unsigned base64 of KeyInfo.
        assert.deepEqual(read.list, original)
      }),
      { numRuns: 80, seed: mutationSeed },
    )
  })
})
