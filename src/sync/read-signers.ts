// Reads the signer certificates a source configuration names: PEM files beside the configuration, or PEM text.
import { readFile } from 'node:fs/promises'
import { KakehashiError } from '../errors.ts'
import { decodePemCertificates } from '../trust/x509/parse-certificate.ts'
import { resolveConfigPath } from './sources-config.ts'

/** Configured signer certificates: PEM files relative to the configuration, or PEM text. */
export async function readSigners(
  context: { baseDir: string },
  signers: readonly string[],
): Promise<Uint8Array[]> {
  const out: Uint8Array[] = []
  for (const signer of signers) {
    const pem = signer.includes('-----BEGIN')
      ? signer
      : await readFile(resolveConfigPath(context, signer), 'utf8').catch((error: unknown) => {
          throw new KakehashiError(
            'sources.config_invalid',
            `cannot read signer ${signer}`,
            undefined,
            {
              cause: error,
            },
          )
        })
    const certificates = decodePemCertificates(pem)
    if (certificates.length === 0) {
      throw new KakehashiError(
        'sources.config_invalid',
        `signer ${signer.slice(0, 80)} holds no certificate`,
      )
    }
    out.push(...certificates)
  }
  return out
}
