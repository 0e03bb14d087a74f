// Look-up indexes over one registry snapshot, built on first use and dropped with the snapshot.
import type { DigitalIdentity } from '../../model/index.ts'
import type { RegistrySnapshot } from '../registry-snapshot.ts'

export interface QueryIndex {
  /** Certificate identities (anchors and end-entity certificates) by SHA-256 of their DER. */
  byFingerprint: Map<string, DigitalIdentity[]>
  /** RFC 7638 thumbprints, as held. */
  byThumbprint: Map<string, DigitalIdentity[]>
  byDid: Map<string, DigitalIdentity[]>
}

const indexes = new WeakMap<RegistrySnapshot, QueryIndex>()

const add = (map: Map<string, DigitalIdentity[]>, key: string, identity: DigitalIdentity) => {
  const list = map.get(key)
  if (list === undefined) map.set(key, [identity])
  else list.push(identity)
}

/** Snapshots are immutable: a new log entry brings a new snapshot, and with it a new index. */
export function queryIndexFor(snapshot: RegistrySnapshot): QueryIndex {
  let index = indexes.get(snapshot)
  if (index === undefined) {
    index = { byFingerprint: new Map(), byThumbprint: new Map(), byDid: new Map() }
    // Identities are ordered by id, so every list is too: answers are stable.
    for (const identity of snapshot.identities) {
      if (identity.kind === 'did') add(index.byDid, identity.value, identity)
      else if (identity.kind === 'jwk.thumbprint') add(index.byThumbprint, identity.value, identity)
      else if (identity.fingerprint !== undefined)
        add(index.byFingerprint, identity.fingerprint, identity)
    }
    indexes.set(snapshot, index)
  }
  return index
}
