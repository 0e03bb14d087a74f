// Turns a LOTL pointer's mutual-recognition extension into recognition rules: Kakehashi's own rules held to the MRA block, or rules read from an EU MRA.
//
// A pointer Kakehashi wrote carries each rule whole (`kh:RecognitionRule`) next to the MRA block.
// Those are the rules, and the block must say the same (frameworks, credential types, level pairs,
// status and its times, as recognition-rule-equivalences.ts spells them); where it does not, the
// list contradicts itself and is refused (`source.mra_inconsistent`) rather than either half
// believed. A pointer of the EU's own (the pilot's third country) has only the block. Then the
// pointing party's framework (eIDAS qualified services, by default) recognises the pointed list's
// qualified services (`<territory>.tl.qualified`), one rule per TrustServiceLegalIdentifier, since
// each equivalence has a status and a time of its own. The block maps service types, statuses and
// qualifiers, not assurance levels, so the level mapping is empty; the equivalences themselves are
// returned next to the rules, for a report to show. Ids are derived from the pointer's TSLLocation,
// the two legislations and the legal identifier, so a new version of the list keeps them.
import { KakehashiError } from '../../errors.ts'
import { shortHash } from '../../lib/list-mapping.ts'
import { type RecognitionRule, zRecognitionRule } from '../../model/index.ts'
import { kakehashiRecognitionRules } from './read-kakehashi-recognition.ts'
import {
  equivalenceKey,
  frameworkUrn,
  MRA_ENACTED,
  MRA_REPEALED,
  ruleEquivalences,
} from './recognition-rule-equivalences.ts'
import { EIDAS_QUALIFIED_FRAMEWORK } from './trusted-list-to-source-import.ts'
import type {
  MutualRecognitionAgreementInformation,
  OtherTSLPointer,
  TrustServiceEquivalenceInformation,
} from './trusted-list-types.ts'

export interface MutualRecognitionRuleOptions {
  /** Set on every rule, and the first part of a derived rule's id. */
  sourceId?: string
  /** The pointing party's framework, for a block without Kakehashi rules: eIDAS qualified by default. */
  recognisingFrameworkId?: string
  /** The pointed party's framework, for such a block: `<SchemeTerritory in lower case>.tl.qualified` by default. */
  recognisedFrameworkId?: string
}

export interface MutualRecognitionRules {
  /** `kakehashi`: the pointer's own rules, checked against its block; `mra`: read from the block. */
  origin: 'kakehashi' | 'mra' | 'none'
  rules: RecognitionRule[]
  /** For each rule, in the same order, the equivalences of the block that stand for it. */
  equivalences: TrustServiceEquivalenceInformation[][]
  /** Equivalences no rule was read from: a status neither enacted nor repealed. */
  ignored: TrustServiceEquivalenceInformation[]
}

/** The recognition rules of `pointer`, with the MRA equivalences behind each. */
export function readMutualRecognitionRules(
  pointer: OtherTSLPointer,
  options: MutualRecognitionRuleOptions = {},
): MutualRecognitionRules {
  const own = kakehashiRecognitionRules(pointer.otherInformation)
  const agreement = pointer.mutualRecognitionAgreementInformation
  if (own.length > 0) return checkedOwnRules(own, agreement, options)
  if (agreement === undefined) return { origin: 'none', rules: [], equivalences: [], ignored: [] }
  return derivedRules(pointer, agreement, options)
}

/** Just the rules of readMutualRecognitionRules. */
export function rulesFromMutualRecognition(
  pointer: OtherTSLPointer,
  options: MutualRecognitionRuleOptions = {},
): RecognitionRule[] {
  return readMutualRecognitionRules(pointer, options).rules
}

