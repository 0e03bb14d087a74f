// Human output of `kakehashi recognition list|show|explain`: a few aligned lines per rule and per type.
import type {
  FrameworkSummary,
  RecognitionExplanation,
  RecognitionRuleDescription,
  RecognitionRuleList,
  RecognitionRuleRecord,
  ReverseDirection,
  TypeExplanation,
} from '../../registry/queries/recognition-explanation-types.ts'
import type { SourceEvidence } from '../../registry/queries/source-freshness.ts'
import { logSeqMark, staleMark } from './evidence-text.ts'

const label = (name: string, indent: string) => `${indent}${name.padEnd(15)}`
const short = (hash: string) => `${hash.slice(0, 16)}…`

function framework(summary: FrameworkSummary | undefined, id: string): string {
  if (summary === undefined) return id
  if (!summary.known) return `${id}  (not in the registry)`
  const levels = summary.assuranceLevels?.length
    ? `  levels ${summary.assuranceLevels.join(' < ')}`
    : ''
  return `${id}  ${summary.name} [${summary.jurisdiction}]${levels}${logSeqMark(summary.logSeq)}`
}

const validity = (rule: RecognitionRuleRecord) =>
  `${rule.validFrom} to ${rule.validUntil ?? 'open'}  [${rule.inForce ? 'in force' : 'not in force'}]`

function levels(rule: RecognitionRuleRecord): string {
  const mapping = Object.entries(rule.levelMapping)
  const mapped =
    mapping.length === 0
      ? 'every level (no mapping)'
      : mapping.map(([from, to]) => `${from} → ${to}`).join(', ')
  const minimum =
    rule.minimumLevel === undefined
      ? 'no minimum'
      : `minimum ${rule.minimumLevel} (the recognised framework's order)`
  return `${mapped}; ${minimum}`
}

function describeSource(source: SourceEvidence | undefined, indent: string): string[] {
  if (source === undefined) return []
  return [
    `${label('source', indent)}${source.id} (${source.kind}) #${source.sequenceNumber ?? '-'}, next update ${source.nextUpdate ?? 'none'}${staleMark(source)}${logSeqMark(source.logSeq)}`,
  ]
}

/** Every field of the rule, and the log entry that put it when it was read. */
function ruleLines(rule: RecognitionRuleRecord, indent: string): string[] {
  const entry = rule.logEntry
  return [
    `${label('rule', indent)}${rule.id}${logSeqMark(rule.logSeq)}`,
    `${label('direction', indent)}${rule.recognisingFrameworkId} ← ${rule.recognisedFrameworkId}`,
    `${label('for', indent)}${rule.credentialTypes.join(', ')}`,
    `${label('levels', indent)}${levels(rule)}`,
    `${label('legal basis', indent)}${rule.legalBasis}`,
    ...(rule.scope !== undefined ? [`${label('scope', indent)}${rule.scope}`] : []),
    `${label('valid', indent)}${validity(rule)}`,
    ...(rule.sourceId !== undefined ? [`${label('from source', indent)}${rule.sourceId}`] : []),
    ...(entry !== undefined
      ? [
          `${label('log entry', indent)}#${entry.seq}  ${entry.recordedAt}  by ${entry.actor}: ${entry.reason}`,
          `${label('', indent)}entry ${short(entry.entryHash)}  prev ${short(entry.prevHash)}`,
        ]
      : []),
  ]
}

const reverseLine = (reverse: ReverseDirection) => `${label('reverse', '  ')}${reverse.message}`

const registryLine = (checkpoint: { size: number; headHash: string }) =>
  `${label('registry', '  ')}log size ${checkpoint.size}, head ${short(checkpoint.headHash)}`

export function describeRuleList(list: RecognitionRuleList): string {
  const byId = new Map(list.frameworks.map((f) => [f.id, f]))
  const lines = [
    `Recognition rules (${list.rules.length}) at ${list.at}, registry log size ${list.checkpoint.size}`,
  ]
  for (const rule of list.rules) {
    lines.push(
      '',
      `  ${rule.id}  [${rule.inForce ? 'in force' : 'not in force'}]${logSeqMark(rule.logSeq)}`,
      `    ${framework(byId.get(rule.recognisingFrameworkId), rule.recognisingFrameworkId)}`,
      `      recognises ${framework(byId.get(rule.recognisedFrameworkId), rule.recognisedFrameworkId)}`,
      `    for ${rule.credentialTypes.join(', ')}`,
    )
  }
  return lines.join('\n')
}

export function describeRule(description: RecognitionRuleDescription): string {
  const { rule } = description
  return [
    `recognition rule ${rule.id}`,
    `${label('recognising', '  ')}${framework(description.recognising, rule.recognisingFrameworkId)}`,
    `${label('recognised', '  ')}${framework(description.recognised, rule.recognisedFrameworkId)}`,
    ...ruleLines(rule, '  ').slice(1),
    ...describeSource(description.source, '  '),
    reverseLine(description.reverse),
    registryLine(description.checkpoint),
  ].join('\n')
}

/** With one type asked about, its message is the answer's and is not repeated. */
function typeBlock(type: TypeExplanation, onlyType: boolean): string[] {
  const verdict = type.verdict === 'recognised' ? 'RECOGNISED' : `NOT RECOGNISED (${type.reason})`
  // Without a type, each rule is shown under the types it names: "other type" would repeat them.
  const passedOver = type.passedOver.filter((p) => onlyType || p.why !== 'other_type')
  return [
    '',
    `  ${type.credentialType}  ${verdict}`,
    ...(onlyType ? [] : [`    ${type.message}`]),
    ...(type.recognisedLevel !== undefined
      ? [`${label('counts as', '    ')}${type.recognisedLevel}`]
      : []),
    ...(type.rule !== undefined ? ruleLines(type.rule, '    ') : []),
    ...describeSource(type.source, '    '),
    ...passedOver.map(
      (p) =>
        `${label('not deciding', '    ')}${p.rule.id}  ${p.why}: ${p.message}${logSeqMark(p.rule.logSeq)}`,
    ),
  ]
}

export function describeExplanation(answer: RecognitionExplanation): string {
  const a = answer.recognising.id
  const b = answer.recognised.id
  const forType = answer.credentialType !== undefined ? ` for ${answer.credentialType}` : ''
  const head =
    answer.verdict === 'recognised'
      ? `RECOGNISED  ${a} recognises ${b}${forType}`
      : `NOT RECOGNISED  ${a} does not recognise ${b}${forType}\n  because: ${answer.reason}`
  const level =
    answer.level === undefined
      ? []
      : [
          `${label('level', '  ')}${answer.level} of ${b}${answer.levelListed === false ? ` (not one of ${b}'s levels)` : ''}`,
        ]
  return [
    head,
    `  ${answer.message}`,
    `${label('recognising', '  ')}${framework(answer.recognising, a)}`,
    `${label('recognised', '  ')}${framework(answer.recognised, b)}`,
    ...level,
    `${label('at', '  ')}${answer.at} (stale sources: ${answer.staleSources})`,
    ...answer.types.flatMap((type) => typeBlock(type, answer.credentialType !== undefined)),
    '',
    reverseLine(answer.reverse),
    registryLine(answer.checkpoint),
  ].join('\n')
}
