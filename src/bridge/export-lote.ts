// Exports one framework of the registry as a signed TS 119 602 list, JSON binding (a JWS) or XML binding, from one registry snapshot.
import { KakehashiError } from '../errors.ts'
import {
  type ExportSigner,
  frameworkToLote,
  LOTE_JWS_MEDIA_TYPE,
  LOTE_XML_MEDIA_TYPE,
  loadExportSigner,
  signLoteJws,
  signLoteXml,
} from '../sources/lote/index.ts'
import type { Bridge } from './open-bridge.ts'

/** How long an exported list stands before a reader should fetch it again. */
const NEXT_UPDATE_MS = 24 * 60 * 60_000

export interface LoteExport {
  jws: string
  sequenceNumber: number
  signerFingerprint: string
}

/** The two bindings of TS 119 602 a list is exported in; the JWS is the default. */
export const LOTE_EXPORT_FORMATS = ['jws', 'xml'] as const
export type LoteExportFormat = (typeof LOTE_EXPORT_FORMATS)[number]

export const isLoteExportFormat = (value: string): value is LoteExportFormat =>
  (LOTE_EXPORT_FORMATS as readonly string[]).includes(value)

export interface LoteExportAs {
  format: LoteExportFormat
  /** The compact JWS, or the XML document with its enveloped signature. */
  body: string
  mediaType: string
  sequenceNumber: number
  signerFingerprint: string
}

/** One signer per bridge: loaded (or created) at the first export, then kept. */
const signers = new WeakMap<Bridge, Promise<ExportSigner>>()

/**
 * The signer: `KAKEHASHI_EXPORT_SIGNER_KEY` and `KAKEHASHI_EXPORT_SIGNER_CERT` (paths) when set,
 * else `<data-dir>/export-signer/`, created at first use (in memory for an in-memory bridge).
 */
export function exportSignerOf(bridge: Bridge, env: NodeJS.ProcessEnv = process.env) {
  let signer = signers.get(bridge)
  if (signer === undefined) {
    signer = loadExportSigner({
      ...(bridge.dataDir === undefined ? {} : { dataDir: bridge.dataDir }),
      ...(env.KAKEHASHI_EXPORT_SIGNER_KEY ? { keyPath: env.KAKEHASHI_EXPORT_SIGNER_KEY } : {}),
      ...(env.KAKEHASHI_EXPORT_SIGNER_CERT ? { certPath: env.KAKEHASHI_EXPORT_SIGNER_CERT } : {}),
      commonName: `Kakehashi list export signer (${bridge.config.publicUrl})`,
    })
    // A failed load is not kept: the operator may fix the files and try again.
    signer.catch(() => signers.delete(bridge))
    signers.set(bridge, signer)
  }
  return signer
}

/**
 * The framework's entities and authorisations as a LoTE signed by the export signer. Its
 * LoTESequenceNumber is the registry log size, which only grows, so a reader's regression check
 * holds across exports; two exports at the same log position list the same content.
 */
export async function exportFrameworkLote(
  bridge: Bridge,
  frameworkId: string,
): Promise<LoteExport> {
  const { body, sequenceNumber, signerFingerprint } = await exportFrameworkLoteAs(
    bridge,
    frameworkId,
    'jws',
  )
  return { jws: body, sequenceNumber, signerFingerprint }
}

/**
 * The same list in either binding: one document, signed as a JWS or as XML with an enveloped
 * XAdES signature, both by the export signer.
 */
export async function exportFrameworkLoteAs(
  bridge: Bridge,
  frameworkId: string,
  format: LoteExportFormat,
): Promise<LoteExportAs> {
  const snapshot = await bridge.registry.get()
  const framework = snapshot.frameworks.get(frameworkId)
  if (framework === undefined) {
    throw new KakehashiError(
      'registry.not_found',
      `framework ${frameworkId} is not in the registry`,
      {
        kind: 'framework',
        id: frameworkId,
      },
    )
  }
  const signer = await exportSignerOf(bridge)
  const now = bridge.clock.now()
  const base = bridge.config.publicUrl
  const frameworkUri = `${base}/v1/registry/frameworks/${encodeURIComponent(frameworkId)}`
  const document = frameworkToLote({
    framework,
    entities: snapshot.entities,
    identities: snapshot.identities,
    authorisations: [...snapshot.authorisationsByEntity.values()].flat(),
    sequenceNumber: snapshot.checkpoint.size,
    issuedAt: new Date(now),
    nextUpdate: new Date(now + NEXT_UPDATE_MS),
    operatorName: `Kakehashi trust bridge at ${base}`,
    operatorUri: base,
    schemeInformationUri: frameworkUri,
    entityUri: (id) => `${base}/v1/registry/entities/${encodeURIComponent(id)}`,
    distributionPoint: `${frameworkUri}/lote${format === 'xml' ? '?format=xml' : ''}`,
  })
  return {
    format,
    body:
      format === 'xml'
        ? await signLoteXml(document, signer, { signingTime: new Date(now) })
        : await signLoteJws(document, signer),
    mediaType: format === 'xml' ? LOTE_XML_MEDIA_TYPE : LOTE_JWS_MEDIA_TYPE,
    sequenceNumber: snapshot.checkpoint.size,
    signerFingerprint: signer.fingerprint,
  }
}
