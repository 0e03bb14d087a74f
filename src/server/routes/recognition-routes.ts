// GET /v1/recognition/…: the recognition rules, one rule with its log entry, and why A recognises B or not.
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import {
  exportMutualRecognition,
  MAX_SIGNER_CERTIFICATES,
} from '../../bridge/export-mutual-recognition.ts'
import type { Bridge } from '../../bridge/open-bridge.ts'
import { decodeBase64 } from '../../lib/base64.ts'
import { zId } from '../../model/index.ts'
import {
  answerRecognitionExplain,
  answerRecognitionRule,
  answerRecognitionRules,
} from '../../registry/queries/answer-recognition-questions.ts'
import { parseInput } from '../parse-body.ts'

export const zRecognitionRuleParams = z.strictObject({ id: zId })

/** The query of `GET /v1/recognition/explain`: each parameter once; `at` is RFC 3339. */
export const zRecognitionExplainQuery = z.strictObject({
  /** A: the relying party's framework. */
  recognising: zId,
  /** B: the issuer's framework. */
  recognised: zId,
  /** A credential type; absent, every type a rule of the pair names. */
  type: z.string().min(1).max(512).optional(),
  /** B's assurance level. */
  level: z.string().min(1).max(64).optional(),
  /** The time rules are read in force at; default now. */
  at: z.iso.datetime({ offset: true }).optional(),
})

/** A DER certificate in padded standard base64, as `x5c` and XML signatures carry it: its bytes. */
const zBase64Certificate = z
  .string()
  .max(16_384)
  .transform((text, context) => {
    const der = decodeBase64(text)
    if (der === undefined) {
      context.addIssue({ code: 'custom', message: 'a certificate in padded standard base64' })
      return z.NEVER
    }
    return der
  })

/**
 * The query of `GET /v1/recognition/mra`: the pair, where B's list is published, and the
 * certificates that may sign it (`signerCertificate`, repeated for more than one).
 */
export const zMutualRecognitionExportQuery = z.strictObject({
  recognising: zId,
  recognised: zId,
  location: z.url({ protocol: /^https?$/ }).max(2048),
  territory: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  // A query names one value once, several by repeating it: one is read as a list of one.
  signerCertificate: z.preprocess(
    (value) => (typeof value === 'string' ? [value] : value),
    z.array(zBase64Certificate).max(MAX_SIGNER_CERTIFICATES).optional(),
  ),
})

export function recognitionRoutes(app: FastifyInstance, bridge: Bridge): void {
  app.get('/v1/recognition/rules', () => answerRecognitionRules(bridge))
  app.get('/v1/recognition/rules/:id', (req) =>
    answerRecognitionRule(bridge, parseInput(zRecognitionRuleParams, req.params).id),
  )
  app.get('/v1/recognition/mra', async (req, reply) => {
    const query = parseInput(zMutualRecognitionExportQuery, req.query)
    const xml = await exportMutualRecognition(bridge, {
      recognising: query.recognising,
      recognised: query.recognised,
      location: query.location,
      ...(query.territory !== undefined ? { territory: query.territory } : {}),
      ...(query.signerCertificate !== undefined
        ? {
            signerCertificates: query.signerCertificate,
          }
        : {}),
    })
    return reply.type('application/xml; charset=utf-8').send(xml)
  })
  app.get('/v1/recognition/explain', (req) => {
    const query = parseInput(zRecognitionExplainQuery, req.query)
    return answerRecognitionExplain(bridge, {
      recognising: query.recognising,
      recognised: query.recognised,
      ...(query.type !== undefined ? { type: query.type } : {}),
      ...(query.level !== undefined ? { level: query.level } : {}),
      ...(query.at !== undefined ? { at: query.at } : {}),
    })
  })
}
