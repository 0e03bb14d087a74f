// `kakehashi registry query authorization|recognition` and `registry lookup`: trust questions with evidence.
import { KakehashiError } from '../../errors.ts'
import type { LookupQuery, LookupResponse } from '../../registry/queries/lookup-identity.ts'
import type { SourceEvidence } from '../../registry/queries/source-freshness.ts'
import type {
  TrqpAuthorizationResponse,
  TrqpContext,
  TrqpRecognitionResponse,
} from '../../registry/queries/trust-query-types.ts'
import { dataDirOption, jsonOption, parse, requireString } from '../args.ts'
import type { BridgeApi } from '../bridge-api.ts'
import { connect } from '../connect.ts'
import type { Io } from '../io.ts'
import { readCertificateFile } from '../read-certificate-file.ts'
import { logSeqMark, staleMark } from './evidence-text.ts'

export const registryQueryUsage = [
  'kakehashi registry query authorization --entity <id|did> --action <issue|verify|…> --resource <type> --framework <id> [--at <time>] [--json]',
  'kakehashi registry query recognition --framework <G> --recognised <F> --resource <type> [--level <F level>] [--at <time>] [--json]',
  'kakehashi registry lookup --cert <pem-file> | --thumbprint <jwk-thumbprint> | --did <did> [--json]',
]

type Connect = (flags: { dataDir?: string }) => Promise<{ api: BridgeApi }>

/** Unknown entity or framework: a "no" with a reason, not a usage error (exit 1, not 2). */
const unknownCodes = new Set(['trqp.entity_unknown', 'trqp.authority_unknown'])

export async function registryQueryCommand(
  sub: 'query' | 'lookup',
  args: string[],
  io: Io,
  connectTo: Connect = connect,
): Promise<number> {
  const { values, positionals } = parse(args, {
    ...jsonOption,
    ...dataDirOption,
    entity: { type: 'string' },
    action: { type: 'string' },
    resource: { type: 'string' },
    framework: { type: 'string' },
    recognised: { type: 'string' },
    level: { type: 'string' },
    at: { type: 'string' },
    cert: { type: 'string' },
    thumbprint: { type: 'string' },
    did: { type: 'string' },
  })
  const kind = sub === 'lookup' ? 'lookup' : positionals[0]
  if (kind !== 'authorization' && kind !== 'recognition' && kind !== 'lookup')
    throw new KakehashiError('usage.invalid', `usage:\n  ${registryQueryUsage.join('\n  ')}`)
  // Inputs are read before the bridge is opened: a usage error costs nothing.
  const lookup = kind === 'lookup' ? await lookupQueryOf(values) : undefined
  const context = contextOf(values.at, kind === 'recognition' ? values.level : undefined)
  const request =
    kind === 'lookup'
      ? undefined
      : {
          entity_id: requireString(
            kind === 'authorization' ? values.entity : values.recognised,
            kind === 'authorization' ? '--entity' : '--recognised',
          ),
          authority_id: requireString(values.framework, '--framework'),
          action: kind === 'authorization' ? requireString(values.action, '--action') : 'recognize',
          resource: requireString(values.resource, '--resource'),
          ...(context !== undefined ? { context } : {}),
        }
  const { api } = await connectTo(
    values['data-dir'] !== undefined ? { dataDir: values['data-dir'] } : {},
  )
  const print = (value: unknown, text: () => string) =>
    io.out(values.json ? JSON.stringify(value, null, 2) : text())
  try {
    if (request === undefined) {
      const answer = await api.lookup(lookup as LookupQuery)
      print(answer, () => describeLookup(answer))
      return answer.matches.length > 0 ? 0 : 1
    }
    try {
      if (kind === 'authorization') {
        const answer = await api.authorization(request)
        print(answer, () => describeAuthorization(answer))
        return answer.authorized ? 0 : 1
      }
      const answer = await api.recognition(request)
      print(answer, () => describeRecognition(answer))
      return answer.recognized ? 0 : 1
    } catch (error) {
      if (!(error instanceof KakehashiError && unknownCodes.has(error.code))) throw error
      const verdict = kind === 'authorization' ? 'NOT AUTHORISED' : 'NOT RECOGNISED'
      print(
        {
          ...request,
          [kind === 'authorization' ? 'authorized' : 'recognized']: false,
          code: error.code,
          message: error.message,
        },
        () => `${verdict}  because: ${error.code}\n  ${error.message}`,
      )
      return 1
    }
  } finally {
    await api.close()
  }
}

function contextOf(at: string | undefined, level: string | undefined): TrqpContext | undefined {
  if (at === undefined && level === undefined) return undefined
  const context: TrqpContext = {}
  if (at !== undefined) {
    const ms = Date.parse(at)
    if (!/^\d{4}-\d{2}-\d{2}/.test(at) || Number.isNaN(ms))
      throw new KakehashiError('usage.invalid', `--at ${at} is not an RFC 3339 date-time`)
    // TRQP wants the Z offset only.
    context.time = new Date(ms).toISOString()
  }
  if (level !== undefined) context.assurance_level = level
  return context
}

