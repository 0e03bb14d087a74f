// GET /v1/registry/…: the registry's state and its log; POST /v1/registry/anchors: an operator change.
import type { FastifyInstance } from 'fastify'
import type { Bridge } from '../../bridge/open-bridge.ts'
import { getCheckpoint, readLog, verifyLogChain } from '../../log/read-log.ts'
import { addTrustAnchor } from '../../registry/add-trust-anchor.ts'
import {
  getAuthorisation,
  getEntity,
  getFramework,
  getRecognitionRule,
  listAuthorisations,
  listEntities,
  listFrameworks,
  listRecognitionRules,
  listSources,
} from '../../registry/registry-queries.ts'
import { isOperator } from '../operator-auth.ts'
import { parseInput } from '../parse-body.ts'
import { sendProblem } from '../problem.ts'
import { zAddAnchorRequest, zLogQuery } from '../z-requests.ts'

export function registryRoutes(app: FastifyInstance, bridge: Bridge, operatorToken: string): void {
  const { store } = bridge
  app.get('/v1/registry', async () => {
    const snapshot = await bridge.registry.get()
    return {
      checkpoint: snapshot.checkpoint,
      frameworks: snapshot.frameworks.size,
      entities: snapshot.entities.size,
      trustAnchors: snapshot.trustAnchors.length,
      recognitionRules: snapshot.recognitionRules.length,
    }
  })
  app.get('/v1/registry/frameworks', () => listFrameworks(store))
  app.get<{ Params: { id: string } }>('/v1/registry/frameworks/:id', (req) =>
    getFramework(store, req.params.id),
  )
  app.get('/v1/registry/entities', () => listEntities(store))
  app.get<{ Params: { id: string } }>('/v1/registry/entities/:id', (req) =>
    getEntity(store, req.params.id),
  )
  app.get('/v1/registry/authorisations', () => listAuthorisations(store))
  app.get<{ Params: { id: string } }>('/v1/registry/authorisations/:id', (req) =>
    getAuthorisation(store, req.params.id),
  )
  app.get('/v1/registry/recognition-rules', () => listRecognitionRules(store))
  app.get<{ Params: { id: string } }>('/v1/registry/recognition-rules/:id', (req) =>
    getRecognitionRule(store, req.params.id),
  )
  app.get('/v1/registry/sources', () => listSources(store))
  app.get('/v1/registry/log', async (req) => {
    const query = parseInput(zLogQuery, req.query)
    return {
      checkpoint: await getCheckpoint(store),
      entries: await readLog(store, { fromSeq: query.from, limit: query.limit }),
    }
  })
  app.get('/v1/registry/log/verify', async () => {
    const result = await verifyLogChain(store)
    return { ok: true, size: result.size, headHash: result.headHash }
  })
  app.post('/v1/registry/anchors', async (req, reply) => {
    if (!isOperator(req, operatorToken)) {
      return sendProblem(
        reply,
        401,
        'auth.operator_required',
        'operator changes need the operator bearer token',
      )
    }
    const body = parseInput(zAddAnchorRequest, req.body)
    const entries = await addTrustAnchor(store, bridge.clock, {
      frameworkId: body.framework,
      entityName: body.entity,
      ...(body.entityId !== undefined ? { entityId: body.entityId } : {}),
      ...(body.country !== undefined ? { country: body.country } : {}),
      certPem: body.certPem,
      credentialTypes: body.credentialTypes,
      actor: 'operator:http',
      reason: body.reason ?? `trust anchor for ${body.entity} added by an operator`,
    })
    bridge.registry.invalidate()
    req.log.info({ seq: entries.map((e) => e.seq) }, 'operator added a trust anchor')
    return reply.code(201).send({ entries })
  })
}
