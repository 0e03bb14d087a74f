// Turns a data element's CBOR value into what a report shows: dates as ISO 8601 text, images as data URIs.
import { isCborTag } from '../../lib/cbor/index.ts'
import { isoTime } from '../../lib/iso-time.ts'

/** Image formats ISO/IEC 18013-5 allows for portraits (JPEG, JPEG 2000), and PNG, by their magic bytes. */
function imageMediaType(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg'
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47)
    return 'image/png'
  // JPEG 2000: the JP2 signature box, or a bare codestream (SOC + SIZ markers).
  if (bytes[4] === 0x6a && bytes[5] === 0x50 && bytes[6] === 0x20 && bytes[7] === 0x20)
    return 'image/jp2'
  if (bytes[0] === 0xff && bytes[1] === 0x4f && bytes[2] === 0xff && bytes[3] === 0x51)
    return 'image/j2c'
  return undefined
}

const FULL_DATE = 1004

/** Seconds precision is all a tdate carries (§7.2.1); milliseconds would suggest otherwise. */
export function tdateText(date: Date): string {
  const ms = date.getTime()
  if (Number.isNaN(ms)) return 'invalid date'
  const text = isoTime(ms)
  return text.endsWith('.000Z') ? `${text.slice(0, -5)}Z` : text
}

/**
 * The report form of an element value. Byte strings that are images become `data:` URIs, other
 * byte strings `{ base64url }`; `full-date` (tag 1004) stays its text; maps become objects.
 */
export function elementValueForReport(value: unknown): unknown {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'bigint')
      return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString()
    return value
  }
  if (value instanceof Date) return tdateText(value)
  if (value instanceof Uint8Array) {
    const base64 = Buffer.from(value.buffer, value.byteOffset, value.byteLength)
    const mediaType = imageMediaType(value)
    return mediaType !== undefined
      ? `data:${mediaType};base64,${base64.toString('base64')}`
      : { base64url: base64.toString('base64url') }
  }
  if (Array.isArray(value)) return value.map(elementValueForReport)
  if (value instanceof Map) {
    const object: Record<string, unknown> = {}
    for (const [key, member] of value) object[String(key)] = elementValueForReport(member)
    return object
  }
  if (isCborTag(value, FULL_DATE) && typeof value.value === 'string') return value.value
  const tagged = value as { tag?: unknown; value?: unknown }
  if (typeof tagged.tag === 'number')
    return { tag: tagged.tag, value: elementValueForReport(tagged.value) }
  return String(value)
}
