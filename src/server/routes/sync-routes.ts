// POST /v1/registry/sync: an operator runs `registry sync` on the bridge; GET of sources lives with the registry routes.
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { Bridge } from '../../bridge/open-bridge.ts'
import { zId } from '../../model/index.ts'
import { zSourcesConfig } from '../../sync/sources-config.ts'
import { isOperator } from '../operator-auth.ts'
import { parseInput } from '../parse-body.ts'
import { sendProblem } from '../problem.ts'

export const zSyncRequest = z.strictObject({
  only: z.array(zId).max(200).optional(),
  /** A sources file on the bridge's machine; the bridge's own when absent. */
  configPath: z.string().min(1).max(4096).optional(),
  /** A configuration given whole, with the folder its relative paths are read from. */
  config: zSourcesConfig.extend({ baseDir: z.string().min(1).max(4096) }).optional(),
})

export function syncRoutes(app: FastifyInstance, bridge: Bridge, operatorToken: string): void {
  app.post('/v1/registry/sync', async (req, reply) => {
    if (!isOperator(req, operatorToken)) {
      return sendProblem(
        reply,
        401,
        'auth.operator_required',
        'a sync writes the registry: it needs the operator bearer token',
      )
    }
    const body = parseInput(zSyncRequest, req.body ?? {})
    return bridge.sync({
      actor: 'operator:http',
      ...(body.only === undefined ? {} : { only: body.only }),
      ...(body.configPath === undefined ? {} : { configPath: body.configPath }),
      ...(body.config === undefined ? {} : { config: body.config }),
    })
  })
}
