// GET /v1/registry/frameworks/:id/lote: a framework of the registry as a signed TS 119 602 list, a JWS or (`?format=xml`) XML.
import type { FastifyInstance } from 'fastify'
import {
  exportFrameworkLoteAs,
  isLoteExportFormat,
  LOTE_EXPORT_FORMATS,
} from '../../bridge/export-lote.ts'
import type { Bridge } from '../../bridge/open-bridge.ts'
import { KakehashiError } from '../../errors.ts'

/**
 * The binding is chosen by the `format` query parameter, not by `Accept`: the XML form's media
 * type is the generic `application/xml`, which clients and proxies send and cache for anything,
 * and a URL that names its form can be configured as another bridge's source as it is.
 */
export function loteRoutes(app: FastifyInstance, bridge: Bridge): void {
  app.get<{ Params: { id: string }; Querystring: { format?: unknown } }>(
    '/v1/registry/frameworks/:id/lote',
    async (req, reply) => {
      const format = req.query.format ?? 'jws'
      if (typeof format !== 'string' || !isLoteExportFormat(format)) {
        throw new KakehashiError(
          'input.invalid',
          `format must be one of ${LOTE_EXPORT_FORMATS.join(', ')}`,
          { parameter: 'format' },
        )
      }
      const exported = await exportFrameworkLoteAs(bridge, req.params.id, format)
      return reply
        .type(exported.mediaType)
        .header('cache-control', 'no-cache')
        .header('x-lote-sequence-number', String(exported.sequenceNumber))
        .send(exported.body)
    },
  )
}
