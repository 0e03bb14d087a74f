// What a learning credential says, read from Open Badges 3.0 or the European Learning Model: who awarded what to whom, at which level.
import { isPlainObject } from '../../../lib/parse-json.ts'
import type { LearningSummary, Sourced } from '../../../report/learning-summary.ts'

const EQF = /^https?:\/\/data\.europa\.eu\/snb\/eqf\/([1-8])$/
const ECTS_FRAMEWORK = 'http://data.europa.eu/snb/education-credit/6fcec5c5af'

const first = (value: unknown): unknown => (Array.isArray(value) ? value[0] : value)
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)

/** An ELM language map (`{ en: …, ja: … }`): English first, else the first language given. */
function languageMap(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (!isPlainObject(value)) return undefined
  const english = value.en
  if (typeof english === 'string') return english
  return Object.values(value).find((v): v is string => typeof v === 'string')
}

const sourced = <T>(value: T | undefined, path: string): Sourced<T> | undefined =>
  value === undefined ? undefined : { value, path }

function compact(summary: LearningSummary): LearningSummary {
  for (const key of Object.keys(summary) as (keyof LearningSummary)[])
    if (summary[key] === undefined) delete summary[key]
  return summary
}

/** Open Badges 3.0 §B: `issuer` Profile, `credentialSubject` AchievementSubject and its Achievement. */
function openBadge(credential: Record<string, unknown>): LearningSummary {
  const issuer = first(credential.issuer)
  const subject = first(credential.credentialSubject)
  const s = isPlainObject(subject) ? subject : {}
  const achievement = isPlainObject(s.achievement) ? s.achievement : {}
  const named = Array.isArray(s.identifier)
    ? s.identifier.find((i) => isPlainObject(i) && i.identityType === 'name' && i.hashed === false)
    : undefined
  const alignments = Array.isArray(achievement.alignment) ? achievement.alignment : []
  const eqfIndex = alignments.findIndex(
    (a) => isPlainObject(a) && typeof a.targetUrl === 'string' && EQF.test(a.targetUrl),
  )
  const eqf =
    eqfIndex >= 0 ? EQF.exec((alignments[eqfIndex] as { targetUrl: string }).targetUrl) : null
  const creditsEarned = typeof s.creditsEarned === 'number' ? s.creditsEarned : undefined
  return compact({
    profile: 'Open Badges 3.0',
    awardingBody: sourced(isPlainObject(issuer) ? text(issuer.name) : undefined, 'issuer.name'),
    learner:
      sourced(text(s.name), 'credentialSubject.name') ??
      sourced(
        isPlainObject(named) ? text(named.identityHash) : undefined,
        'credentialSubject.identifier[identityType=name].identityHash',
      ),
    achievement: sourced(text(achievement.name), 'credentialSubject.achievement.name'),
    achievementType: sourced(
      text(achievement.achievementType),
      'credentialSubject.achievement.achievementType',
    ),
    fieldOfStudy: sourced(
      text(achievement.fieldOfStudy),
      'credentialSubject.achievement.fieldOfStudy',
    ),
    eqfLevel: sourced(
      eqf === null ? undefined : Number(eqf[1]),
      `credentialSubject.achievement.alignment[${eqfIndex}].targetUrl`,
    ),
    // OB 3.0 names no credit system: "generally in semester or quarter credit hours".
    ...(creditsEarned !== undefined
      ? {
          credits: {
            value: creditsEarned,
            path: 'credentialSubject.creditsEarned',
            system: 'unspecified' as const,
          },
        }
      : {}),
    awardedDate: sourced(text(credential.awardedDate), 'awardedDate'),
  })
}

/** ELM v3 (EDC application profile): the learner's claim, its awarding process and specification. */
function europeanLearningModel(credential: Record<string, unknown>): LearningSummary {
  const subject = first(credential.credentialSubject)
  const s = isPlainObject(subject) ? subject : {}
  const claim = first(s.hasClaim)
  const c = isPlainObject(claim) ? claim : {}
  const awardedBy = isPlainObject(c.awardedBy) ? c.awardedBy : {}
  const body = first(awardedBy.awardingBody)
  const specifiedBy = isPlainObject(c.specifiedBy) ? c.specifiedBy : {}
  const eqfLevel = isPlainObject(specifiedBy.eqfLevel) ? text(specifiedBy.eqfLevel.id) : undefined
  const eqf = eqfLevel === undefined ? null : EQF.exec(eqfLevel)
  const creditPoint = first(specifiedBy.creditPoint)
  const cp = isPlainObject(creditPoint) ? creditPoint : {}
  // ELM writes `point` as a string.
  const points =
    typeof cp.point === 'string' && /^\d+(\.\d+)?$/.test(cp.point) ? Number(cp.point) : undefined
  const framework = isPlainObject(cp.framework) ? cp.framework.id : undefined
  const area = first(specifiedBy.thematicArea)
  return compact({
    profile: 'European Learning Model',
    awardingBody: sourced(
      isPlainObject(body) ? languageMap(body.legalName) : undefined,
      'credentialSubject.hasClaim.awardedBy.awardingBody.legalName',
    ),
    learner: sourced(languageMap(s.fullName), 'credentialSubject.fullName'),
    achievement: sourced(languageMap(c.title), 'credentialSubject.hasClaim.title'),
    achievementType: sourced(text(specifiedBy.type), 'credentialSubject.hasClaim.specifiedBy.type'),
    fieldOfStudy: sourced(
      isPlainObject(area) ? languageMap(area.prefLabel) : undefined,
      'credentialSubject.hasClaim.specifiedBy.thematicArea.prefLabel',
    ),
    eqfLevel: sourced(
      eqf === null ? undefined : Number(eqf[1]),
      'credentialSubject.hasClaim.specifiedBy.eqfLevel.id',
    ),
    ...(points !== undefined
      ? {
          credits: {
            value: points,
            path: 'credentialSubject.hasClaim.specifiedBy.creditPoint.point',
            system: framework === ECTS_FRAMEWORK ? ('ECTS' as const) : ('unspecified' as const),
          },
        }
      : {}),
    awardedDate: sourced(
      text(awardedBy.awardingDate),
      'credentialSubject.hasClaim.awardedBy.awardingDate',
    ),
  })
}

/** The summary of an Open Badges 3.0 or ELM credential; undefined for any other type. */
export function learningSummaryOf(
  credential: Record<string, unknown>,
  types: readonly string[],
): LearningSummary | undefined {
  if (types.includes('OpenBadgeCredential') || types.includes('AchievementCredential'))
    return openBadge(credential)
  if (types.includes('EuropeanDigitalCredential')) return europeanLearningModel(credential)
  return undefined
}
