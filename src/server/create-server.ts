// The HTTP service: Fastify with structured logs, RFC 9457 errors and the routes of every part.
import Fastify, { type FastifyInstance } from 'fastify'
import type { Bridge } from '../bridge/open-bridge.ts'
import { openApiDocument } from './openapi.ts'
import { problemFromError } from './problem.ts'
import { loteRoutes } from './routes/lote-routes.ts'
import { recognitionRoutes } from './routes/recognition-routes.ts'
import { registryRoutes } from './routes/registry-routes.ts'
import { sandboxFederationRoutes } from './routes/sandbox-federation-routes.ts'
import { sandboxRoutes } from './routes/sandbox-routes.ts'
import { syncRoutes } from './routes/sync-routes.ts'
import { trqpRoutes } from './routes/trqp-routes.ts'
import { verifyRoutes } from './routes/verify-routes.ts'

export interface ServerOptions {
  operatorToken: string
  /** Pino options, or false for silence (tests). */
  logger?: boolean | Record<string, unknown>
  version?: string
}

/** Room for the JSON envelope and escaping around the largest credential accepted. */
const BODY_OVERHEAD_BYTES = 64 * 1024

export function createServer(bridge: Bridge, options: ServerOptions): FastifyInstance {
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: process.env.LOG_LEVEL ?? 'info',
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            ...(typeof options.logger === 'object' ? options.logger : {}),
          },
    bodyLimit: bridge.limits.maxInputBytes * 2 + BODY_OVERHEAD_BYTES,
  })
  app.setErrorHandler((error, request, reply) => {
    const problem = problemFromError(error)
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed')
    void reply.code(problem.status).type('application/problem+json').send(problem)
  })
  app.setNotFoundHandler((request, reply) => {
    void reply
      .code(404)
      .type('application/problem+json')
      .send({
        type: 'urn:kakehashi:error:not_found',
        title: `no route ${request.method} ${request.url.split('?')[0]}`,
        status: 404,
        code: 'not_found',
      })
  })
  const document = openApiDocument(options.version ?? '0.0.0')
  app.get('/openapi.json', () => document)
  app.get('/health', async () => ({
    status: 'ok',
    registry: (await bridge.registry.get()).checkpoint,
  }))
  verifyRoutes(app, bridge)
  registryRoutes(app, bridge, options.operatorToken)
  loteRoutes(app, bridge)
  syncRoutes(app, bridge, options.operatorToken)
  sandboxRoutes(app, bridge, options.operatorToken)
  sandboxFederationRoutes(app, bridge)
  trqpRoutes(app, bridge)
  recognitionRoutes(app, bridge)
  return app
}
