// Registers a CA certificate as an entity's trust anchor, with the authorisation it backs.
import { createHash } from 'node:crypto'
import { KakehashiError } from '../errors.ts'
import { appendChanges } from '../log/append-changes.ts'
import type { AuthorisationRole, Change, LogEntry } from '../model/index.ts'
import type { Store } from '../store/store.ts'
import { fingerprintSha256 } from '../trust/x509/parse-certificate.ts'
import {
  BasicConstraintsExtension,
  KeyUsageFlags,
  KeyUsagesExtension,
  X509Certificate,
} from '../trust/x509/x509-library.ts'
import type { Clock } from '../util/clock.ts'

export interface AddTrustAnchorInput {
  frameworkId: string
  /** An existing or new entity; derived from `entityName` when absent. */
  entityId?: string
  entityName: string
  /** BCP 47 tag of `entityName`; `ja` when it is written in Japanese script, else `en`. */
  entityNameLang?: string
  /** ISO 3166-1 alpha-2 country of a new entity; by default the certificate subject's `C`. */
  country?: string
  /** Exactly one PEM certificate, a CA. */
  certPem: string
  credentialTypes: string[]
  role?: AuthorisationRole
  assuranceLevel?: string
  /** Defaults to the certificate's notBefore, or now if that lies ahead. */
  validFrom?: string
  actor: string
  reason: string
  sourceId?: string
}

const maxIdLength = 128

/** Parses and checks the certificate, then appends entity, identity and authorisation in one batch. */
export async function addTrustAnchor(
  store: Store,
  clock: Clock,
  input: AddTrustAnchorInput,
): Promise<LogEntry[]> {
  const nowMs = clock.now()
  const cert = parseCaCertificate(input.certPem, nowMs)
  const fingerprint = fingerprintSha256(new Uint8Array(cert.rawData))
  const entityId = input.entityId ?? entityIdFromName(input.entityName)
  const role = input.role ?? 'issuer'

  const framework = await store.query('SELECT 1 FROM frameworks WHERE id = $1', [input.frameworkId])
  if (framework.rows.length === 0) {
    throw new KakehashiError(
      'registry.change_invalid',
      `framework ${input.frameworkId} does not exist`,
      { frameworkId: input.frameworkId },
    )
  }
  const entity = await store.query('SELECT 1 FROM entities WHERE id = $1', [entityId])

  const changes: Change[] = []
  if (entity.rows.length === 0) {
    changes.push({
      type: 'entity.put',
      entity: {
        id: entityId,
        names: [
          { value: input.entityName, lang: input.entityNameLang ?? guessLang(input.entityName) },
        ],
        identifiers: [],
        country: input.country ?? countryOf(cert),
      },
    })
  }
  const short = fingerprint.slice(0, 16)
  changes.push({
    type: 'identity.put',
    identity: {
      id: boundedId([entityId, 'anchor', short]),
      entityId,
      kind: 'x509.trust_anchor',
      value: cert.toString('pem'),
      fingerprint,
    },
  })
  const notBeforeMs = cert.notBefore.getTime()
  changes.push({
    type: 'authorisation.put',
    authorisation: {
      id: boundedId([entityId, input.frameworkId, role, short]),
      entityId,
      frameworkId: input.frameworkId,
      role,
      credentialTypes: input.credentialTypes,
      ...(input.assuranceLevel === undefined ? {} : { assuranceLevel: input.assuranceLevel }),
      status: 'granted',
      validFrom: input.validFrom ?? new Date(Math.min(notBeforeMs, nowMs)).toISOString(),
      validUntil: cert.notAfter.toISOString(),
    },
  })
  return appendChanges(
    store,
    changes,
    {
      actor: input.actor,
      reason: input.reason,
      ...(input.sourceId === undefined ? {} : { sourceId: input.sourceId }),
    },
    clock,
  )
}

/** One PEM certificate that may sign others (RFC 5280 §4.2.1.9, §4.2.1.3) and has not expired. */
export function parseCaCertificate(pem: string, nowMs: number): X509Certificate {
  const blocks = [...pem.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g)]
  const labels = [...pem.matchAll(/-----BEGIN ([^-]*)-----/g)]
  const block = blocks[0]
  if (
    block === undefined ||
    blocks.length !== 1 ||
    labels.length !== 1 ||
    block[1] !== 'CERTIFICATE'
  ) {
    throw new KakehashiError(
      'input.invalid',
      `expected exactly one PEM CERTIFICATE block, found ${labels.length} PEM block(s)`,
    )
  }
  let cert: X509Certificate
  try {
    cert = new X509Certificate(block[0])
  } catch (error) {
    throw new KakehashiError(
      'input.invalid',
      `the PEM block is not an X.509 certificate: ${(error as Error).message}`,
      undefined,
      { cause: error },
    )
  }
  const constraints = cert.getExtension(BasicConstraintsExtension)
  if (constraints?.ca !== true) {
    throw new KakehashiError(
      'input.invalid',
      `certificate ${cert.subject} is not a CA (basicConstraints cA is not true)`,
    )
  }
  const keyUsage = cert.getExtension(KeyUsagesExtension)
  if (keyUsage !== null && (keyUsage.usages & KeyUsageFlags.keyCertSign) === 0) {
    throw new KakehashiError(
      'input.invalid',
      `certificate ${cert.subject} may not sign certificates (keyUsage lacks keyCertSign)`,
    )
  }
  if (cert.notAfter.getTime() <= nowMs) {
    throw new KakehashiError(
      'input.invalid',
      `certificate ${cert.subject} expired at ${cert.notAfter.toISOString()}`,
    )
  }
  return cert
}

/** A lower-case slug of the name; a name with no Latin letters or digits gets a hash-based id. */
export function entityIdFromName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '')
  if (slug !== '') return slug
  return `entity-${createHash('sha256').update(name, 'utf8').digest('hex').slice(0, 16)}`
}

const guessLang = (name: string): string =>
  /[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]/u.test(name) ? 'ja' : 'en'

/** Joins id parts with dots; an over-long result keeps its last part and hashes the rest. */
function boundedId(parts: string[]): string {
  const joined = parts.join('.')
  if (joined.length <= maxIdLength) return joined
  const last = parts[parts.length - 1] ?? ''
  const digest = createHash('sha256').update(joined, 'utf8').digest('hex').slice(0, 16)
  const head = (parts[0] ?? '').slice(0, maxIdLength - last.length - digest.length - 2)
  return `${head}.${digest}.${last}`
}

/** The subject's country (`C`), for an entity registered from its certificate alone. */
function countryOf(cert: X509Certificate): string {
  const country = cert.subjectName.getField('C')[0]?.toUpperCase()
  if (country === undefined || !/^[A-Z]{2}$/.test(country)) {
    throw new KakehashiError(
      'input.invalid',
      'the certificate subject names no country (C): give the entity country explicitly',
    )
  }
  return country
}
