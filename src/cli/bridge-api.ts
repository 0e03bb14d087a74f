// What the command line asks of a bridge: served in-process, or by the bridge already running on the data directory.

import type { SyncRequest } from '../bridge/bridge-sync.ts'
import { exportFrameworkLoteAs, type LoteExportFormat } from '../bridge/export-lote.ts'
import type { Bridge } from '../bridge/open-bridge.ts'
import { KakehashiError } from '../errors.ts'
import { readLog, verifyLogChain } from '../log/read-log.ts'
import type { LogEntry } from '../model/index.ts'
import { addTrustAnchor } from '../registry/add-trust-anchor.ts'
import * as queries from '../registry/registry-queries.ts'
import type { VerificationReport } from '../report/verification-report.ts'
import {
  type IssuedCredential,
  type IssueOptions,
  issueSandboxCredential,
} from '../sandbox/issue-sandbox-credential.ts'
import {
  type IssuedMdoc,
  type IssueMdocOptions,
  issueSandboxMdoc,
} from '../sandbox/issue-sandbox-mdoc.ts'
import {
  type IssuedW3cCredential,
  type IssueW3cOptions,
  issueSandboxW3c,
  type SandboxW3cFormat,
} from '../sandbox/issue-sandbox-w3c.ts'
import { setSandboxBitstringStatus } from '../sandbox/sandbox-bitstring-lists.ts'
import {
  SandboxFederation,
  type SandboxFederationDescription,
} from '../sandbox/sandbox-federation.ts'
import { type SandboxStatus, setSandboxStatus } from '../sandbox/sandbox-status-lists.ts'
import type { AddAnchorRequest } from '../server/z-requests.ts'
import type { SyncReport } from '../sync/sync-sources.ts'
import type { VerifyRequest } from '../verify/verify-credential.ts'
import { localRecognitionApi, type RecognitionApi } from './recognition-api.ts'
import { localTrustQueryApi, type TrustQueryApi } from './trust-query-api.ts'

/** The sandbox's two kinds of status list: Token Status List (SD-JWT VC, mdoc), Bitstring (W3C). */
export type SandboxStatusListKind = 'token-status-list' | 'bitstring-status-list'

export type RegistryListKind =
  | 'frameworks'
  | 'entities'
  | 'authorisations'
  | 'recognition-rules'
  | 'sources'

export interface BridgeApi extends TrustQueryApi, RecognitionApi {
  verify(request: VerifyRequest): Promise<VerificationReport>
  issue(issuer: string, options: IssueOptions): Promise<IssuedCredential>
  /** A sandbox issuer's ISO/IEC 18013-5 mdoc, as a DeviceResponse for one session. */
  issueMdoc(issuer: string, options: IssueMdocOptions): Promise<IssuedMdoc>
  /** A sandbox university's W3C credential: Data Integrity (`ldp_vc`) or VC-JOSE (`vc+jwt`). */
  issueW3c(
    issuer: string,
    format: SandboxW3cFormat,
    options: IssueW3cOptions,
  ): Promise<IssuedW3cCredential>
  /** On the Token Status List by default; on the Bitstring Status List of W3C credentials if asked. */
  setStatus(
    issuer: string,
    idx: number,
    status: SandboxStatus,
    list?: SandboxStatusListKind,
  ): Promise<void>
  /** The sandbox OpenID Federation's trust anchor, issuers and a `sources.json` entry for it. */
  sandboxFederation(): Promise<SandboxFederationDescription>
  summary(): Promise<unknown>
  list(kind: RegistryListKind): Promise<unknown[]>
  show(id: string): Promise<{ kind: string; value: unknown }>
  log(fromSeq: number, limit: number): Promise<LogEntry[]>
  /** Recomputes every entry hash and the chain; throws `log.integrity` at the first break. */
  verifyLog(): Promise<{ ok: true; size: number; headHash: string }>
  addAnchor(request: AddAnchorRequest, actor: string): Promise<LogEntry[]>
  /** Fetches, verifies and imports the configured sources; progress is reported in-process only. */
  sync(request: SyncRequest): Promise<SyncReport>
  /** The framework as a TS 119 602 list signed by the bridge's export signer (a compact JWS, or XML). */
  exportLote(frameworkId: string, format?: LoteExportFormat): Promise<string>
  close(): Promise<void>
}

