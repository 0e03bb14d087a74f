// The recognition reads the command line asks of a bridge: in-process, or over GET /v1/recognition/….
import {
  exportMutualRecognition,
  type MutualRecognitionExportQuery,
} from '../bridge/export-mutual-recognition.ts'
import type { Bridge } from '../bridge/open-bridge.ts'
import {
  answerRecognitionExplain,
  answerRecognitionRule,
  answerRecognitionRules,
  type RecognitionExplainQuery,
} from '../registry/queries/answer-recognition-questions.ts'
import type {
  RecognitionExplanation,
  RecognitionRuleDescription,
  RecognitionRuleList,
} from '../registry/queries/recognition-explanation-types.ts'

export interface RecognitionApi {
  recognitionRules(): Promise<RecognitionRuleList>
  /** An unknown id is `registry.not_found`. */
  recognitionRule(id: string): Promise<RecognitionRuleDescription>
  explainRecognition(query: RecognitionExplainQuery): Promise<RecognitionExplanation>
  /** The rules of A ← B as a LOTL pointer with the EU mutual-recognition extension (XML). */
  exportMutualRecognition(query: MutualRecognitionExportQuery): Promise<string>
}

export const localRecognitionApi = (bridge: Bridge): RecognitionApi => ({
  recognitionRules: () => answerRecognitionRules(bridge),
  recognitionRule: (id) => answerRecognitionRule(bridge, id),
  explainRecognition: (query) => answerRecognitionExplain(bridge, query),
  exportMutualRecognition: (query) => exportMutualRecognition(bridge, query),
})

type Call = <T>(method: 'GET' | 'POST', path: string) => Promise<T>
type CallText = (path: string, accept: string) => Promise<string>

/** The query string of `GET /v1/recognition/mra`. */
export function mraSearchParams(query: MutualRecognitionExportQuery): URLSearchParams {
  const params = new URLSearchParams({
    recognising: query.recognising,
    recognised: query.recognised,
    location: query.location,
  })
  if (query.territory !== undefined) params.set('territory', query.territory)
  for (const der of query.signerCertificates ?? [])
    params.append('signerCertificate', Buffer.from(der).toString('base64'))
  return params
}

/** The query string of `GET /v1/recognition/explain`, from the same names. */
export function explainSearchParams(query: RecognitionExplainQuery): URLSearchParams {
  const params = new URLSearchParams({
    recognising: query.recognising,
    recognised: query.recognised,
  })
  if (query.type !== undefined) params.set('type', query.type)
  if (query.level !== undefined) params.set('level', query.level)
  if (query.at !== undefined) params.set('at', query.at)
  return params
}

/** The same reads against a running bridge: its answers are the same JSON. */
export const remoteRecognitionApi = (call: Call, callText: CallText): RecognitionApi => ({
  recognitionRules: () => call('GET', '/v1/recognition/rules'),
  recognitionRule: (id) => call('GET', `/v1/recognition/rules/${encodeURIComponent(id)}`),
  explainRecognition: (query) =>
    call('GET', `/v1/recognition/explain?${explainSearchParams(query)}`),
  exportMutualRecognition: (query) =>
    callText(`/v1/recognition/mra?${mraSearchParams(query)}`, 'application/xml'),
})
