// The one way Kakehashi loads xadesjs: its XML layer (xml-core) needs a DOM, XPath and a WebCrypto engine registered first.
//
// xadesjs is XAdES over xmldsigjs; canonicalisation, digests and signature checks are theirs, run on
// Node's WebCrypto. Registering @xmldom/xmldom here makes the library work on the very DOM the
// list reader parsed, so the document that is verified is the document that is read.
import { webcrypto } from 'node:crypto'
import { createRequire } from 'node:module'
import { DOMImplementation, XMLSerializer } from '@xmldom/xmldom'
import * as xadesjs from 'xadesjs'
import { XmlDomParser } from '../../lib/xml/index.ts'

// Loaded without its type declarations on purpose: they reference the DOM library, which would
// then redefine globals such as Crypto for every module of the program. xml-core only needs the
// module object.
const xpath: unknown = createRequire(import.meta.url)('xpath')

xadesjs.Application.setEngine(
  'NodeJS',
  webcrypto as unknown as Parameters<typeof xadesjs.Application.setEngine>[1],
)
// xmldsigjs re-parses the document it verifies (and the output of some transforms) with the
// registered parser: it must read XML as the list reader does, line ends included.
xadesjs.setNodeDependencies({ DOMImplementation, DOMParser: XmlDomParser, XMLSerializer, xpath })

export { xadesjs }
