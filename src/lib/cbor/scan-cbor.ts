// Checks that bytes are exactly one well-formed CBOR item within explicit limits, before any decoder sees them.
import { KakehashiError } from '../../errors.ts'

export interface CborLimits {
  /** Deepest nesting of arrays, maps and tags, counting into embedded (tag 24) items. */
  maxDepth: number
  /** Most data items in the whole input, embedded items included. */
  maxItems: number
}

export const defaultCborLimits: CborLimits = { maxDepth: 32, maxItems: 50_000 }

export class CborError extends KakehashiError {
  constructor(
    code: 'cbor.malformed' | 'cbor.limit_exceeded' | 'cbor.duplicate_key',
    message: string,
    offset: number,
  ) {
    super(code, `${message} (at byte ${offset})`, { offset })
    this.name = 'CborError'
  }
}

const BREAK = 0xff
/** Tag 24: "encoded CBOR data item" (RFC 8949 §3.4.5.1); its content is scanned as CBOR too. */
const EMBEDDED_CBOR = 24

/**
 * The tags the formats read here use, and no others: 0 and 1 (date-times, RFC 8949 §3.4.1–2),
 * 2 and 3 (bignums, §3.4.3: a VICAL's certificate serial numbers), 24 (embedded CBOR), 16–18
 * and 96–98 (COSE messages, RFC 9052 §2), 61 (CWT, RFC 8392 §6), 100 and 1004 (dates, RFC 8943). cbor-x gives many other tags a meaning of its own when it decodes
 * them (packed values, shared references, typed arrays, sets, "generic objects" built by name),
 * none of which a credential needs, so any other tag is refused before the decoder sees it.
 */
const ALLOWED_TAGS: ReadonlySet<number> = new Set([
  0, 1, 2, 3, 16, 17, 18, 24, 61, 96, 97, 98, 100, 1004,
])

/** Maps up to this size compare keys byte for byte; larger ones index them as strings. */
const SMALL_MAP = 32

/**
 * The keys of one map, by their encoded bytes: two keys are the same key exactly when their
 * encodings are equal (RFC 8949 §5.6 with preferred serialization). Small maps, nearly all of an
 * mdoc, are checked without allocating; this walk is on the verification hot path.
 */
class MapKeys {
  private readonly ranges: number[] = []
  private index?: Set<string>
  constructor(private readonly bytes: Uint8Array) {}

  add(start: number, end: number): void {
    const { ranges, bytes } = this
    if (this.index === undefined && ranges.length < SMALL_MAP * 2) {
      const length = end - start
      for (let k = 0; k < ranges.length; k += 2) {
        const other = ranges[k] as number
        if ((ranges[k + 1] as number) - other !== length) continue
        let same = true
        for (let b = 0; b < length; b++) {
          if (bytes[other + b] !== bytes[start + b]) {
            same = false
            break
          }
        }
        if (same) throw new CborError('cbor.duplicate_key', 'duplicate map key', start)
      }
      ranges.push(start, end)
      return
    }
    const text = (from: number, to: number) =>
      Buffer.from(bytes.buffer, bytes.byteOffset + from, to - from).toString('latin1')
    if (this.index === undefined) {
      this.index = new Set()
      for (let k = 0; k < ranges.length; k += 2)
        this.index.add(text(ranges[k] as number, ranges[k + 1] as number))
    }
    const key = text(start, end)
    if (this.index.has(key)) throw new CborError('cbor.duplicate_key', 'duplicate map key', start)
    this.index.add(key)
  }
}

/**
 * A recursive-descent walk over the encoding, bounded by `maxDepth`, so the recursion itself is
 * bounded. Every declared length is checked against the bytes that remain, so no length can make
 * a decoder allocate more than the input holds, and indefinite-length items count against the same
 * item and depth limits as definite ones. Duplicate map keys are refused: RFC 8949 §5.6 leaves
 * their meaning to the decoder, and cbor-x silently keeps the last one.
 */
class Scanner {
  private items = 0
  constructor(
    private readonly bytes: Uint8Array,
    private readonly limits: CborLimits,
    private pos = 0,
    private readonly embedded?: Map<number, number>,
  ) {}

  scanOne(end: number, depth: number): void {
    if (++this.items > this.limits.maxItems)
      throw new CborError(
        'cbor.limit_exceeded',
        `more than ${this.limits.maxItems} CBOR items`,
        this.pos,
      )
    if (this.pos >= end) throw new CborError('cbor.malformed', 'truncated CBOR', this.pos)
    const start = this.pos
    const initial = this.bytes[this.pos++] as number
    const major = initial >> 5
    const info = initial & 0x1f
    if (info === 31) {
      this.scanIndefinite(major, end, depth, start)
      return
    }
    const argument = this.readArgument(info, end, start)
    switch (major) {
      case 0:
      case 1:
        return
      case 2:
      case 3:
        this.skip(argument, end, start)
        return
      case 4:
        this.enter(depth, start)
        this.checkCount(argument, end, start)
        for (let i = 0; i < argument; i++) this.scanOne(end, depth + 1)
        return
      case 5:
        this.enter(depth, start)
        this.checkCount(argument * 2, end, start)
        this.scanMapEntries(argument, end, depth)
        return
      case 6:
        if (!ALLOWED_TAGS.has(argument))
          throw new CborError(
            'cbor.malformed',
            `tag ${argument} is not one a credential uses`,
            start,
          )
        this.enter(depth, start)
        if (argument === EMBEDDED_CBOR) this.scanEmbedded(end, depth, start)
        else this.scanOne(end, depth + 1)
        return
      default:
        // Major type 7: simple values and floats; 24 must carry a value of 32 or more (§3.3).
        if (info === 24 && argument < 32)
          throw new CborError('cbor.malformed', 'simple value not well-formed', start)
        if (info < 28) return
        throw new CborError('cbor.malformed', 'reserved or unexpected break code', start)
    }
  }

