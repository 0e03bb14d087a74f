// Reads the `data:` URL (RFC 2397) that identifies an enveloped credential (VCDM 2.0 §5.12).

export interface DataUrl {
  /** The media type, lower-cased, without parameters: `application/vc+jwt`. */
  mediaType: string
  base64: boolean
  data: Uint8Array
}

const ASCII_WHITESPACE = /[\t\n\f\r ]/g
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

/**
 * `data:[<mediatype>][;base64],<data>`. Base64 content is decoded as the Fetch standard's data:
 * URL processor does (forgiving-base64: ASCII whitespace removed, then strict base64), which is
 * what the W3C test suite's enveloped COSE credentials need; other content is percent-decoded.
 * Undefined when the text is not such a URL.
 */
export function parseDataUrl(url: string): DataUrl | undefined {
  if (!url.startsWith('data:')) return undefined
  const comma = url.indexOf(',')
  if (comma < 0) return undefined
  const [type = '', ...parameters] = url.slice('data:'.length, comma).split(';')
  const base64 = parameters.length > 0 && parameters.at(-1)?.trim().toLowerCase() === 'base64'
  const content = url.slice(comma + 1)
  if (base64) {
    const text = content.replace(ASCII_WHITESPACE, '')
    if (text.length % 4 === 1 || !BASE64.test(text)) return undefined
    return {
      mediaType: type.trim().toLowerCase(),
      base64,
      data: new Uint8Array(Buffer.from(text, 'base64')),
    }
  }
  let decoded: string
  try {
    decoded = decodeURIComponent(content)
  } catch {
    return undefined
  }
  return {
    mediaType: type.trim().toLowerCase(),
    base64,
    data: new Uint8Array(Buffer.from(decoded, 'utf8')),
  }
}
