// What a report says a credential means in the relying party's vocabulary: each term beside the credential's own.

/** One term of the relying party's vocabulary, as the crosswalk filled it. */
export interface MappedClaim {
  /** The target term (a JSON Pointer into the target vocabulary's document). */
  term: string
  label: { en: string; ja?: string }
  /**
   * `mapped`: a value; `absent`: the credential does not state the source term; `unmapped`: it
   * does, and this value has no counterpart (the reason says why); `impossible`: the crosswalk
   * declares that no mapping exists.
   */
  outcome: 'mapped' | 'absent' | 'unmapped' | 'impossible'
  value?: unknown
  exactness?: 'exact' | 'approximate'
  reason?: string
  /** Set when the value was made by a rule rather than stated (e.g. a romanisation), saying how. */
  derived?: string
  /** The credential's own terms and values the claim was read from. */
  source: { term: string; value?: unknown }[]
}

/**
 * The credential in the relying party's vocabulary, by the crosswalks named (a chain when the
 * credential's vocabulary reaches it through a shared one). It explains; it never decides: the
 * verdict is the trust checks' alone.
 */
export interface Meaning {
  vocabulary: { id: string; title: { en: string; ja?: string } }
  crosswalks: { id: string; version: string }[]
  claims: MappedClaim[]
}
