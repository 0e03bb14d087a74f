// Keeps one signed list current: the fetch, verification, mapping and import every list source shares.
import { KakehashiError } from '../errors.ts'
import type { Source, SourceImport } from '../model/index.ts'
import { getFramework } from '../registry/registry-queries.ts'
import { type FetchedDocument, fetchDocument } from './fetch-document.ts'
import { readSigners } from './read-signers.ts'
import type { SourceOutcome } from './source-outcome.ts'
import {
  currentState,
  fetchOptions,
  importVersion,
  notModified,
  recordFailure,
  refuseSequenceRegression,
  type SequenceRegression,
  type SyncContext,
} from './sync-context.ts'

/** What a mapping is told of the version read: the source, when it was read, its HTTP validators. */
export interface FetchedVersion {
  sourceId: string
  uri: string
  fetchedAt: string
  etag?: string
  lastModified?: string
}

/** What a kind of list says of itself; the rest of a sync is the same for every kind. */
export interface SignedListSync<Verified> {
  source: Source
  config: {
    id: string
    uri: string
    /** None: the list is verified without configured signers (its kind may then refuse it). */
    signers?: readonly string[] | undefined
    timeoutMs?: number | undefined
    maxBytes?: number | undefined
  }
  accept?: string
  /** Parses the document and checks its signature against the configured signers. */
  verify(bytes: Uint8Array, signers: Uint8Array[]): Promise<Verified> | Verified
  map(verified: Verified, version: FetchedVersion): Promise<SourceImport> | SourceImport
  sequenceRegressed: SequenceRegression
  /** Refusals of the kind's own, after the sequence number (a framework another source holds). */
  check?(imported: SourceImport): Promise<void>
  count(verified: Verified, imported: SourceImport): Record<string, number>
}

/**
 * Fetches the list conditionally, verifies it, maps it, refuses a sequence number that went
 * backwards and whatever the kind refuses, and imports it through the log. Any failure is recorded
 * and the version in force stays; the outcome is returned for the caller to report.
 */
export async function syncSignedList<Verified>(
  context: SyncContext,
  list: SignedListSync<Verified>,
): Promise<SourceOutcome> {
  const { source, config } = list
  const state = await currentState(context, config.id)
  let location = config.uri
  let digest: string | undefined
  try {
    const signers = await readSigners(context, config.signers ?? [])
    const fetched = await fetchDocument(config.uri, {
      ...fetchOptions(context, config, state),
      ...(list.accept === undefined ? {} : { accept: list.accept }),
    })
    location = fetched.location
    if (fetched.notModified) return await notModified(context, source, state, location)
    digest = fetched.digest
    const verified = await list.verify(fetched.bytes, signers)
    const imported = await list.map(verified, fetchedVersion(context, config, fetched))
    refuseSequenceRegression(state, imported.version.sequenceNumber, list.sequenceRegressed)
    await list.check?.(imported)
    return await importVersion(context, imported, state, location, list.count(verified, imported))
  } catch (error) {
    return recordFailure(context, source, error, location, digest)
  }
}

/** The version just read, as a mapping records it: read now, with the validators the server sent. */
export const fetchedVersion = (
  context: SyncContext,
  source: { id: string; uri: string },
  fetched: Extract<FetchedDocument, { notModified: false }>,
): FetchedVersion => ({
  sourceId: source.id,
  uri: source.uri,
  fetchedAt: new Date(context.clock.now()).toISOString(),
  ...(fetched.etag === undefined ? {} : { etag: fetched.etag }),
  ...(fetched.lastModified === undefined ? {} : { lastModified: fetched.lastModified }),
})

/**
 * A signed list may name its framework into being, but never take over one the registry holds from
 * another source or from an operator: it asserts the framework only when none exists or it is its own.
 */
export async function mayAssertFramework(
  context: SyncContext,
  config: { id: string; frameworkId: string },
): Promise<boolean> {
  try {
    const framework = await getFramework(context.store, config.frameworkId)
    return framework.sourceId === config.id
  } catch (error) {
    if (error instanceof KakehashiError && error.code === 'registry.not_found') return true
    throw error
  }
}
