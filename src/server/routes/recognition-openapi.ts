// The OpenAPI description of the recognition endpoints, merged into the service's document.
import type { z } from 'zod'
import { zMutualRecognitionExportQuery, zRecognitionExplainQuery } from './recognition-routes.ts'

const answer = (description: string) => ({
  description,
  content: { 'application/json': { schema: { type: 'object' } } },
})

/** Query parameters from the zod schema, so the document and the validation cannot drift. */
function queryParameters(
  json: (schema: z.ZodType) => unknown,
  query: z.ZodType = zRecognitionExplainQuery,
): Record<string, unknown>[] {
  const schema = json(query) as {
    properties: Record<string, Record<string, unknown>>
    required?: string[]
  }
  return Object.entries(schema.properties).map(([name, property]) => ({
    name,
    in: 'query',
    required: schema.required?.includes(name) ?? false,
    schema: property,
  }))
}

export function recognitionPaths(
  problem: unknown,
  json: (schema: z.ZodType) => unknown,
): Record<string, unknown> {
  return {
    '/v1/recognition/rules': {
      get: {
        summary:
          'Recognition rules, each with the seq of the log entry that put it and whether it is in force now, and the frameworks they name',
        responses: { 200: answer('The rules in id order, the frameworks and the log checkpoint') },
      },
    },
    '/v1/recognition/rules/{id}': {
      get: {
        summary:
          'One recognition rule with both frameworks, its source, the log entry that put it (seq, recordedAt, actor, reason, entryHash, prevHash) and the rules of the reverse direction',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          200: answer('The rule described'),
          400: problem,
          404: problem,
        },
      },
    },
    '/v1/recognition/explain': {
      get: {
        summary:
          'Why framework `recognising` (A, the relying party’s) does or does not recognise framework `recognised` (B, the issuer’s): the verdict with a stable reason, the deciding rule and its log entry, the rules passed over and why, and the reverse direction',
        description:
          'Reasons: recognition.none, recognition.not_in_force, recognition.level_unmapped, recognition.level_below_minimum, recognition.framework_unknown, source.stale. A "no" is 200 with verdict not_recognised. Without `type`, every credential type a rule of the pair names is answered. `level` is B’s level; `at` is the time rules are read in force at (sources are judged fresh now).',
        parameters: queryParameters(json),
        responses: { 200: answer('The explanation'), 400: problem },
      },
    },
    '/v1/recognition/mra': {
      get: {
        summary:
          'The rules by which `recognising` (A) recognises `recognised` (B), as an EU LOTL OtherTSLPointer carrying the mutual-recognition extension (mra:MutualRecognitionAgreementInformation, as EU tools read it) and Kakehashi’s own statement of each rule beside it',
        description:
          '`location` is where B’s list is published (the pointer’s TSLLocation); `territory` its ISO 3166-1 alpha-2 code; `signerCertificate` (repeated for each, at most 8) a DER certificate in padded standard base64 that may sign B’s list, written as the pointer’s ServiceDigitalIdentities. Without one the pointer names no signer, and EU tools accept B’s list through it only once the LOTL adds them. A value that is not a certificate is 400; no rule for the pair is 404.',
        parameters: queryParameters(json, zMutualRecognitionExportQuery),
        responses: {
          200: {
            description: 'The OtherTSLPointer element',
            content: { 'application/xml': { schema: { type: 'string' } } },
          },
          400: problem,
          404: problem,
        },
      },
    },
  }
}
