// `kakehashi sandbox list|issue|status|federation`: the sandbox EU and Japanese issuers.
import type { webcrypto } from 'node:crypto'

type JsonWebKey = webcrypto.JsonWebKey

import { readFile } from 'node:fs/promises'
import { KakehashiError } from '../../errors.ts'
import { type IssuedMdoc, oid4vpSessionTranscript } from '../../sandbox/issue-sandbox-mdoc.ts'
import { type SandboxW3cFormat, sandboxW3cFormats } from '../../sandbox/issue-sandbox-w3c.ts'
import { sandboxIssuers } from '../../sandbox/sandbox-ecosystems.ts'
import type { SandboxStatus } from '../../sandbox/sandbox-status-lists.ts'
import { sandboxW3cCredentials } from '../../sandbox/sandbox-w3c-credentials.ts'
import { dataDirOption, jsonOption, parse, requireString } from '../args.ts'
import { connect } from '../connect.ts'
import type { Io } from '../io.ts'
import { describeSandboxFederation } from './sandbox-federation-output.ts'

export const sandboxUsage = [
  'kakehashi sandbox list',
  'kakehashi sandbox issue <issuer> [--holder-key <jwk-file>] [--nonce <n>] [--aud <audience>] [--no-kb] [--json]',
  'kakehashi sandbox issue <issuer> --format mdoc [--holder-key <jwk-file>] [--nonce <n>] [--aud <client_id>] [--response-uri <uri>] [--json]',
  'kakehashi sandbox issue <issuer> --format ldp_vc|vc+jwt [--type OpenBadgeCredential|EuropeanDigitalCredential] [--json]',
  'kakehashi sandbox status <issuer> <index> valid|invalid|suspended [--format ldp_vc|vc+jwt]',
  'kakehashi sandbox federation [--json]',
].join('\n  ')

