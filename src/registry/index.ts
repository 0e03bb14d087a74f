// The registry projection, its queries and its in-memory snapshot, as one import.
export { type AddTrustAnchorInput, addTrustAnchor } from './add-trust-anchor.ts'
export * from './import-source.ts'
export { rebuildProjection } from './rebuild-projection.ts'
export * from './registry-queries.ts'
export {
  loadRegistrySnapshot,
  RegistryCache,
  type RegistryCacheOptions,
  type RegistrySnapshot,
} from './registry-snapshot.ts'
