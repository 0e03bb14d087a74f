// Recognition rules listed, shown and explained against a live registry: its snapshot, clock, policy and log.
import { KakehashiError } from '../../errors.ts'
import type { Queryable } from '../../store/store.ts'
import type { Clock } from '../../util/clock.ts'
import type { RegistrySnapshot } from '../registry-snapshot.ts'
import { describeRecognitionRule, listRecognitionRuleRecords } from './describe-recognition-rule.ts'
import { explainRecognition } from './explain-recognition.ts'
import type {
  RecognitionExplanation,
  RecognitionRuleDescription,
  RecognitionRuleList,
} from './recognition-explanation-types.ts'
import { withLogEntries, withRuleLogEntry } from './recognition-log-entries.ts'
import type { StaleSourcePolicy } from './source-freshness.ts'

/** What the answers read: a running bridge has all of it. */
export interface RecognitionReader {
  readonly registry: { get(): Promise<RegistrySnapshot> }
  readonly store: Queryable
  readonly clock: Clock
  readonly config: { readonly staleSources: StaleSourcePolicy }
}

/** `recognition explain` as the command line and the HTTP API ask it. */
export interface RecognitionExplainQuery {
  /** A: the relying party's framework. */
  recognising: string
  /** B: the issuer's framework. */
  recognised: string
  type?: string
  /** B's level. */
  level?: string
  /** RFC 3339; default now. */
  at?: string
}

function timeOf(at: string | undefined, nowMs: number): number {
  if (at === undefined) return nowMs
  const ms = Date.parse(at)
  if (Number.isNaN(ms)) throw new KakehashiError('input.invalid', `${at} is not an RFC 3339 time`)
  return ms
}

export async function answerRecognitionRules(
  reader: RecognitionReader,
): Promise<RecognitionRuleList> {
  return listRecognitionRuleRecords(await reader.registry.get(), reader.clock.now())
}

export async function answerRecognitionRule(
  reader: RecognitionReader,
  id: string,
): Promise<RecognitionRuleDescription> {
  const snapshot = await reader.registry.get()
  const description = describeRecognitionRule(snapshot, id, {
    atMs: reader.clock.now(),
    staleSources: reader.config.staleSources,
  })
  return withRuleLogEntry(reader.store, description)
}

/** Rules are read in force at `at`; their sources are judged fresh now, as trust queries do. */
export async function answerRecognitionExplain(
  reader: RecognitionReader,
  query: RecognitionExplainQuery,
): Promise<RecognitionExplanation> {
  const nowMs = reader.clock.now()
  const answer = explainRecognition(await reader.registry.get(), {
    recognisingFrameworkId: query.recognising,
    recognisedFrameworkId: query.recognised,
    ...(query.type !== undefined ? { credentialType: query.type } : {}),
    ...(query.level !== undefined ? { level: query.level } : {}),
    atMs: timeOf(query.at, nowMs),
    nowMs,
    staleSources: reader.config.staleSources,
  })
  return withLogEntries(reader.store, answer)
}
