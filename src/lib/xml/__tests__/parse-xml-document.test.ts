// XML 1.0 end-of-line handling: CR LF and CR become LF, and NEL, LS and PS stay the characters they are.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { codePoints } from '../../../../test/support/code-points.ts'
import { parseXmlDocument } from '../parse-xml-document.ts'

describe('parseXmlDocument line ends', () => {
  it('turns CR LF and a lone CR into LF (XML 1.0 §2.11)', () => {
    const root = parseXmlDocument('<a>p\r\nq\rr</a>', 'tl').documentElement
    assert.equal(root?.textContent, 'p\nq\nr')
  })

  it('keeps NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR in text and attributes of XML 1.0', () => {
    for (const declaration of ['', '<?xml version="1.0" encoding="UTF-8"?>']) {
      const root = parseXmlDocument(
        `${declaration}<a b="x\u2028y\u0085z\u2029">p\u2028q\u0085r\u2029</a>`,
        'tl',
      ).documentElement
      assert.deepEqual(codePoints(root?.textContent), ['70', '2028', '71', '85', '72', '2029'])
      assert.deepEqual(codePoints(root?.getAttribute('b')), [
        '78',
        '2028',
        '79',
        '85',
        '7a',
        '2029',
      ])
    }
  })

  it('treats them as line ends in a document that declares XML 1.1', () => {
    const root = parseXmlDocument(
      '<?xml version="1.1"?><a>p\u2028q\u0085r</a>',
      'tl',
    ).documentElement
    assert.equal(root?.textContent, 'p\nq\nr')
  })
})