  private scanMapEntries(count: number, end: number, depth: number): void {
    const keys = count > 1 ? new MapKeys(this.bytes) : undefined
    for (let i = 0; i < count; i++) {
      const keyStart = this.pos
      this.scanOne(end, depth + 1)
      keys?.add(keyStart, this.pos)
      this.scanOne(end, depth + 1)
    }
  }

  private scanEmbedded(end: number, depth: number, tagStart: number): void {
    const start = this.pos
    const initial = this.bytes[this.pos++]
    if (initial === undefined || initial >> 5 !== 2 || (initial & 0x1f) === 31)
      throw new CborError(
        'cbor.malformed',
        'tag 24 must enclose a definite-length byte string',
        start,
      )
    this.items++
    const length = this.readArgument(initial & 0x1f, end, start)
    const innerStart = this.pos
    this.skip(length, end, start)
    this.embedded?.set(innerStart, tagStart)
    const inner = new Scanner(this.bytes, this.limits, innerStart, this.embedded)
    inner.items = this.items
    inner.scanOne(innerStart + length, depth + 1)
    if (inner.pos !== innerStart + length)
      throw new CborError(
        'cbor.malformed',
        'tag 24 content is not exactly one CBOR item',
        inner.pos,
      )
    this.items = inner.items
  }

  private scanIndefinite(major: number, end: number, depth: number, start: number): void {
    if (major === 2 || major === 3) {
      // Chunks must be definite-length strings of the same major type (§3.2.3).
      while (this.peekBreak(end, start) === false) {
        const chunkStart = this.pos
        const chunk = this.bytes[this.pos++] as number
        if (chunk >> 5 !== major || (chunk & 0x1f) === 31)
          throw new CborError(
            'cbor.malformed',
            'bad chunk in an indefinite-length string',
            chunkStart,
          )
        if (++this.items > this.limits.maxItems)
          throw new CborError(
            'cbor.limit_exceeded',
            `more than ${this.limits.maxItems} CBOR items`,
            chunkStart,
          )
        this.skip(this.readArgument(chunk & 0x1f, end, chunkStart), end, chunkStart)
      }
      return
    }
    if (major !== 4 && major !== 5)
      throw new CborError('cbor.malformed', 'indefinite length on a type that has none', start)
    this.enter(depth, start)
    const keys = major === 5 ? new MapKeys(this.bytes) : undefined
    while (this.peekBreak(end, start) === false) {
      const keyStart = this.pos
      this.scanOne(end, depth + 1)
      if (keys !== undefined) {
        keys.add(keyStart, this.pos)
        this.scanOne(end, depth + 1)
      }
    }
  }

  /** True (and consumes it) when the next byte is a break; false when another item follows. */
  private peekBreak(end: number, start: number): boolean {
    if (this.pos >= end)
      throw new CborError('cbor.malformed', 'indefinite-length item never ends', start)
    if (this.bytes[this.pos] !== BREAK) return false
    this.pos++
    return true
  }

  private readArgument(info: number, end: number, start: number): number {
    if (info < 24) return info
    const size = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : 0
    if (size === 0) throw new CborError('cbor.malformed', 'reserved additional information', start)
    if (this.pos + size > end) throw new CborError('cbor.malformed', 'truncated CBOR', start)
    let value = 0
    for (let i = 0; i < size; i++) value = value * 256 + (this.bytes[this.pos + i] as number)
    this.pos += size
    // Beyond 2^53 a value is still well-formed, but only integers and tags may be that large.
    return value
  }

  private skip(length: number, end: number, start: number): void {
    if (length > end - this.pos)
      throw new CborError('cbor.malformed', 'length beyond the end of the input', start)
    this.pos += length
  }

  /** Each item takes at least one byte, so a count larger than what remains is a lie. */
  private checkCount(count: number, end: number, start: number): void {
    if (count > end - this.pos)
      throw new CborError('cbor.malformed', 'count beyond the end of the input', start)
  }

  private enter(depth: number, start: number): void {
    if (depth + 1 > this.limits.maxDepth)
      throw new CborError(
        'cbor.limit_exceeded',
        `CBOR nested deeper than ${this.limits.maxDepth}`,
        start,
      )
  }

  get position(): number {
    return this.pos
  }
}

/**
 * Throws a `CborError` unless `bytes` is exactly one well-formed CBOR item within `limits`. With
 * `embedded`, records for each tag-24 item where its content starts and where the tag starts.
 */
export function scanCbor(
  bytes: Uint8Array,
  limits: CborLimits = defaultCborLimits,
  embedded?: Map<number, number>,
): void {
  const scanner = new Scanner(bytes, limits, 0, embedded)
  scanner.scanOne(bytes.length, 0)
  if (scanner.position !== bytes.length)
    throw new CborError('cbor.malformed', 'bytes after the CBOR item', scanner.position)
}
