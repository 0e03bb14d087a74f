// `kakehashi recognition list|show|explain|export-mra`: the recognition rules, and why A does or does not recognise B.
import { writeFile } from 'node:fs/promises'
import {
  MAX_SIGNER_CERTIFICATES,
  type MutualRecognitionExportQuery,
} from '../../bridge/export-mutual-recognition.ts'
import { KakehashiError } from '../../errors.ts'
import type { RecognitionExplainQuery } from '../../registry/queries/answer-recognition-questions.ts'
import { decodePemCertificates } from '../../trust/x509/parse-certificate.ts'
import { dataDirOption, jsonOption, parse, requireString } from '../args.ts'
import type { BridgeApi } from '../bridge-api.ts'
import { connect } from '../connect.ts'
import type { Io } from '../io.ts'
import { readCertificateFile } from '../read-certificate-file.ts'
import { describeExplanation, describeRule, describeRuleList } from './recognition-output.ts'

export const recognitionUsage = [
  'kakehashi recognition list [--json]',
  'kakehashi recognition show <rule-id> [--json]',
  'kakehashi recognition explain <rp-framework> <issuer-framework> [--type <credential type>] [--level <issuer level>] [--at <time>] [--json]',
  'kakehashi recognition export-mra <rp-framework> <issuer-framework> --location <issuer list URL> [--territory <XX>] [--signer-cert <PEM or DER file>]... [--out <file>]',
].join('\n  ')

type Connect = (flags: { dataDir?: string }) => Promise<{ api: BridgeApi }>

const usageError = () => new KakehashiError('usage.invalid', `usage:\n  ${recognitionUsage}`)

/** RFC 3339 in, the Z form out: the HTTP API takes that form only. */
function timeOf(at: string | undefined): string | undefined {
  if (at === undefined) return undefined
  const ms = Date.parse(at)
  if (!/^\d{4}-\d{2}-\d{2}T/.test(at) || Number.isNaN(ms))
    throw new KakehashiError('usage.invalid', `--at ${at} is not an RFC 3339 date-time`)
  return new Date(ms).toISOString()
}

/** Every certificate of the files, in order: a PEM file may hold several, a DER file holds one. */
async function signerCertificatesOf(files: string[]): Promise<Uint8Array[]> {
  const certificates: Uint8Array[] = []
  for (const file of files) {
    const content = await readCertificateFile(file)
    if (typeof content !== 'string') {
      certificates.push(content)
      continue
    }
    const blocks = decodePemCertificates(content)
    if (blocks.length === 0)
      throw new KakehashiError('input.invalid', `${file} holds no PEM CERTIFICATE block`)
    certificates.push(...blocks)
  }
  if (certificates.length > MAX_SIGNER_CERTIFICATES)
    throw new KakehashiError(
      'usage.invalid',
      `at most ${MAX_SIGNER_CERTIFICATES} signer certificates, not ${certificates.length}`,
    )
  return certificates
}

/**
 * Exit status: 0 listed, shown or recognised; 1 not recognised (an unknown framework included: a
 * "no" with a reason); 2 bad usage or an unknown rule id (`registry.not_found`, as `registry show`).
 */
export async function recognitionCommand(
  args: string[],
  io: Io,
  connectTo: Connect = connect,
): Promise<number> {
  const [sub, ...rest] = args
  const { values, positionals } = parse(rest, {
    ...jsonOption,
    ...dataDirOption,
    type: { type: 'string' },
    level: { type: 'string' },
    at: { type: 'string' },
    location: { type: 'string' },
    territory: { type: 'string' },
    'signer-cert': { type: 'string', multiple: true },
    out: { type: 'string' },
  })
  // Inputs are checked before the bridge is opened: a usage error costs nothing.
  let id: string | undefined
  let query: RecognitionExplainQuery | undefined
  let mra: MutualRecognitionExportQuery | undefined
  switch (sub) {
    case 'export-mra':
      if (positionals.length > 2) throw usageError()
      mra = {
        recognising: requireString(positionals[0], 'the relying party framework'),
        recognised: requireString(positionals[1], 'the issuer framework'),
        location: requireString(values.location, '--location'),
        ...(values.territory !== undefined ? { territory: values.territory } : {}),
        ...(values['signer-cert'] !== undefined
          ? { signerCertificates: await signerCertificatesOf(values['signer-cert']) }
          : {}),
      }
      break
    case 'list':
      if (positionals.length > 0) throw usageError()
      break
    case 'show':
      if (positionals.length > 1) throw usageError()
      id = requireString(positionals[0], 'a rule id')
      break
    case 'explain': {
      if (positionals.length > 2) throw usageError()
      const at = timeOf(values.at)
      query = {
        recognising: requireString(positionals[0], 'the relying party framework'),
        recognised: requireString(positionals[1], 'the issuer framework'),
        ...(values.type !== undefined ? { type: requireString(values.type, '--type') } : {}),
        ...(values.level !== undefined ? { level: requireString(values.level, '--level') } : {}),
        ...(at !== undefined ? { at } : {}),
      }
      break
    }
    default:
      throw usageError()
  }
  if (sub !== 'explain' && (values.type ?? values.level ?? values.at) !== undefined)
    throw new KakehashiError('usage.invalid', '--type, --level and --at go with explain only')
  if (
    sub !== 'export-mra' &&
    (values.location ?? values.territory ?? values['signer-cert'] ?? values.out) !== undefined
  )
    throw new KakehashiError(
      'usage.invalid',
      '--location, --territory, --signer-cert and --out go with export-mra only',
    )
  const { api } = await connectTo(
    values['data-dir'] !== undefined ? { dataDir: values['data-dir'] } : {},
  )
  const print = (value: unknown, text: () => string) =>
    io.out(values.json ? JSON.stringify(value, null, 2) : text())
  try {
    if (mra !== undefined) {
      const xml = await api.exportMutualRecognition(mra)
      if (mra.signerCertificates === undefined)
        io.err(
          'the pointer names no signer certificate (--signer-cert): EU tools accept the list it points to only once the LOTL adds its ServiceDigitalIdentities',
        )
      if (values.out === undefined) io.out(xml)
      else {
        await writeFile(values.out, xml).catch((error: unknown) => {
          throw new KakehashiError('input.invalid', `cannot write ${values.out}`, undefined, {
            cause: error,
          })
        })
        io.err(`wrote the recognition of ${mra.recognised} by ${mra.recognising} to ${values.out}`)
      }
      return 0
    }
    if (query !== undefined) {
      const answer = await api.explainRecognition(query)
      print(answer, () => describeExplanation(answer))
      return answer.verdict === 'recognised' ? 0 : 1
    }
    if (id !== undefined) {
      const description = await api.recognitionRule(id)
      print(description, () => describeRule(description))
      return 0
    }
    const list = await api.recognitionRules()
    print(list, () => describeRuleList(list))
    return 0
  } finally {
    await api.close()
  }
}