export async function sandboxCommand(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args
  const { values, positionals } = parse(rest, {
    ...jsonOption,
    ...dataDirOption,
    'holder-key': { type: 'string' },
    nonce: { type: 'string' },
    aud: { type: 'string' },
    'no-kb': { type: 'boolean', default: false },
    format: { type: 'string', default: 'sd-jwt-vc' },
    'response-uri': { type: 'string' },
    type: { type: 'string' },
  })
  const w3cFormat = (sandboxW3cFormats as readonly string[]).includes(values.format)
    ? (values.format as SandboxW3cFormat)
    : undefined
  if (sub === 'list') {
    const rows = sandboxIssuers.map(({ id, frameworkId, vct, description, mdoc }) => ({
      id,
      frameworkId,
      vct,
      description,
      ...(mdoc !== undefined ? { mdocDocType: mdoc.docType } : {}),
      w3c: (sandboxW3cCredentials.get(id) ?? []).map((d) => ({
        credentialType: d.credentialType,
        formats: d.securing.map((s) => (s === 'data-integrity' ? 'ldp_vc' : 'vc+jwt')),
      })),
    }))
    // One line per thing an issuer issues, with the `sandbox issue` flags that get it.
    const lines = (r: (typeof rows)[number]) => [
      `${r.id.padEnd(18)} ${r.frameworkId.padEnd(13)} ${r.description}`,
      `${' '.repeat(19)}vct ${r.vct}`,
      ...(r.mdocDocType !== undefined
        ? [`${' '.repeat(19)}--format mdoc  docType ${r.mdocDocType}`]
        : []),
      ...r.w3c.map(
        (w) => `${' '.repeat(19)}--format ${w.formats.join('|')}  --type ${w.credentialType}`,
      ),
    ]
    io.out(values.json ? JSON.stringify(rows, null, 2) : rows.flatMap(lines).join('\n'))
    return 0
  }
  if (sub === 'federation') {
    const { api } = await connect(
      values['data-dir'] !== undefined ? { dataDir: values['data-dir'] } : {},
    )
    try {
      describeSandboxFederation(await api.sandboxFederation(), values.json, io)
      return 0
    } finally {
      await api.close()
    }
  }
  if (sub !== 'issue' && sub !== 'status')
    throw new KakehashiError('usage.invalid', `usage:\n  ${sandboxUsage}`)
  const issuer = requireString(positionals[0], 'an issuer (see `kakehashi sandbox list`)')
  const { api } = await connect(
    values['data-dir'] !== undefined ? { dataDir: values['data-dir'] } : {},
  )
  try {
    if (sub === 'status') {
      const idx = Number(positionals[1])
      const status = positionals[2] as SandboxStatus
      if (
        !Number.isInteger(idx) ||
        idx < 0 ||
        !['valid', 'invalid', 'suspended'].includes(status)
      ) {
        throw new KakehashiError('usage.invalid', `usage:\n  ${sandboxUsage}`)
      }
      // W3C credentials have their own index space, on the Bitstring Status List.
      const list = w3cFormat === undefined ? 'token-status-list' : 'bitstring-status-list'
      await api.setStatus(issuer, idx, status, list)
      io.err(
        `${issuer} ${w3cFormat === undefined ? '' : 'W3C '}credential #${idx} is now ${status} (verifiers see it once their cached list expires)`,
      )
      return 0
    }
    let holderPrivateJwk: JsonWebKey | undefined
    if (values['holder-key'] !== undefined) {
      try {
        holderPrivateJwk = JSON.parse(await readFile(values['holder-key'], 'utf8')) as JsonWebKey
      } catch {
        throw new KakehashiError('input.invalid', `cannot read a JWK from ${values['holder-key']}`)
      }
      if (typeof holderPrivateJwk.d !== 'string')
        throw new KakehashiError('input.invalid', '--holder-key must be a private JWK (with "d")')
    }
    if (w3cFormat !== undefined) {
      const issued = await api.issueW3c(issuer, w3cFormat, {
        ...(values.type !== undefined ? { credentialType: values.type } : {}),
      })
      if (values.json) io.out(JSON.stringify(issued, null, 2))
      else {
        io.out(issued.credential)
        io.err(
          `issued ${issued.credentialType} by ${issued.issuer} (${issued.issuerDid.slice(0, 40)}…) as ${issued.format}; status index ${issued.statusIndex} of ${issued.statusListCredential}`,
        )
      }
      return 0
    }
    if (values.format === 'mdoc') {
      const issued = await api.issueMdoc(issuer, {
        sessionTranscript: oid4vpSessionTranscript({
          ...(values.nonce !== undefined ? { nonce: values.nonce } : {}),
          ...(values.aud !== undefined ? { clientId: values.aud } : {}),
          ...(values['response-uri'] !== undefined ? { responseUri: values['response-uri'] } : {}),
        }),
        ...(holderPrivateJwk ? { devicePrivateJwk: holderPrivateJwk } : {}),
      })
      if (values.json) io.out(JSON.stringify(issued, null, 2))
      else describeIssuedMdoc(issued, io)
      return 0
    }
    if (values.format !== 'sd-jwt-vc')
      throw new KakehashiError(
        'usage.invalid',
        `--format is sd-jwt-vc, mdoc, ldp_vc or vc+jwt, not ${values.format}`,
      )
    const issued = await api.issue(issuer, {
      keyBinding: !values['no-kb'],
      ...(holderPrivateJwk ? { holderPrivateJwk } : {}),
      ...(values.nonce !== undefined ? { nonce: values.nonce } : {}),
      ...(values.aud !== undefined ? { audience: values.aud } : {}),
    })
    if (values.json) {
      io.out(JSON.stringify(issued, null, 2))
    } else {
      io.out(issued.credential)
      const binding = issued.nonce
        ? ` with key binding for nonce ${issued.nonce}, aud ${issued.audience}`
        : ' without key binding'
      io.err(
        `issued ${issued.vct} by ${issued.issuer}${binding}; status index ${issued.statusIndex}`,
      )
    }
    return 0
  } finally {
    await api.close()
  }
}

/** The DeviceResponse on stdout; on stderr, the session transcript a verifier must rebuild. */
function describeIssuedMdoc(issued: IssuedMdoc, io: Io): void {
  io.out(issued.deviceResponse)
  io.err(
    `issued ${issued.docType} by ${issued.issuer} as an mdoc DeviceResponse (base64url); status index ${issued.statusIndex}\n` +
      `device-signed for this session; verify with: kakehashi verify <file> --session-transcript '${JSON.stringify(issued.sessionTranscript)}'`,
  )
}
