// Renders a verification report for a person at a terminal: verdict, trust path, checks, claims.
import type { VerificationReport } from '../report/verification-report.ts'

const registeredClaims = new Set([
  'iss',
  'vct',
  'vct#integrity',
  'iat',
  'nbf',
  'exp',
  'cnf',
  'status',
  'sub',
  '_sd_alg',
])

const mark = { passed: '✔', failed: '✘', skipped: '·' } as const

const shown = (value: unknown): string => {
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return text.length > 80 ? `${text.slice(0, 77)}…` : text
}

/**
 * The credential in the relying party's vocabulary: one line per term with its value and how
 * exact it is, then where it came from, and why it is approximate, derived or missing.
 */
function formatMeaning(meaning: NonNullable<VerificationReport['meaning']>): string[] {
  const title = meaning.vocabulary.title
  const lines = [
    `In the relying party's terms: ${title.ja ? `${title.en} / ${title.ja}` : title.en}`,
    `  by ${meaning.crosswalks.map((c) => `${c.id} ${c.version}`).join(' → ')}`,
  ]
  const labelOf = (claim: (typeof meaning.claims)[number]) =>
    claim.label.ja ? `${claim.label.en} / ${claim.label.ja}` : claim.label.en
  const absent: string[] = []
  for (const claim of meaning.claims) {
    // Terms the credential does not state are named together, after those it does.
    if (claim.outcome === 'absent') {
      absent.push(labelOf(claim))
      continue
    }
    const label = labelOf(claim)
    const value = claim.outcome === 'mapped' ? shown(claim.value) : `(${claim.outcome})`
    lines.push(`  ${label}`, `      ${value}${claim.exactness ? `  [${claim.exactness}]` : ''}`)
    const from = claim.source
      .filter((s) => s.value !== undefined)
      .map((s) => `${s.term} = ${shown(s.value)}`)
    if (from.length > 0) lines.push(`      from ${from.join(', ')}`)
    if (claim.derived) lines.push(`      derived: ${claim.derived}`)
    if (claim.reason)
      lines.push(`      ${claim.outcome === 'mapped' ? 'note' : 'why'}: ${claim.reason}`)
  }
  return lines
}

export function formatReport(report: VerificationReport, color: boolean): string {
  const paint = (code: string, text: string) => (color ? `\x1b[${code}m${text}\x1b[0m` : text)
  const lines: string[] = []
  const verdict =
    report.verdict === 'accepted' ? paint('1;32', 'ACCEPTED') : paint('1;31', 'REJECTED')
  lines.push(`${verdict}  ${report.credentialType ?? report.format ?? 'unknown credential'}`)
  if (report.relyingPartyFramework)
    lines.push(`  for a relying party under ${report.relyingPartyFramework}`)
  if (report.errors.length > 0) lines.push(`  because: ${report.errors.join(', ')}`)

  const { anchor, issuer, authorisation, framework, recognition } = report.trustPath
  if (anchor || issuer || authorisation) {
    lines.push('', 'Trust path')
    if (anchor) lines.push(`  anchor         ${anchor.identityId}  ${anchor.subject}`)
    if (issuer) {
      const names = issuer.names?.map((n) => n.value).join(' / ')
      lines.push(
        `  issuer         ${issuer.entityId ?? '?'}  ${names ?? ''}${issuer.country ? ` (${issuer.country})` : ''}`,
      )
      if (issuer.iss) lines.push(`                 iss ${issuer.iss}`)
    }
    if (authorisation) {
      const level = authorisation.assuranceLevel ? `, level ${authorisation.assuranceLevel}` : ''
      lines.push(
        `  authorisation  ${authorisation.id} (${authorisation.role}, ${authorisation.status}${level})`,
      )
    }
    if (framework)
      lines.push(`  framework      ${framework.id}  ${framework.name} [${framework.jurisdiction}]`)
    if (recognition?.kind === 'rule') {
      const level = recognition.recognisedLevel ? `, counts as ${recognition.recognisedLevel}` : ''
      lines.push(`  recognition    ${recognition.rule.id}${level}`)
      lines.push(`                 ${recognition.rule.legalBasis}`)
    } else if (recognition?.kind === 'same_framework') {
      lines.push(`  recognition    same framework (${recognition.frameworkId})`)
    } else if (recognition?.kind === 'not_requested') {
      lines.push('  recognition    not asked (no --rp)')
    }
  }

  lines.push('', 'Checks')
  for (const check of report.checks) {
    const symbol =
      check.status === 'failed'
        ? paint('31', mark.failed)
        : check.status === 'passed'
          ? paint('32', mark.passed)
          : mark.skipped
    lines.push(
      `  ${symbol} ${check.check.padEnd(20)} ${check.code ? `${check.code}: ` : ''}${check.message}`,
    )
  }
  if (report.learning) {
    // Open Badges 3.0 / ELM: what was awarded, each value with where the credential says it.
    const { profile, credits, ...facts } = report.learning
    lines.push('', `Learning achievement (${profile})`)
    for (const [name, fact] of Object.entries(facts))
      lines.push(`  ${name.padEnd(22)} ${String(fact.value)}  (${fact.path})`)
    if (credits)
      lines.push(
        `  ${'credits'.padEnd(22)} ${credits.value} ${credits.system === 'ECTS' ? 'ECTS' : '(system not stated; not converted)'}  (${credits.path})`,
      )
  }
  if (report.meaning) lines.push('', ...formatMeaning(report.meaning))
  if (report.elements) {
    // mdoc: one line per data element, named by its profile; a portrait is a data URI, shortened.
    lines.push('', 'Data elements')
    for (const element of report.elements) {
      const shown =
        typeof element.value === 'string' ? element.value : JSON.stringify(element.value)
      const label = element.label?.ja
        ? `${element.label.en} / ${element.label.ja}`
        : element.label?.en
      lines.push(
        `  ${element.elementIdentifier.padEnd(26)} ${shown.length > 100 ? `${shown.slice(0, 97)}…` : shown}${label ? `  (${label}${element.signedBy === 'device' ? ', device-signed' : ''})` : ''}`,
      )
    }
  } else if (report.claims) {
    lines.push('', 'Claims')
    for (const [name, value] of Object.entries(report.claims)) {
      // The registered claims are shown above, in the checks and the trust path.
      if (registeredClaims.has(name)) continue
      lines.push(
        `  ${name.padEnd(22)} ${typeof value === 'string' ? value : JSON.stringify(value)}`,
      )
    }
  }
  lines.push(
    '',
    `Registry log size ${report.registry.size}, head ${report.registry.headHash.slice(0, 16)}…  at ${report.evaluatedAt}`,
  )
  return lines.join('\n')
}
