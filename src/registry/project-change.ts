// Applies one log entry's change to the registry tables: the only way registry state is written.
import type { AuthorisationStatus, Change } from '../model/index.ts'
import type { Queryable } from '../store/store.ts'

/** Where a change sits in the log: the projection records it as provenance and status history. */
export interface ChangePosition {
  seq: number
  recordedAt: string
}

const json = (value: unknown): string => JSON.stringify(value)

/** Writes `change` into the projection; referential checks have already passed. */
export async function projectChange(
  tx: Queryable,
  change: Change,
  at: ChangePosition,
): Promise<void> {
  switch (change.type) {
    case 'source.put': {
      const { source } = change
      await tx.query(
        `INSERT INTO sources (id, kind, data, log_seq) VALUES ($1, $2, $3::jsonb, $4)
         ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, data = EXCLUDED.data,
           log_seq = EXCLUDED.log_seq`,
        [source.id, source.kind, json(source), at.seq],
      )
      return
    }
    case 'source.imported':
      // The failure, if any, is over: the version imported now is the one in force.
      await tx.query(
        `UPDATE sources SET data = jsonb_set(data - 'lastFailure', '{current}', $2::jsonb),
           log_seq = $3 WHERE id = $1`,
        [change.sourceId, json(change.version), at.seq],
      )
      return
    case 'source.failed':
      await tx.query(
        `UPDATE sources SET data = jsonb_set(data, '{lastFailure}', $2::jsonb), log_seq = $3
         WHERE id = $1`,
        [change.sourceId, json(change.failure), at.seq],
      )
      return
    case 'framework.put': {
      const { framework } = change
      await tx.query(
        `INSERT INTO frameworks (id, jurisdiction, data, log_seq) VALUES ($1, $2, $3::jsonb, $4)
         ON CONFLICT (id) DO UPDATE SET jurisdiction = EXCLUDED.jurisdiction, data = EXCLUDED.data,
           log_seq = EXCLUDED.log_seq`,
        [framework.id, framework.jurisdiction, json(framework), at.seq],
      )
      return
    }
    case 'entity.put': {
      const { entity } = change
      await tx.query(
        `INSERT INTO entities (id, country, data, log_seq) VALUES ($1, $2, $3::jsonb, $4)
         ON CONFLICT (id) DO UPDATE SET country = EXCLUDED.country, data = EXCLUDED.data,
           log_seq = EXCLUDED.log_seq`,
        [entity.id, entity.country, json(entity), at.seq],
      )
      return
    }
    case 'entity.remove':
      await tx.query('DELETE FROM entities WHERE id = $1', [change.id])
      return
    case 'identity.put': {
      const { identity } = change
      await tx.query(
        `INSERT INTO identities (id, entity_id, kind, fingerprint, data, log_seq)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6)
         ON CONFLICT (id) DO UPDATE SET entity_id = EXCLUDED.entity_id, kind = EXCLUDED.kind,
           fingerprint = EXCLUDED.fingerprint, data = EXCLUDED.data, log_seq = EXCLUDED.log_seq`,
        [
          identity.id,
          identity.entityId,
          identity.kind,
          identity.fingerprint ?? null,
          json(identity),
          at.seq,
        ],
      )
      return
    }
    case 'identity.remove':
      await tx.query('DELETE FROM identities WHERE id = $1', [change.id])
      return
    case 'authorisation.put': {
      const { authorisation } = change
      const { rows } = await tx.query<{ status: AuthorisationStatus }>(
        'SELECT status FROM authorisations WHERE id = $1',
        [authorisation.id],
      )
      await tx.query(
        `INSERT INTO authorisations (id, entity_id, framework_id, role, status, data, log_seq)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)
         ON CONFLICT (id) DO UPDATE SET entity_id = EXCLUDED.entity_id,
           framework_id = EXCLUDED.framework_id, role = EXCLUDED.role, status = EXCLUDED.status,
           data = EXCLUDED.data, log_seq = EXCLUDED.log_seq`,
        [
          authorisation.id,
          authorisation.entityId,
          authorisation.frameworkId,
          authorisation.role,
          authorisation.status,
          json(authorisation),
          at.seq,
        ],
      )
      // The history records where the status began and every time it moved.
      if (rows[0]?.status !== authorisation.status) {
        await insertStatusEvent(tx, authorisation.id, authorisation.status, at.recordedAt, at.seq)
      }
      return
    }
    case 'authorisation.remove':
      await tx.query('DELETE FROM authorisations WHERE id = $1', [change.id])
      return
    case 'authorisation.status':
      await tx.query(
        `UPDATE authorisations SET status = $2,
           data = jsonb_set(data, '{status}', to_jsonb($2::text)), log_seq = $3
         WHERE id = $1`,
        [change.id, change.status, at.seq],
      )
      await insertStatusEvent(tx, change.id, change.status, change.at, at.seq)
      return
    case 'recognition.put': {
      const { rule } = change
      await tx.query(
        `INSERT INTO recognition_rules
           (id, recognising_framework_id, recognised_framework_id, data, log_seq)
         VALUES ($1, $2, $3, $4::jsonb, $5)
         ON CONFLICT (id) DO UPDATE SET
           recognising_framework_id = EXCLUDED.recognising_framework_id,
           recognised_framework_id = EXCLUDED.recognised_framework_id,
           data = EXCLUDED.data, log_seq = EXCLUDED.log_seq`,
        [rule.id, rule.recognisingFrameworkId, rule.recognisedFrameworkId, json(rule), at.seq],
      )
      return
    }
    case 'recognition.remove':
      await tx.query('DELETE FROM recognition_rules WHERE id = $1', [change.id])
      return
    default: {
      const unknown: never = change
      throw new TypeError(`unknown change type ${JSON.stringify(unknown)}`)
    }
  }
}

async function insertStatusEvent(
  tx: Queryable,
  authorisationId: string,
  status: AuthorisationStatus,
  at: string,
  seq: number,
): Promise<void> {
  await tx.query(
    `INSERT INTO authorisation_status_history (authorisation_id, log_seq, status, at)
     VALUES ($1, $2, $3, $4)`,
    [authorisationId, seq, status, at],
  )
}
