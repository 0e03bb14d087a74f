// Exports one framework of the registry as a signed TS 119 602 list (JSON binding), from one registry snapshot.
import { KakehashiError } from '../errors.ts'
import {
  type ExportSigner,
  frameworkToLote,
  loadExportSigner,
  signLoteJws,
} from '../sources/lote/index.ts'
import type { Bridge } from './open-bridge.ts'

/** How long an exported list stands before a reader should fetch it again. */
const NEXT_UPDATE_MS = 24 * 60 * 60_000

export interface LoteExport {
  jws: string
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
  const document = frameworkToLote({
    framework,
    entities: snapshot.entities,
    identities: snapshot.identities,
    authorisations: [...snapshot.authorisationsByEntity.values()].flat(),
    sequenceNumber: snapshot.checkpoint.size,
    issuedAt: new Date(now),
    nextUpdate: new Date(now + NEXT_UPDATE_MS),
    operatorName: `Kakehashi trust bridge at ${base}`,
    entityUri: (id) => `${base}/v1/registry/entities/${encodeURIComponent(id)}`,
    distributionPoint: `${base}/v1/registry/frameworks/${encodeURIComponent(frameworkId)}/lote`,
  })
  return {
    jws: await signLoteJws(document, signer),
    sequenceNumber: snapshot.checkpoint.size,
    signerFingerprint: signer.fingerprint,
  }
}
