// Referential integrity of changes against the projection, as it stands inside the append transaction.
import type { Change } from '../model/index.ts'
import type { Queryable } from '../store/store.ts'

export type RegistryTable =
  | 'sources'
  | 'frameworks'
  | 'entities'
  | 'identities'
  | 'authorisations'
  | 'recognition_rules'

/**
 * Checks one change at a time, in log order, so a change may refer to what an earlier change of
 * the same batch created. Answers are remembered: the append holds the log head lock, so nothing
 * else writes the projection meanwhile.
 */
export class ReferenceChecker {
  readonly #tx: Queryable
  readonly #known = new Map<RegistryTable, Map<string, boolean>>()

  constructor(tx: Queryable) {
    this.#tx = tx
  }

  /** The problems that keep `change` out of the log; empty when it may go in. */
  async problems(change: Change): Promise<string[]> {
    const problems: string[] = []
    const need = async (table: RegistryTable, id: string, what: string): Promise<void> => {
      if (!(await this.exists(table, id))) problems.push(`${what} ${id} does not exist`)
    }
    switch (change.type) {
      case 'source.put':
      case 'framework.put':
      case 'entity.put':
        break
      case 'source.imported':
      case 'source.failed':
        await need('sources', change.sourceId, 'source')
        break
      case 'entity.remove': {
        await need('entities', change.id, 'entity')
        const users = await this.#referencesTo(change.id)
        if (users > 0) problems.push(`entity ${change.id} is still referred to ${users} time(s)`)
        break
      }
      case 'authorisation.remove':
        await need('authorisations', change.id, 'authorisation')
        break
      case 'identity.put':
        await need('entities', change.identity.entityId, 'entity')
        break
      case 'identity.remove':
        await need('identities', change.id, 'identity')
        break
      case 'authorisation.put': {
        const a = change.authorisation
        await need('entities', a.entityId, 'entity')
        await need('frameworks', a.frameworkId, 'framework')
        if (a.validUntil !== undefined && Date.parse(a.validUntil) < Date.parse(a.validFrom)) {
          problems.push(`authorisation ${a.id} ends (${a.validUntil}) before it starts`)
        }
        break
      }
      case 'authorisation.status':
        await need('authorisations', change.id, 'authorisation')
        break
      case 'recognition.put': {
        const { rule } = change
        if (rule.recognisingFrameworkId === rule.recognisedFrameworkId) {
          problems.push(`recognition rule ${rule.id} has the same framework on both sides`)
        }
        await need('frameworks', rule.recognisingFrameworkId, 'framework')
        await need('frameworks', rule.recognisedFrameworkId, 'framework')
        if (
          rule.validUntil !== undefined &&
          Date.parse(rule.validUntil) < Date.parse(rule.validFrom)
        ) {
          problems.push(`recognition rule ${rule.id} ends (${rule.validUntil}) before it starts`)
        }
        break
      }
      case 'recognition.remove':
        await need('recognition_rules', change.id, 'recognition rule')
        break
    }
    return problems
  }

  /** Records what an applied change created or removed. */
  applied(change: Change): void {
    const [table, id, present] = effectOf(change)
    if (table !== undefined) this.#table(table).set(id, present)
  }

  /** Identities and authorisations of an entity, as the projection holds them inside the batch. */
  async #referencesTo(entityId: string): Promise<number> {
    const { rows } = await this.#tx.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM identities WHERE entity_id = $1)::int
            + (SELECT count(*) FROM authorisations WHERE entity_id = $1)::int AS n`,
      [entityId],
    )
    return rows[0]?.n ?? 0
  }

  async exists(table: RegistryTable, id: string): Promise<boolean> {
    const known = this.#table(table)
    const cached = known.get(id)
    if (cached !== undefined) return cached
    // `table` is one of the fixed names above, never caller input.
    const { rows } = await this.#tx.query(`SELECT 1 FROM ${table} WHERE id = $1`, [id])
    const present = rows.length > 0
    known.set(id, present)
    return present
  }

  #table(table: RegistryTable): Map<string, boolean> {
    let known = this.#known.get(table)
    if (known === undefined) {
      known = new Map()
      this.#known.set(table, known)
    }
    return known
  }
}

/** Which row a change creates (true) or removes (false); status changes touch no existence. */
function effectOf(change: Change): [RegistryTable | undefined, string, boolean] {
  switch (change.type) {
    case 'source.put':
      return ['sources', change.source.id, true]
    case 'source.imported':
    case 'source.failed':
      return [undefined, change.sourceId, true]
    case 'framework.put':
      return ['frameworks', change.framework.id, true]
    case 'entity.put':
      return ['entities', change.entity.id, true]
    case 'entity.remove':
      return ['entities', change.id, false]
    case 'identity.put':
      return ['identities', change.identity.id, true]
    case 'identity.remove':
      return ['identities', change.id, false]
    case 'authorisation.put':
      return ['authorisations', change.authorisation.id, true]
    case 'authorisation.remove':
      return ['authorisations', change.id, false]
    case 'authorisation.status':
      return [undefined, change.id, true]
    case 'recognition.put':
      return ['recognition_rules', change.rule.id, true]
    case 'recognition.remove':
      return ['recognition_rules', change.id, false]
  }
}
