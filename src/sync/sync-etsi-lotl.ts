// Keeps the EU LOTL and the national trusted lists it points to current, one source each.
import { basename } from 'node:path'
import type { z } from 'zod'
import { KakehashiError } from '../errors.ts'
import type { Source, SourceContent } from '../model/index.ts'
import {
  checkLotlSigner,
  checkNationalListSigner,
  readTrustedList,
  type VerifiedTrustedList,
} from '../sources/etsi-tl/index.ts'
import { readMutualRecognitionRules } from '../sources/etsi-tl/mutual-recognition-rules.ts'
import { TSL_XML_MIME_TYPE } from '../sources/etsi-tl/namespaces.ts'
import {
  EIDAS_NATIONAL_FRAMEWORK,
  EIDAS_QUALIFIED_FRAMEWORK,
  isQualifiedServiceType,
  trustedListToSourceImport,
} from '../sources/etsi-tl/trusted-list-to-source-import.ts'
import type { OtherTSLPointer } from '../sources/etsi-tl/trusted-list-types.ts'
import { fetchDocument } from './fetch-document.ts'
import { readSigners } from './read-signers.ts'
import type { SourceOutcome } from './source-outcome.ts'
import {
  resolveConfigPath,
  type zEtsiLotlSourceConfig,
  type zEtsiTlSourceConfig,
} from './sources-config.ts'
import {
  currentState,
  fetchOptions,
  importVersion,
  notModified,
  recordFailure,
  type SyncContext,
} from './sync-context.ts'
import { fetchedVersion, syncSignedList } from './sync-signed-list.ts'

type LotlConfig = z.infer<typeof zEtsiLotlSourceConfig>
type TlConfig = z.infer<typeof zEtsiTlSourceConfig>

/** The eIDAS frameworks, asserted by the LOTL source: every national list's services stand under them. */
const eidasFrameworks = (sourceId: string): SourceContent['frameworks'] => [
  {
    id: EIDAS_QUALIFIED_FRAMEWORK,
    jurisdiction: 'EU',
    name: 'eIDAS qualified trust services',
    description:
      'Qualified trust services of Regulation (EU) No 910/2014, as the Member States’ trusted lists record them.',
    sourceId,
  },
  {
    id: EIDAS_NATIONAL_FRAMEWORK,
    jurisdiction: 'EU',
    name: 'Trust services recognised at national level',
    description: 'Non-qualified trust services that a Member State’s trusted list records.',
    sourceId,
  },
]

/**
 * Syncs the LOTL, then every national list it points to (XML form, other than its own). A
 * national list is checked against the LOTL version verified in this run; when the LOTL itself
 * fails, no national list is touched and each keeps its version in force.
 */
export async function syncEtsiLotl(context: SyncContext, config: LotlConfig): Promise<void> {
  const lotlSource: Source = {
    id: config.id,
    kind: 'etsi-tl',
    uri: config.uri,
    description: 'EU List of Trusted Lists',
    territory: 'EU',
  }
  const state = await currentState(context, config.id)
  let lotl: VerifiedTrustedList
  let location = config.uri
  try {
    const signers = await readSigners(context, config.signers)
    // Never conditional: the national lists are checked against the LOTL's own document.
    const fetched = await fetchDocument(config.uri, fetchOptions(context, config, undefined))
    location = fetched.location
    if (fetched.notModified) throw new KakehashiError('fetch.failed', 'unexpected 304')
    lotl = await readTrustedList(fetched.bytes, limitsOf(config))
    checkLotlSigner(lotl.signature, signers)
    const imported = trustedListToSourceImport(lotl, fetchedVersion(context, config, fetched))
    imported.source = { ...imported.source, description: lotlSource.description }
    imported.content.frameworks = eidasFrameworks(config.id)
    addMutualRecognition(imported.content, lotl, config.id)
    context.finished(await importVersion(context, imported, state, location))
  } catch (error) {
    context.finished(await recordFailure(context, lotlSource, error, location))
    return
  }
  const pointers = nationalPointers(lotl, config)
  context.discovered(pointers.length)
  for (const pointer of pointers) {
    context.finished(await syncNationalList(context, config, lotl, pointer))
  }
}

/**
 * The recognition the LOTL publishes in its pointers (the `mra:` extension, and Kakehashi's own
 * rules beside it): rules of this source, and the third-country frameworks they name. A block
 * that disagrees with the Kakehashi rules beside it fails the whole LOTL import.
 */
