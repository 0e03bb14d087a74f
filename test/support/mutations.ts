// Random edits of an input for property tests: each replaces, deletes or inserts one item at a position.
import fc from 'fast-check'

/** Fixed, so that a run on CI is the run that passed here; FC_SEED explores others. */
export const mutationSeed = Number(process.env.FC_SEED ?? 20261202)

export interface Edit<T> {
  at: number
  op: 'replace' | 'delete' | 'insert'
  value: T
}

/** One to three edits, each putting a value drawn from `value`. */
export const edits = <T>(value: fc.Arbitrary<T>): fc.Arbitrary<Edit<T>[]> =>
  fc.array(fc.record({ at: fc.nat(), op: fc.constantFrom('replace', 'delete', 'insert'), value }), {
    minLength: 1,
    maxLength: 3,
  }) as fc.Arbitrary<Edit<T>[]>

/** Edits of bytes, any byte value. */
export const byteEdits = edits(fc.integer({ min: 0, max: 255 }))

/** `items` with each edit applied in turn, its position taken modulo the length then. */
export function applyEdits<T>(items: readonly T[], list: readonly Edit<T>[]): T[] {
  const out = [...items]
  for (const { at, op, value } of list) {
    const index = at % (out.length + 1)
    if (op === 'insert') out.splice(index, 0, value)
    else if (op === 'delete') out.splice(index, 1)
    else out[index] = value
  }
  return out
}

export const editText = (text: string, list: readonly Edit<string>[]): string =>
  applyEdits([...text], list).join('')

export const editBytes = (bytes: Uint8Array, list: readonly Edit<number>[]): Uint8Array =>
  Uint8Array.from(applyEdits([...bytes], list))
