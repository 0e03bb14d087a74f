// The registry's types, as one import.
export * from './authorisation.ts'
export * from './change.ts'
export * from './common.ts'
export * from './digital-identity.ts'
export * from './recognition-rule.ts'
export * from './source.ts'
export * from './trust-framework.ts'
export * from './trusted-entity.ts'