function addMutualRecognition(
  content: SourceContent,
  lotl: VerifiedTrustedList,
  sourceId: string,
): void {
  const known = new Set(content.frameworks.map((framework) => framework.id))
  for (const pointer of lotl.list.schemeInformation.pointersToOtherTSL) {
    const found = readMutualRecognitionRules(pointer, { sourceId })
    if (found.origin === 'none') continue
    content.recognitionRules.push(...found.rules)
    if (found.origin !== 'mra') continue
    const territory = pointer.schemeTerritory as string
    for (const rule of found.rules) {
      if (known.has(rule.recognisedFrameworkId)) continue
      known.add(rule.recognisedFrameworkId)
      content.frameworks.push({
        id: rule.recognisedFrameworkId,
        jurisdiction: territory,
        name: `Trust services of the ${territory} trusted list`,
        description: `A third country's trusted list, pointed to by the EU LOTL with a mutual recognition agreement (${pointer.tslLocation}).`,
        assuranceLevels: [],
        sourceId,
      })
    }
  }
}

async function syncNationalList(
  context: SyncContext,
  config: LotlConfig,
  lotl: VerifiedTrustedList,
  pointer: OtherTSLPointer,
): Promise<SourceOutcome> {
  const territory = pointer.schemeTerritory as string
  const source: Source = {
    id: `${config.nationalListPrefix}.${territory.toLowerCase()}`,
    kind: 'etsi-tl',
    uri: pointer.tslLocation,
    description: `Trusted list of ${territory}`,
    parentId: config.id,
    territory,
  }
  const state = await currentState(context, source.id)
  let location: string = pointer.tslLocation
  let digest: string | undefined
  try {
    location = nationalLocation(context, config, pointer)
    const fetched = await fetchDocument(location, fetchOptions(context, config, state))
    if (fetched.notModified) return notModified(context, source, state, location)
    digest = fetched.digest
    const verified = await readTrustedList(fetched.bytes, limitsOf(config))
    checkNationalListSigner(verified, lotl.list)
    const imported = trustedListToSourceImport(verified, {
      ...fetchedVersion(context, { id: source.id, uri: pointer.tslLocation }, fetched),
      parentId: config.id,
    })
    return await importVersion(context, imported, state, location, countServices(verified))
  } catch (error) {
    return recordFailure(context, source, error, location, digest)
  }
}

/** Syncs a trusted list that no LOTL points to, against the signers configured for it. */
export async function syncEtsiTl(context: SyncContext, config: TlConfig): Promise<void> {
  context.finished(
    await syncSignedList(context, {
      source: { id: config.id, kind: 'etsi-tl', uri: config.uri, description: 'Trusted list' },
      config,
      verify: async (bytes, signers) => {
        const verified = await readTrustedList(bytes, limitsOf(config))
        checkLotlSigner(verified.signature, signers)
        return verified
      },
      map: (verified, version) =>
        trustedListToSourceImport(verified, {
          ...version,
          qualifiedFrameworkId: config.qualifiedFrameworkId,
          nationalFrameworkId: config.nationalFrameworkId ?? config.qualifiedFrameworkId,
        }),
      sequenceRegressed: { code: 'tl.sequence_regressed', field: 'sequence number' },
      count: (verified) => countServices(verified),
    }),
  )
}

/** The LOTL's pointers to XML lists of other territories, as configured. */
function nationalPointers(lotl: VerifiedTrustedList, config: LotlConfig): OtherTSLPointer[] {
  const own = lotl.list.schemeInformation.schemeTerritory
  const seen = new Set<string>()
  return lotl.list.schemeInformation.pointersToOtherTSL.filter((pointer) => {
    const territory = pointer.schemeTerritory
    if (territory === undefined || territory === own || !/^[A-Z]{2}$/.test(territory)) return false
    if (pointer.mimeType !== undefined && pointer.mimeType !== TSL_XML_MIME_TYPE) return false
    if (config.territories !== undefined && !config.territories.includes(territory)) return false
    if (seen.has(territory)) return false
    seen.add(territory)
    return true
  })
}

/** Where a national list is read from: the configured folder, or the location its pointer gives. */
function nationalLocation(
  context: SyncContext,
  config: LotlConfig,
  pointer: OtherTSLPointer,
): string {
  if (config.nationalListDirectory === undefined) return pointer.tslLocation
  const territory = pointer.schemeTerritory as string
  const folder = resolveConfigPath(context, config.nationalListDirectory)
  const named = config.nationalListFiles?.[territory]
  if (named !== undefined) return resolveConfigPath({ baseDir: folder }, basename(named))
  return resolveConfigPath({ baseDir: folder }, `${territory}.xml`)
}

/** TSPs, services, qualified services and qualified services granted: what a sync reports of a list. */
function countServices(verified: VerifiedTrustedList): Record<string, number> {
  const services = verified.list.trustServiceProviders.flatMap((tsp) => tsp.tspServices)
  const qualified = services.filter((s) => isQualifiedServiceType(s.serviceTypeIdentifier))
  return {
    trustServiceProviders: verified.list.trustServiceProviders.length,
    services: services.length,
    qualifiedServices: qualified.length,
    grantedQualifiedServices: qualified.filter((s) => s.serviceStatus.endsWith('/granted')).length,
  }
}

const limitsOf = (config: { maxBytes?: number | undefined }) =>
  config.maxBytes === undefined ? {} : { limits: { maxBytes: config.maxBytes } }
