// Hostile XML is refused before parsing, each kind with its own code; ordinary XML passes unchanged.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseXmlDocument, readXmlDocument } from '../parse-xml-document.ts'
import { refuseHostileXml } from '../refuse-hostile-xml.ts'

const refusedWith = (code: string) => (error: unknown) => {
  assert.equal((error as { code?: string }).code, code, (error as Error).message)
  return true
}

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<lolz>&lol9;</lolz>`

const XXE = `<?xml version="1.0"?>
<!DOCTYPE TrustServiceStatusList [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<TrustServiceStatusList xmlns="http://uri.etsi.org/02231/v2#">&xxe;</TrustServiceStatusList>`

describe('refuseHostileXml', () => {
  it('returns ordinary XML unchanged, BOM removed', () => {
    const xml = '<?xml version="1.0" encoding="UTF-8"?><a x="1 > 0"><!-- <?no?> --><b/>t</a>'
    assert.equal(refuseHostileXml(xml, 'tl'), xml)
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml)])
    assert.equal(refuseHostileXml(bytes, 'tl'), xml)
  })

  it('refuses internal entities (billion laughs) and external ones (XXE)', () => {
    assert.throws(() => refuseHostileXml(BILLION_LAUGHS, 'tl'), refusedWith('tl.doctype_refused'))
    assert.throws(() => refuseHostileXml(XXE, 'tl'), refusedWith('tl.doctype_refused'))
    assert.throws(
      () => refuseHostileXml('<!DOCTYPE a><a/>', 'tl'),
      refusedWith('tl.doctype_refused'),
    )
    assert.throws(
      () => refuseHostileXml('<a><!ENTITY x "y"></a>', 'tl'),
      refusedWith('tl.doctype_refused'),
    )
  })

  it('reads what comments and CDATA hold as text, not markup', () => {
    const xml = '<a><![CDATA[<!DOCTYPE x><?pi?>]]><!-- <!DOCTYPE y> --></a>'
    assert.equal(refuseHostileXml(xml, 'tl'), xml)
  })

  it('refuses processing instructions other than the leading XML declaration', () => {
    for (const xml of [
      '<?xml-stylesheet href="x.xsl"?><a/>',
      '<a><?php echo 1 ?></a>',
      '<a/><?pi?>',
      ' <?xml version="1.0"?><a/>',
    ]) {
      assert.throws(() => refuseHostileXml(xml, 'tl'), refusedWith('tl.pi_refused'), xml)
    }
  })

  it('refuses input over the size limit, in bytes, before decoding', () => {
    assert.throws(
      () => refuseHostileXml(Buffer.alloc(2048, 0x20), 'tl', { maxBytes: 1024 }),
      refusedWith('tl.too_large'),
    )
    // 400 characters of three bytes each: 1,200 bytes.
    assert.throws(
      () => refuseHostileXml(`<a>${'試'.repeat(400)}</a>`, 'tl', { maxBytes: 1024 }),
      refusedWith('tl.too_large'),
    )
  })

  it('refuses nesting deeper than the limit, and accepts it at the limit', () => {
    const nested = (depth: number) => `${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}`
    assert.doesNotThrow(() => refuseHostileXml(nested(8), 'tl', { maxDepth: 8 }))
    assert.throws(
      () => refuseHostileXml(nested(9), 'tl', { maxDepth: 8 }),
      refusedWith('tl.too_deep'),
    )
    assert.throws(() => refuseHostileXml(nested(100_000), 'tl'), refusedWith('tl.too_deep'))
  })

  it('refuses more elements than the limit', () => {
    const wide = `<a>${'<b/>'.repeat(100)}</a>`
    assert.doesNotThrow(() => refuseHostileXml(wide, 'tl', { maxElements: 101 }))
    assert.throws(
      () => refuseHostileXml(wide, 'tl', { maxElements: 100 }),
      refusedWith('tl.too_many_elements'),
    )
  })

  it('refuses what is not UTF-8 XML', () => {
    assert.throws(
      () => refuseHostileXml(Buffer.from([0x3c, 0x61, 0xff, 0x3e]), 'tl'),
      refusedWith('tl.not_xml'),
    )
    assert.throws(
      () => refuseHostileXml(Buffer.from('<a/>', 'utf16le'), 'tl'),
      refusedWith('tl.not_xml'),
    )
    assert.throws(
      () => refuseHostileXml('<?xml version="1.0" encoding="ISO-8859-1"?><a/>', 'tl'),
      refusedWith('tl.not_xml'),
    )
    assert.throws(() => refuseHostileXml('', 'tl'), refusedWith('tl.not_xml'))
    assert.throws(() => refuseHostileXml('<a b="unterminated', 'tl'), refusedWith('tl.not_xml'))
  })
})

describe('readXmlDocument', () => {
  it('parses namespace-aware', () => {
    const document = readXmlDocument('<t:a xmlns:t="urn:t"><t:b/></t:a>', 'tl')
    assert.equal(document.documentElement?.namespaceURI, 'urn:t')
    assert.equal(document.documentElement?.localName, 'a')
  })

  it('refuses anything the parser reports, even a warning', () => {
    for (const xml of [
      '<a>',
      '<a></b>',
      '<a>&undefined;</a>',
      '<a/><b/>',
      '<p:a/>',
      '<a x="1" x="2"/>',
    ]) {
      assert.throws(() => readXmlDocument(xml, 'tl'), refusedWith('tl.not_xml'), xml)
    }
  })

  it('refuses a DOCTYPE or a processing instruction that reached the parser', () => {
    assert.throws(
      () => parseXmlDocument('<!DOCTYPE a><a/>', 'tl'),
      refusedWith('tl.doctype_refused'),
    )
    assert.throws(() => parseXmlDocument('<?pi?><a/>', 'tl'), refusedWith('tl.pi_refused'))
  })
})

describe('code families', () => {
  it('refuses in the family the caller names', () => {
    assert.throws(() => refuseHostileXml(XXE, 'lote'), refusedWith('lote.doctype_refused'))
    assert.throws(
      () => refuseHostileXml('<a/>', 'lote', { maxBytes: 3 }),
      refusedWith('lote.too_large'),
    )
    assert.throws(() => readXmlDocument('<a><b></a>', 'lote'), refusedWith('lote.not_xml'))
    assert.throws(() => parseXmlDocument('<?pi?><a/>', 'lote'), refusedWith('lote.pi_refused'))
  })
})
