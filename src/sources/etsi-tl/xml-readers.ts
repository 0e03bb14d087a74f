// The shared XML readers (src/lib/xml) as trusted lists use them: DOM access, and values refused with `tl.*` codes.
import { xmlValueReader } from '../../lib/xml/read-xml-values.ts'

export {
  attribute,
  child,
  childElements,
  children,
  hasOnlyWhitespaceText,
  isElement,
  isNamed,
  languageOf,
  pathOf,
} from '../../lib/xml/dom-access.ts'

export const {
  notConformant,
  requiredChild,
  textOf,
  readRequiredText,
  readInteger,
  readDateTime,
  readBase64,
  readMultilingual,
  readTextList,
} = xmlValueReader('tl')
