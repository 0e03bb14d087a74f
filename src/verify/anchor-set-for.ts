// The registry's trust anchors as a parsed TrustAnchorSet, built once per registry snapshot.
import type { RegistrySnapshot } from '../registry/registry-snapshot.ts'
import { decodePemCertificates } from '../trust/x509/parse-certificate.ts'
import { TrustAnchorSet } from '../trust/x509/trust-anchor-set.ts'

const anchorSets = new WeakMap<RegistrySnapshot, TrustAnchorSet>()

/** Snapshots are immutable, so the set (and the path cache inside it) lives exactly as long as one. */
export function anchorSetFor(snapshot: RegistrySnapshot): TrustAnchorSet {
  let set = anchorSets.get(snapshot)
  if (set === undefined) {
    set = new TrustAnchorSet(
      snapshot.trustAnchors.flatMap((identity) =>
        decodePemCertificates(identity.value)
          .slice(0, 1)
          .map((der) => ({ id: identity.id, der })),
      ),
    )
    anchorSets.set(snapshot, set)
  }
  return set
}
