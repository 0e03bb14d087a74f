// The store, as one import.
export { type OpenStoreOptions, openStore } from './open-store.ts'
export type { Queryable, Store } from './store.ts'
