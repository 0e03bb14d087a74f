// OpenID Federation 1.0: trust chains to a configured anchor, metadata policies and trust marks.
export { applyMetadataPolicy, mergeMetadataPolicies } from './apply-metadata-policy.ts'
export {
  DEFAULT_DISCOVERY_CONCURRENCY,
  DEFAULT_MAX_DISCOVERED_ENTITIES,
  type DiscoveredEntities,
  type DiscoveryFailure,
  type DiscoveryLimits,
  discoverFederationEntities,
} from './discover-federation-entities.ts'
export {
  DEFAULT_FEDERATION_TIMEOUT_MS,
  entityConfigurationUrl,
  type FederationFetchOptions,
  fetchEntityList,
} from './fetch-federation-document.ts'
export {
  type ResolvedFederationEntity,
  resolveFederationEntity,
} from './resolve-federation-entity.ts'
export { type ResolverOptions, TrustChainResolver } from './resolve-trust-chain.ts'
export {
  DEFAULT_MAX_INTERMEDIATES,
  type EntityStatement,
  type TrustAnchor,
  type ValidatedChain,
  validateTrustChain,
} from './validate-trust-chain.ts'
export { type VerifiedTrustMark, verifyTrustMark } from './verify-trust-mark.ts'
export * from './z-entity-statement.ts'
