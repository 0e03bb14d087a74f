// GET /v1/registry/frameworks/:id/lote: a framework of the registry as a signed TS 119 602 list (JSON binding).
import type { FastifyInstance } from 'fastify'
import { exportFrameworkLote } from '../../bridge/export-lote.ts'
import type { Bridge } from '../../bridge/open-bridge.ts'
import { LOTE_JWS_MEDIA_TYPE } from '../../sources/lote/index.ts'

export function loteRoutes(app: FastifyInstance, bridge: Bridge): void {
  app.get<{ Params: { id: string } }>('/v1/registry/frameworks/:id/lote', async (req, reply) => {
    const exported = await exportFrameworkLote(bridge, req.params.id)
    return reply
      .type(LOTE_JWS_MEDIA_TYPE)
      .header('cache-control', 'no-cache')
      .header('x-lote-sequence-number', String(exported.sequenceNumber))
      .send(exported.jws)
  })
}
