// Enters the sandbox ecosystems into the registry, through the log, at first start (and after key loss).

import { appendChanges } from '../log/append-changes.ts'
import type { Change, LogEntry } from '../model/index.ts'
import type { RegistrySnapshot } from '../registry/registry-snapshot.ts'
import type { Store } from '../store/store.ts'
import { decodePemCertificates, fingerprintSha256 } from '../trust/x509/parse-certificate.ts'
import type { Clock } from '../util/clock.ts'
import {
  sandboxCredentialTypes,
  sandboxFrameworks,
  sandboxIssuers,
  sandboxRecognitionRules,
} from './sandbox-ecosystems.ts'
import type { SandboxKeyring } from './sandbox-keyring.ts'
import type { SandboxKeys } from './sandbox-keystore.ts'

export const SANDBOX_SOURCE_ID = 'sandbox'

const derFingerprint = (pem: string): string =>
  fingerprintSha256(decodePemCertificates(pem)[0] ?? new Uint8Array())

/**
 * The university's did:key (Data Integrity) and did:jwk (JOSE) as `did` identities of its entity:
 * the DID that controls a credential's verification method is what ties it to the registry.
 * Re-entered when the keys changed (a new data directory for an old database).
 */
function didIdentityChanges(
  snapshot: RegistrySnapshot,
  entityId: string,
  keys: SandboxKeys,
): Change[] {
  if (keys.w3c === undefined) return []
  const changes: Change[] = []
  for (const [suffix, did] of [
    ['did-key', keys.w3c.didKey],
    ['did-jwk', keys.w3c.didJwk],
  ] as const) {
    const id = `${entityId}.${suffix}`
    const current = snapshot.identities.find((identity) => identity.id === id)
    if (current?.value !== did)
      changes.push({ type: 'identity.put', identity: { id, entityId, kind: 'did', value: did } })
  }
  return changes
}

/** The changes that bring the registry in line with the sandbox definitions and keys; none if it is. */
export function sandboxChanges(
  snapshot: RegistrySnapshot,
  keyring: SandboxKeyring,
  nowIso: string,
): Change[] {
  const changes: Change[] = []
  const firstStart = !sandboxIssuers.some((issuer) => snapshot.entities.has(issuer.entityId))
  if (firstStart) {
    changes.push({
      type: 'source.put',
      source: {
        id: SANDBOX_SOURCE_ID,
        kind: 'sandbox',
        description:
          'Sandbox EU and Japanese ecosystems for demonstration and testing; no legal effect',
      },
    })
  }
  for (const framework of sandboxFrameworks) {
    if (!snapshot.frameworks.has(framework.id)) changes.push({ type: 'framework.put', framework })
  }
  for (const issuer of sandboxIssuers) {
    if (!snapshot.entities.has(issuer.entityId)) {
      changes.push({
        type: 'entity.put',
        entity: {
          id: issuer.entityId,
          names: issuer.names,
          identifiers: [{ scheme: 'uri', value: issuer.iss }],
          country: issuer.seat,
        },
      })
    }
    const keys = keyring.get(issuer.id)
    const anchorId = `${issuer.entityId}.anchor`
    const fingerprint = derFingerprint(keys.caCertPem)
    const current = snapshot.trustAnchors.find((identity) => identity.id === anchorId)
    if (current?.fingerprint !== fingerprint) {
      changes.push({
        type: 'identity.put',
        identity: {
          id: anchorId,
          entityId: issuer.entityId,
          kind: 'x509.trust_anchor',
          value: keys.caCertPem,
          fingerprint,
        },
      })
    }
    changes.push(...didIdentityChanges(snapshot, issuer.entityId, keys))
    const authorisationId = `${issuer.entityId}.issuer`
    const credentialTypes = sandboxCredentialTypes(issuer)
    const held = (snapshot.authorisationsByEntity.get(issuer.entityId) ?? []).find(
      (a) => a.id === authorisationId,
    )
    if (held === undefined) {
      changes.push({
        type: 'authorisation.put',
        authorisation: {
          id: authorisationId,
          entityId: issuer.entityId,
          frameworkId: issuer.frameworkId,
          role: 'issuer',
          credentialTypes,
          assuranceLevel: issuer.assuranceLevel,
          status: 'granted',
          validFrom: nowIso,
        },
      })
    } else if (credentialTypes.some((type) => !held.credentialTypes.includes(type))) {
      // A registry seeded before the issuer had an mdoc or W3C credentials: its authorisation
      // grows to cover them.
      const types = [...new Set([...held.credentialTypes, ...credentialTypes])]
      changes.push({
        type: 'authorisation.put',
        authorisation: { ...held, credentialTypes: types },
      })
    }
  }
  for (const rule of sandboxRecognitionRules) {
    const held = snapshot.recognitionRules.find((r) => r.id === rule.id)
    if (held === undefined) changes.push({ type: 'recognition.put', rule })
    else if (rule.credentialTypes.some((type) => !held.credentialTypes.includes(type))) {
      // A registry seeded before the W3C credentials: the rule grows to cover their types.
      const types = [...new Set([...held.credentialTypes, ...rule.credentialTypes])]
      changes.push({ type: 'recognition.put', rule: { ...held, credentialTypes: types } })
    }
  }
  return changes
}

export async function seedSandbox(
  store: Store,
  snapshot: RegistrySnapshot,
  keyring: SandboxKeyring,
  clock: Clock,
): Promise<LogEntry[]> {
  const changes = sandboxChanges(snapshot, keyring, new Date(clock.now()).toISOString())
  if (changes.length === 0) return []
  return appendChanges(
    store,
    changes,
    {
      actor: 'sandbox',
      reason:
        snapshot.checkpoint.size === 0
          ? 'Sandbox ecosystems created at first start'
          : 'Sandbox ecosystems brought up to date (new keys or definitions)',
      sourceId: SANDBOX_SOURCE_ID,
    },
    clock,
  )
}
