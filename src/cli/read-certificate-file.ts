// Reads a certificate file given on the command line: PEM text, or DER bytes.
import { readFile } from 'node:fs/promises'
import { KakehashiError } from '../errors.ts'

/** The file's PEM text when it holds a PEM block, its bytes (taken as DER) otherwise. */
export async function readCertificateFile(file: string): Promise<string | Uint8Array> {
  const bytes = await readFile(file).catch(() => {
    throw new KakehashiError('input.invalid', `cannot read ${file}`)
  })
  const text = bytes.toString('latin1')
  return text.includes('-----BEGIN') ? text : new Uint8Array(bytes)
}