async function lookupQueryOf(values: {
  cert?: string | undefined
  thumbprint?: string | undefined
  did?: string | undefined
}): Promise<LookupQuery> {
  const given = [values.cert, values.thumbprint, values.did].filter((v) => v !== undefined)
  if (given.length !== 1)
    throw new KakehashiError('usage.invalid', 'give exactly one of --cert, --thumbprint, --did')
  if (values.thumbprint !== undefined) return { thumbprint: values.thumbprint }
  if (values.did !== undefined) return { did: values.did }
  return { certificate: await readCertificateFile(values.cert as string) }
}

function describeSource(source: SourceEvidence | undefined): string[] {
  if (source === undefined) return []
  return [
    `  source         ${source.id} (${source.kind}) #${source.sequenceNumber ?? '-'} digest ${source.digest?.slice(0, 16) ?? '-'}… signature ${source.signatureStatus ?? '-'}, next update ${source.nextUpdate ?? 'none'}${staleMark(source)}${logSeqMark(source.logSeq)}`,
  ]
}

const registryLine = (answer: { log_checkpoint: { size: number; headHash: string } }) =>
  `  registry       log size ${answer.log_checkpoint.size}, head ${answer.log_checkpoint.headHash.slice(0, 16)}…`

function describeAuthorization(answer: TrqpAuthorizationResponse): string {
  const { evidence } = answer
  const head = answer.authorized
    ? `AUTHORISED  ${evidence.entity.id} may ${answer.action} ${answer.resource} under ${answer.authority_id}`
    : `NOT AUTHORISED  ${evidence.entity.id} may not ${answer.action} ${answer.resource} under ${answer.authority_id}\n  because: ${evidence.reason}`
  const a = evidence.authorisation
  const names = evidence.entity.names.map((n) => n.value).join(' / ')
  return [
    head,
    `  ${answer.message}`,
    ...(a
      ? [
          `  authorisation  ${a.id} (${a.role}, ${a.statusAtTime} as of ${answer.time_requested ?? answer.time_evaluated}, valid ${a.validFrom} to ${a.validUntil ?? 'open'})${logSeqMark(a.logSeq)}`,
        ]
      : []),
    `  entity         ${evidence.entity.id}  ${names} (${evidence.entity.country})${logSeqMark(evidence.entity.logSeq)}`,
    `  framework      ${evidence.framework.id}  ${evidence.framework.name} [${evidence.framework.jurisdiction}]${logSeqMark(evidence.framework.logSeq)}`,
    ...describeSource(evidence.source),
    registryLine(answer),
    ...(answer.expiry_time ? [`  holds until    ${answer.expiry_time}`] : []),
  ].join('\n')
}

function describeRecognition(answer: TrqpRecognitionResponse): string {
  const { evidence } = answer
  const head = answer.recognized
    ? `RECOGNISED  ${answer.authority_id} recognises ${answer.entity_id} for ${answer.resource}`
    : `NOT RECOGNISED  ${answer.authority_id} does not recognise ${answer.entity_id} for ${answer.resource}\n  because: ${evidence.reason}`
  const rule = evidence.rule
  return [
    head,
    `  ${answer.message}`,
    ...(rule
      ? [
          `  rule           ${rule.id} (${rule.legalBasis}), valid ${rule.validFrom} to ${rule.validUntil ?? 'open'}${logSeqMark(rule.logSeq)}`,
        ]
      : []),
    ...(evidence.level !== undefined
      ? [`  level          ${evidence.level} → ${evidence.recognisedLevel ?? 'unmapped'}`]
      : []),
    ...describeSource(evidence.source),
    registryLine(answer),
    ...(answer.expiry_time ? [`  holds until    ${answer.expiry_time}`] : []),
  ].join('\n')
}

function describeLookup(answer: LookupResponse): string {
  const query =
    'certificate' in answer.query
      ? `certificate ${answer.query.certificate.subject} (SHA-256 ${answer.query.certificate.fingerprint})`
      : 'thumbprint' in answer.query
        ? `thumbprint ${answer.query.thumbprint}`
        : `DID ${answer.query.did}`
  if (answer.matches.length === 0) return `NOT FOUND  ${query}\n${registryLine(answer)}`
  const lines = [`FOUND  ${query}`]
  for (const match of answer.matches) {
    lines.push(
      `  identity       ${match.identity.id} (${match.identity.kind}, ${match.match === 'exact' ? 'this very identity' : 'issued by this anchor'})${logSeqMark(match.identity.logSeq)}`,
      `  entity         ${match.entity.id}  ${match.entity.names.map((n) => n.value).join(' / ')} (${match.entity.country})${logSeqMark(match.entity.logSeq)}`,
    )
    for (const a of match.authorisations)
      lines.push(
        `  authorisation  ${a.id} ${a.role} under ${a.frameworkId} [${a.inForce ? 'in force' : (a.reason ?? a.status)}] ${a.credentialTypes.join(', ') || a.trustService?.serviceType || ''}${logSeqMark(a.logSeq)}`,
      )
  }
  lines.push(registryLine(answer))
  return lines.join('\n')
}
