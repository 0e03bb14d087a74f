// Trust queries with evidence (TRQP v2), answered from the in-memory registry snapshot, as one import.
export * from './authorisation-standing.ts'
export * from './find-recognition-rule.ts'
export * from './lookup-identity.ts'
export * from './query-authorisation.ts'
export * from './query-recognition.ts'
export * from './source-freshness.ts'
export * from './trqp-actions.ts'
export type * from './trust-query-types.ts'
