// Reads of the registry projection: lists and lookups by id; an unknown id is `registry.not_found`.
import { KakehashiError } from '../errors.ts'
import type {
  Authorisation,
  AuthorisationRole,
  AuthorisationStatus,
  AuthorisationStatusEvent,
  DigitalIdentity,
  RecognitionRule,
  SourceState,
  TrustedEntity,
  TrustFramework,
} from '../model/index.ts'
import type { Queryable } from '../store/store.ts'

export interface AuthorisationRecord extends Authorisation {
  /** Every status the authorisation has had, oldest first, each with the log entry that set it. */
  statusHistory: AuthorisationStatusEvent[]
}

export interface EntityRecord extends TrustedEntity {
  identities: DigitalIdentity[]
  authorisations: AuthorisationRecord[]
}

type Filter = Array<[column: string, value: string | undefined]>

/** `SELECT data FROM table [WHERE …] ORDER BY id`; columns are fixed names, values are parameters. */
async function selectData<T>(q: Queryable, table: string, filter: Filter = []): Promise<T[]> {
  const params: string[] = []
  const conditions: string[] = []
  for (const [column, value] of filter) {
    if (value === undefined) continue
    params.push(value)
    conditions.push(`${column} = $${params.length}`)
  }
  const where = conditions.length === 0 ? '' : ` WHERE ${conditions.join(' AND ')}`
  const { rows } = await q.query<{ data: T }>(
    `SELECT data FROM ${table}${where} ORDER BY id`,
    params,
  )
  return rows.map((row) => row.data)
}

async function selectOne<T>(q: Queryable, table: string, id: string, what: string): Promise<T> {
  const [found] = await selectData<T>(q, table, [['id', id]])
  if (found === undefined) {
    throw new KakehashiError('registry.not_found', `${what} ${id} is not in the registry`, {
      kind: what,
      id,
    })
  }
  return found
}

export const listFrameworks = (q: Queryable): Promise<TrustFramework[]> =>
  selectData(q, 'frameworks')

export const getFramework = (q: Queryable, id: string): Promise<TrustFramework> =>
  selectOne(q, 'frameworks', id, 'framework')

export const listSources = (q: Queryable): Promise<SourceState[]> => selectData(q, 'sources')

export const getSource = (q: Queryable, id: string): Promise<SourceState> =>
  selectOne(q, 'sources', id, 'source')

export const listEntities = (
  q: Queryable,
  filter: { country?: string } = {},
): Promise<TrustedEntity[]> => selectData(q, 'entities', [['country', filter.country]])

/** The entity with its identities and its authorisations (with their status history). */
export async function getEntity(q: Queryable, id: string): Promise<EntityRecord> {
  const entity = await selectOne<TrustedEntity>(q, 'entities', id, 'entity')
  const identities = await listIdentities(q, { entityId: id })
  const authorisations = await listAuthorisations(q, { entityId: id })
  return { ...entity, identities, authorisations }
}

export const listIdentities = (
  q: Queryable,
  filter: { entityId?: string; kind?: DigitalIdentity['kind']; fingerprint?: string } = {},
): Promise<DigitalIdentity[]> =>
  selectData(q, 'identities', [
    ['entity_id', filter.entityId],
    ['kind', filter.kind],
    ['fingerprint', filter.fingerprint],
  ])

export const getIdentity = (q: Queryable, id: string): Promise<DigitalIdentity> =>
  selectOne(q, 'identities', id, 'identity')

export async function listAuthorisations(
  q: Queryable,
  filter: {
    entityId?: string
    frameworkId?: string
    role?: AuthorisationRole
    status?: AuthorisationStatus
  } = {},
): Promise<AuthorisationRecord[]> {
  const authorisations = await selectData<Authorisation>(q, 'authorisations', [
    ['entity_id', filter.entityId],
    ['framework_id', filter.frameworkId],
    ['role', filter.role],
    ['status', filter.status],
  ])
  return withHistory(q, authorisations)
}

export async function getAuthorisation(q: Queryable, id: string): Promise<AuthorisationRecord> {
  const authorisation = await selectOne<Authorisation>(q, 'authorisations', id, 'authorisation')
  const [record] = await withHistory(q, [authorisation])
  return record as AuthorisationRecord
}

/** The status history of the given authorisations, in one query. */
async function withHistory(
  q: Queryable,
  authorisations: Authorisation[],
): Promise<AuthorisationRecord[]> {
  if (authorisations.length === 0) return []
  const { rows } = await q.query<{
    authorisation_id: string
    log_seq: number | string
    status: AuthorisationStatus
    at: string
  }>(
    `SELECT authorisation_id, log_seq, status, at FROM authorisation_status_history
     WHERE authorisation_id = ANY($1::text[]) ORDER BY log_seq`,
    [authorisations.map((a) => a.id)],
  )
  const history = new Map<string, AuthorisationStatusEvent[]>()
  for (const row of rows) {
    const events = history.get(row.authorisation_id) ?? []
    events.push({ status: row.status, at: row.at, logSeq: Number(row.log_seq) })
    history.set(row.authorisation_id, events)
  }
  return authorisations.map((a) => ({ ...a, statusHistory: history.get(a.id) ?? [] }))
}

export const listRecognitionRules = (
  q: Queryable,
  filter: { recognisingFrameworkId?: string; recognisedFrameworkId?: string } = {},
): Promise<RecognitionRule[]> =>
  selectData(q, 'recognition_rules', [
    ['recognising_framework_id', filter.recognisingFrameworkId],
    ['recognised_framework_id', filter.recognisedFrameworkId],
  ])

export const getRecognitionRule = (q: Queryable, id: string): Promise<RecognitionRule> =>
  selectOne(q, 'recognition_rules', id, 'recognition rule')
