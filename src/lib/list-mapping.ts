// What every list importer needs to map a list onto the registry: stable short ids, ordinals for repeats, names, countries.
//
// Ids of imported things derive from what identifies them in the list, never from positions, so a
// new version of a list changes only what it changed; these are the pieces of that rule the
// importers of trusted lists and of lists of trusted entities share.
import { createHash } from 'node:crypto'

/** The first 20 hex digits of the SHA-256 of `text`: the id part of a key. */
export const shortHash = (text: string): string =>
  createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 20)

/**
 * Lists repeat themselves (one entity entered twice, one service listed twice with the same type,
 * name and certificate): the second and later occurrences of a key take an ordinal, so ids stay
 * unique and still follow the list's own order.
 */
export class OrdinalKeys {
  readonly #seen = new Map<string, number>()

  take(key: string): string {
    const count = (this.#seen.get(key) ?? 0) + 1
    this.#seen.set(key, count)
    return count === 1 ? key : `${key}.${count}`
  }
}

/** The English value when the list has one, else the first; trimmed, undefined when empty. */
export function pickEnglishOrFirst(
  texts: readonly { lang: string; value: string }[],
): string | undefined {
  const english = texts.find((text) => text.lang.toLowerCase().startsWith('en'))
  return (english ?? texts[0])?.value.trim() || undefined
}

/** EU lists write Greece as EL and the United Kingdom as UK; the registry keeps ISO 3166-1. */
export function isoCountry(code: string): string {
  const upper = code.trim().toUpperCase()
  if (upper === 'EL') return 'GR'
  if (upper === 'UK') return 'GB'
  return /^[A-Z]{2}$/.test(upper) ? upper : 'ZZ'
}

/**
 * Adds a service's identities to an import, each once (a provider's services often share a
 * certificate), and returns their ids: the identities the service's authorisation is bound to.
 */
export function addIdentitiesOnce<T extends { id: string }>(
  into: T[],
  seen: Set<string>,
  identities: readonly T[],
): string[] {
  for (const identity of identities) {
    if (seen.has(identity.id)) continue
    seen.add(identity.id)
    into.push(identity)
  }
  return identities.map((identity) => identity.id)
}
