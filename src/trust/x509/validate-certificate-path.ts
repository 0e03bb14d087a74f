// Validates a JOSE `x5c` chain against a list of trust anchors: the function form of TrustAnchorSet.
import type { PathResult, PathValidationOptions, TrustAnchorInput } from './path-result.ts'
import { TrustAnchorSet } from './trust-anchor-set.ts'

export type {
  PathFailure,
  PathFailureCode,
  PathResult,
  PathSuccess,
  PathValidationOptions,
  TrustAnchorInput,
} from './path-result.ts'
export { TrustAnchorSet } from './trust-anchor-set.ts'

// One parsed set per anchor array: a registry snapshot hands out the same array until it changes,
// so its anchors are parsed once and its validated chains stay cached. Arrays are treated as
// immutable; a changed list must be a new array.
const sets = new WeakMap<ReadonlyArray<TrustAnchorInput>, TrustAnchorSet>()

/**
 * Validates `x5c` (DER, leaf first) to one of `anchors` at `options.atMs` (RFC 5280, through pkijs).
 * Never throws; failures carry `trust.chain_invalid`, `trust.anchor_unknown` or `trust.cert_expired`.
 */
export function validateCertificatePath(
  x5c: Uint8Array[],
  anchors: ReadonlyArray<TrustAnchorInput>,
  options: PathValidationOptions,
): Promise<PathResult> {
  let set = sets.get(anchors)
  if (set === undefined) {
    set = new TrustAnchorSet(anchors)
    sets.set(anchors, set)
  }
  return set.validate(x5c, options)
}