function checkedOwnRules(
  rules: RecognitionRule[],
  agreement: MutualRecognitionAgreementInformation | undefined,
  options: MutualRecognitionRuleOptions,
): MutualRecognitionRules {
  if (agreement === undefined) {
    throw inconsistent('the pointer carries Kakehashi rules but no MRA block')
  }
  for (const rule of rules) {
    const pointing = frameworkUrn(rule.recognisingFrameworkId)
    const pointed = frameworkUrn(rule.recognisedFrameworkId)
    if (
      agreement.pointingContractingPartyLegislation !== pointing ||
      agreement.pointedContractingPartyLegislation !== pointed
    ) {
      throw inconsistent(
        `rule ${rule.id} is between ${pointing} and ${pointed}; the MRA block between ` +
          `${agreement.pointingContractingPartyLegislation} and ${agreement.pointedContractingPartyLegislation}`,
        { ruleId: rule.id },
      )
    }
  }
  const unclaimed = new Map<string, TrustServiceEquivalenceInformation[]>()
  for (const equivalence of agreement.trustServiceEquivalenceInformation) {
    const key = equivalenceKey(equivalence)
    unclaimed.set(key, [...(unclaimed.get(key) ?? []), equivalence])
  }
  // A rule without validUntil has one form; of the others, the repealed form (which names
  // validUntil) is tried first, so that an enacted twin cannot take another rule's equivalences.
  const order = rules
    .map((rule, index) => ({ rule, index }))
    .sort(
      (a, b) => Number(a.rule.validUntil !== undefined) - Number(b.rule.validUntil !== undefined),
    )
  const equivalences: TrustServiceEquivalenceInformation[][] = rules.map(() => [])
  for (const { rule, index } of order) {
    const forms =
      rule.validUntil === undefined ? (['enacted'] as const) : (['repealed', 'enacted'] as const)
    let claimed: TrustServiceEquivalenceInformation[] | undefined
    for (const form of forms) {
      claimed = claim(unclaimed, ruleEquivalences(rule, form).map(equivalenceKey))
      if (claimed !== undefined) break
    }
    if (claimed === undefined) {
      throw inconsistent(`the MRA block does not state rule ${rule.id} as the rule itself does`, {
        ruleId: rule.id,
      })
    }
    equivalences[index] = claimed
  }
  const rest = [...unclaimed.values()].flat()
  if (rest.length > 0) {
    throw inconsistent(
      `the MRA block states ${rest.length} equivalence(s) no Kakehashi rule of the pointer has, ` +
        `the first for ${rest[0]?.trustServiceLegalIdentifier}`,
    )
  }
  const sourced =
    options.sourceId === undefined
      ? rules
      : rules.map((rule) => ({ ...rule, sourceId: options.sourceId }))
  return { origin: 'kakehashi', rules: sourced as RecognitionRule[], equivalences, ignored: [] }
}

/** Takes one equivalence for each key out of `unclaimed`, all or none. */
function claim(
  unclaimed: Map<string, TrustServiceEquivalenceInformation[]>,
  keys: string[],
): TrustServiceEquivalenceInformation[] | undefined {
  const needed = new Map<string, number>()
  for (const key of keys) needed.set(key, (needed.get(key) ?? 0) + 1)
  for (const [key, count] of needed) {
    if ((unclaimed.get(key)?.length ?? 0) < count) return undefined
  }
  return keys.map((key) => {
    const [first, ...others] = unclaimed.get(key) as [TrustServiceEquivalenceInformation]
    if (others.length === 0) unclaimed.delete(key)
    else unclaimed.set(key, others)
    return first
  })
}

interface Window {
  validFrom: string
  validUntil?: string
}

/**
 * When an equivalence is in force: from its enactment, open-ended; or, once repealed, from the
 * enactment its history records up to the repeal (no time at all when none is recorded).
 */
function windowOf(equivalence: TrustServiceEquivalenceInformation): Window | undefined {
  const since = equivalence.trustServiceEquivalenceStatusStartingTime
  if (equivalence.trustServiceEquivalenceStatus === MRA_ENACTED) return { validFrom: since }
  if (equivalence.trustServiceEquivalenceStatus !== MRA_REPEALED) return undefined
  const enactments = equivalence.trustServiceEquivalenceHistory
    .filter((instance) => instance.trustServiceEquivalenceStatus === MRA_ENACTED)
    .map((instance) => instance.trustServiceEquivalenceStatusStartingTime)
    .filter((time) => Date.parse(time) <= Date.parse(since))
    .sort((a, b) => Date.parse(b) - Date.parse(a))
  return { validFrom: enactments[0] ?? since, validUntil: since }
}

