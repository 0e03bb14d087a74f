// The registry objects an answer cites, each with the log position of the entry that last wrote it.
import type { TrustedEntity } from '../../model/index.ts'
import type { RegistrySnapshot } from '../registry-snapshot.ts'
import type { EntityEvidence, FrameworkEvidence } from './trust-query-types.ts'

export function entityEvidence(snapshot: RegistrySnapshot, entity: TrustedEntity): EntityEvidence {
  const evidence: EntityEvidence = { id: entity.id, names: entity.names, country: entity.country }
  const logSeq = snapshot.logPositions.entities.get(entity.id)
  if (logSeq !== undefined) evidence.logSeq = logSeq
  return evidence
}

export function frameworkEvidence(
  snapshot: RegistrySnapshot,
  frameworkId: string,
): FrameworkEvidence | undefined {
  const framework = snapshot.frameworks.get(frameworkId)
  if (framework === undefined) return undefined
  const evidence: FrameworkEvidence = {
    id: framework.id,
    name: framework.name,
    jurisdiction: framework.jurisdiction,
  }
  const logSeq = snapshot.logPositions.frameworks.get(framework.id)
  if (logSeq !== undefined) evidence.logSeq = logSeq
  return evidence
}

/** The earlier of two optional ISO times. */
export const earliest = (a: string | undefined, b: string | undefined): string | undefined =>
  a === undefined ? b : b === undefined ? a : Date.parse(a) <= Date.parse(b) ? a : b