const listers = {
  frameworks: queries.listFrameworks,
  entities: queries.listEntities,
  authorisations: queries.listAuthorisations,
  'recognition-rules': queries.listRecognitionRules,
  sources: queries.listSources,
} satisfies Record<RegistryListKind, unknown>

const showers = [
  ['entity', queries.getEntity],
  ['framework', queries.getFramework],
  ['authorisation', queries.getAuthorisation],
  ['recognition-rule', queries.getRecognitionRule],
] as const

export function localBridgeApi(bridge: Bridge): BridgeApi {
  const sandbox = () => {
    if (bridge.sandbox === undefined)
      throw new KakehashiError('usage.invalid', 'the sandbox is disabled (KAKEHASHI_SANDBOX=0)')
    return bridge.sandbox
  }
  return {
    verify: (request) => bridge.verify(request),
    issue: (issuer, options) => issueSandboxCredential(sandbox(), issuer, options),
    issueMdoc: (issuer, options) => issueSandboxMdoc(sandbox(), issuer, options),
    issueW3c: (issuer, format, options) => issueSandboxW3c(sandbox(), issuer, format, options),
    setStatus: (issuer, idx, status, list = 'token-status-list') => {
      if (list === 'token-status-list')
        return setSandboxStatus(sandbox().store, issuer, idx, status)
      if (status === 'suspended')
        throw new KakehashiError(
          'usage.invalid',
          'the W3C status lists serve revocation only: valid or invalid',
        )
      return setSandboxBitstringStatus(sandbox().store, issuer, idx, status)
    },
    sandboxFederation: () => new SandboxFederation(sandbox()).describe(),
    async summary() {
      const snapshot = await bridge.registry.get()
      return {
        checkpoint: snapshot.checkpoint,
        frameworks: snapshot.frameworks.size,
        entities: snapshot.entities.size,
        trustAnchors: snapshot.trustAnchors.length,
        recognitionRules: snapshot.recognitionRules.length,
      }
    },
    list: (kind) => listers[kind](bridge.store) as Promise<unknown[]>,
    async show(id) {
      for (const [kind, get] of showers) {
        try {
          return { kind, value: await get(bridge.store, id) }
        } catch (error) {
          if (!(error instanceof KakehashiError && error.code === 'registry.not_found')) throw error
        }
      }
      throw new KakehashiError('registry.not_found', `nothing in the registry has the id ${id}`)
    },
    log: (fromSeq, limit) => readLog(bridge.store, { fromSeq, limit }),
    async verifyLog() {
      const result = await verifyLogChain(bridge.store)
      return { ok: true, size: result.size, headHash: result.headHash }
    },
    async addAnchor(request, actor) {
      const entries = await addTrustAnchor(bridge.store, bridge.clock, {
        frameworkId: request.framework,
        entityName: request.entity,
        ...(request.entityId !== undefined ? { entityId: request.entityId } : {}),
        ...(request.country !== undefined ? { country: request.country } : {}),
        certPem: request.certPem,
        credentialTypes: request.credentialTypes,
        actor,
        reason: request.reason ?? `trust anchor for ${request.entity} added by an operator`,
      })
      bridge.registry.invalidate()
      return entries
    },
    sync: (request) => bridge.sync(request),
    ...localTrustQueryApi(bridge),
    ...localRecognitionApi(bridge),
    exportLote: async (frameworkId, format = 'jws') =>
      (await exportFrameworkLoteAs(bridge, frameworkId, format)).body,
    close: () => bridge.close(),
  }
}
