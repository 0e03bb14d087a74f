// Imports a verified source version through the log: what changed is put, what is gone is removed.
import { KakehashiError } from '../errors.ts'
import { appendChanges } from '../log/append-changes.ts'
import { canonicalJson } from '../log/canonical-json.ts'
import {
  type Change,
  type LogEntry,
  type NormalisedSourceContent,
  type SourceContent,
  type SourceFailure,
  type SourceImport,
  type SourceState,
  zAuthorisation,
  zDigitalIdentity,
  zRecognitionRule,
  zSource,
  zTrustedEntity,
  zTrustFramework,
} from '../model/index.ts'
import type { Queryable, Store } from '../store/store.ts'
import type { Clock } from '../util/clock.ts'

export interface ImportSummary {
  sourceId: string
  /** Counts of the objects put and removed; zero everywhere when the content was unchanged. */
  put: number
  removed: number
  /** Log entries appended, the `source.imported` entry included. */
  entries: LogEntry[]
}

type ContentKey = keyof NormalisedSourceContent
const tables: Record<ContentKey, string> = {
  frameworks: 'frameworks',
  entities: 'entities',
  identities: 'identities',
  authorisations: 'authorisations',
  recognitionRules: 'recognition_rules',
}

/** Reads what the registry holds of `sourceId` now. */
export async function readSourceContent(
  q: Queryable,
  sourceId: string,
): Promise<NormalisedSourceContent> {
  const read = async <T>(table: string): Promise<T[]> =>
    (
      await q.query<{ data: T }>(
        // `table` is one of the fixed names above, never caller input.
        `SELECT data FROM ${table} WHERE data->>'sourceId' = $1 ORDER BY id`,
        [sourceId],
      )
    ).rows.map((row) => row.data)
  return {
    frameworks: await read(tables.frameworks),
    entities: await read(tables.entities),
    identities: await read(tables.identities),
    authorisations: await read(tables.authorisations),
    recognitionRules: await read(tables.recognitionRules),
  }
}

/**
 * The changes that turn `current` into `next`: puts in dependency order (frameworks, entities,
 * identities, authorisations, rules), then removals in reverse. Frameworks are never removed by
 * an import: other sources and rules may stand on them.
 */
export function planSourceChanges(
  current: NormalisedSourceContent,
  next: NormalisedSourceContent,
): Change[] {
  const changes: Change[] = []
  const differs = <K extends ContentKey>(key: K): NormalisedSourceContent[K] => {
    const before = new Map(current[key].map((o) => [o.id, canonicalJson(o)]))
    return next[key].filter(
      (o) => before.get(o.id) !== canonicalJson(o),
    ) as NormalisedSourceContent[K]
  }
  const gone = (key: ContentKey): string[] => {
    const kept = new Set(next[key].map((o) => o.id))
    return current[key].map((o) => o.id).filter((id) => !kept.has(id))
  }
  for (const framework of differs('frameworks')) changes.push({ type: 'framework.put', framework })
  for (const entity of differs('entities')) changes.push({ type: 'entity.put', entity })
  for (const identity of differs('identities')) changes.push({ type: 'identity.put', identity })
  for (const authorisation of differs('authorisations')) {
    changes.push({ type: 'authorisation.put', authorisation })
  }
  for (const rule of differs('recognitionRules')) changes.push({ type: 'recognition.put', rule })
  for (const id of gone('recognitionRules')) changes.push({ type: 'recognition.remove', id })
  for (const id of gone('authorisations')) changes.push({ type: 'authorisation.remove', id })
  for (const id of gone('identities')) changes.push({ type: 'identity.remove', id })
  for (const id of gone('entities')) changes.push({ type: 'entity.remove', id })
  return changes
}

/**
 * Records `imported` in the log as one batch: the source itself when it is new or changed, every
 * changed object, and a `source.imported` entry carrying the version's digest, sequence number and
 * signature status. All or nothing: a refused change leaves the registry as it was.
 */
export async function importSource(
  store: Store,
  imported: SourceImport,
  context: { actor: string; reason: string },
  clock: Clock,
): Promise<ImportSummary> {
  const source = zSource.parse(imported.source)
  const next = normaliseContent(source.id, imported.content)
  const existing = await store.transaction((tx) => readSourceState(tx, source.id))
  const current = await store.transaction((tx) => readSourceContent(tx, source.id))
  const objectChanges = planSourceChanges(current, next)
  const changes: Change[] = []
  if (existing === undefined || canonicalJson(stripState(existing)) !== canonicalJson(source)) {
    changes.push({ type: 'source.put', source })
  }
  changes.push(...objectChanges, {
    type: 'source.imported',
    sourceId: source.id,
    version: imported.version,
  })
  const entries = await appendChanges(store, changes, { ...context, sourceId: source.id }, clock)
  const removed = objectChanges.filter((c) => c.type.endsWith('.remove')).length
  return {
    sourceId: source.id,
    put: objectChanges.length - removed,
    removed,
    entries,
  }
}

/** Records a failed attempt; the version in force, if any, stays. Registers the source if new. */
export async function recordSourceFailure(
  store: Store,
  source: SourceImport['source'],
  failure: SourceFailure,
  context: { actor: string; reason: string },
  clock: Clock,
): Promise<LogEntry[]> {
  const parsed = zSource.parse(source)
  const existing = await store.transaction((tx) => readSourceState(tx, parsed.id))
  const changes: Change[] = []
  if (existing === undefined) changes.push({ type: 'source.put', source: parsed })
  changes.push({ type: 'source.failed', sourceId: parsed.id, failure })
  return appendChanges(store, changes, { ...context, sourceId: parsed.id }, clock)
}

export async function readSourceState(
  q: Queryable,
  sourceId: string,
): Promise<SourceState | undefined> {
  const { rows } = await q.query<{ data: SourceState }>('SELECT data FROM sources WHERE id = $1', [
    sourceId,
  ])
  return rows[0]?.data
}

const stripState = ({ current: _c, lastFailure: _f, ...source }: SourceState) => source

/** Applies the schemas' defaults, so equal content compares equal to what the projection holds. */
function normaliseContent(sourceId: string, content: SourceContent): NormalisedSourceContent {
  const normalised: NormalisedSourceContent = {
    frameworks: content.frameworks.map((o) => zTrustFramework.parse(o)),
    entities: content.entities.map((o) => zTrustedEntity.parse(o)),
    identities: content.identities.map((o) => zDigitalIdentity.parse(o)),
    authorisations: content.authorisations.map((o) => zAuthorisation.parse(o)),
    recognitionRules: content.recognitionRules.map((o) => zRecognitionRule.parse(o)),
  }
  for (const key of Object.keys(tables) as ContentKey[]) {
    const seen = new Set<string>()
    for (const object of normalised[key]) {
      if (object.sourceId !== sourceId) {
        throw new KakehashiError(
          'registry.change_invalid',
          `${key} ${object.id} does not belong to source ${sourceId}`,
          { sourceId, id: object.id },
        )
      }
      if (seen.has(object.id)) {
        throw new KakehashiError('registry.change_invalid', `${key} ${object.id} appears twice`, {
          sourceId,
          id: object.id,
        })
      }
      seen.add(object.id)
    }
  }
  return normalised
}
