// The append-only change log, as one import.
export { appendChanges } from './append-changes.ts'
export { canonicalJson, canonicalJsonBytes } from './canonical-json.ts'
export { entryHash, hashEntry, leafHash, type UnhashedLogEntry, zeroHash } from './hash-entry.ts'
export { getCheckpoint, type LogChainVerification, readLog, verifyLogChain } from './read-log.ts'