function derivedRules(
  pointer: OtherTSLPointer,
  agreement: MutualRecognitionAgreementInformation,
  options: MutualRecognitionRuleOptions,
): MutualRecognitionRules {
  const recognisingFrameworkId = options.recognisingFrameworkId ?? EIDAS_QUALIFIED_FRAMEWORK
  const recognisedFrameworkId = options.recognisedFrameworkId ?? territoryFramework(pointer)
  const ignored: TrustServiceEquivalenceInformation[] = []
  // Legal identifier → window → equivalences, in the block's order.
  const byIdentifier = new Map<
    string,
    Map<string, { window: Window; members: TrustServiceEquivalenceInformation[] }>
  >()
  for (const equivalence of agreement.trustServiceEquivalenceInformation) {
    const window = windowOf(equivalence)
    if (window === undefined) {
      ignored.push(equivalence)
      continue
    }
    const identifier = equivalence.trustServiceLegalIdentifier
    const windows = byIdentifier.get(identifier) ?? new Map()
    byIdentifier.set(identifier, windows)
    const key = JSON.stringify([window.validFrom, window.validUntil ?? null])
    const group = windows.get(key) ?? { window, members: [] }
    windows.set(key, group)
    group.members.push(equivalence)
  }
  const rules: RecognitionRule[] = []
  const equivalences: TrustServiceEquivalenceInformation[][] = []
  const pointing = agreement.pointingContractingPartyLegislation
  const pointed = agreement.pointedContractingPartyLegislation
  const prefix = options.sourceId === undefined ? 'mra' : `${options.sourceId}:mra`
  for (const [identifier, windows] of byIdentifier) {
    for (const { window, members } of windows.values()) {
      // The window is part of the key only when one identifier has several.
      const key = [pointer.tslLocation, pointing, pointed, identifier]
      if (windows.size > 1) key.push(window.validFrom, window.validUntil ?? '')
      const candidate = {
        id: `${prefix}:${shortHash(key.join('\n'))}`,
        recognisingFrameworkId,
        recognisedFrameworkId,
        credentialTypes: [identifier],
        levelMapping: {},
        legalBasis: (
          `Mutual recognition agreement read from the MRA extension of the LOTL's pointer to ` +
          `${pointer.tslLocation}: the legislation ${pointing} (pointing party) recognises ` +
          `${identifier} trust services under the legislation ${pointed} (pointed party).`
        ).slice(0, 2000),
        ...window,
        ...(options.sourceId === undefined ? {} : { sourceId: options.sourceId }),
      }
      const parsed = zRecognitionRule.safeParse(candidate)
      if (!parsed.success) {
        throw new KakehashiError(
          'tl.not_conformant',
          `the MRA equivalence for ${identifier} gives no valid recognition rule: ${parsed.error.issues[0]?.message}`,
        )
      }
      rules.push(parsed.data)
      equivalences.push(members)
    }
  }
  return { origin: 'mra', rules, equivalences, ignored }
}

/** `<territory>.tl.qualified`, after the pointer's SchemeTerritory (the list's own may differ). */
function territoryFramework(pointer: OtherTSLPointer): string {
  const territory = pointer.schemeTerritory
  if (territory === undefined || !/^[A-Z]{2}$/.test(territory)) {
    throw new KakehashiError(
      'tl.not_conformant',
      `the pointer to ${pointer.tslLocation} gives no SchemeTerritory to name the recognised framework by`,
    )
  }
  return `${territory.toLowerCase()}.tl.qualified`
}

function inconsistent(message: string, detail?: Record<string, unknown>): KakehashiError {
  return new KakehashiError('source.mra_inconsistent', message, detail)
}
