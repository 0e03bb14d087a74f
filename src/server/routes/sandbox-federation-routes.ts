// The sandbox OpenID Federation over HTTP: entity configurations, fetch and list endpoints (OpenID Federation 1.0 §8, §9).
import type { FastifyInstance, FastifyReply } from 'fastify'
import type { Bridge } from '../../bridge/open-bridge.ts'
import { SandboxFederation } from '../../sandbox/sandbox-federation.ts'
import {
  findSandboxFederationMember,
  SANDBOX_FEDERATION_PATH,
  type SandboxFederationMember,
} from '../../sandbox/sandbox-federation-members.ts'
import { ENTITY_STATEMENT_MEDIA_TYPE, WELL_KNOWN_PATH } from '../../trust/oidfed/index.ts'

/** Most `entity_type` values one list request may name: there are far fewer entity types. */
const MAX_ENTITY_TYPES = 16
const MAX_PARAMETER_CHARS = 2048

type FederationError = 'invalid_request' | 'not_found' | 'unsupported_parameter'
type Query = Record<string, string | string[] | undefined>
type Params = { Params: { name: string }; Querystring: Query }

/** The error response of §8.9: a JSON object with `error` and `error_description`. */
function sendFederationError(
  reply: FastifyReply,
  status: 400 | 404,
  error: FederationError,
  description: string,
): FastifyReply {
  return reply.code(status).type('application/json').send({ error, error_description: description })
}

/** A parameter given once, within bounds; undefined when absent, an error message when not usable. */
function single(query: Query, name: string): { value?: string; problem?: string } {
  const raw = query[name]
  if (raw === undefined) return {}
  if (Array.isArray(raw)) return { problem: `${name} is given more than once` }
  if (raw.length === 0 || raw.length > MAX_PARAMETER_CHARS)
    return { problem: `${name} is empty or longer than ${MAX_PARAMETER_CHARS} characters` }
  return { value: raw }
}

export function sandboxFederationRoutes(app: FastifyInstance, bridge: Bridge): void {
  const sandbox = bridge.sandbox
  if (sandbox === undefined) return
  const federation = new SandboxFederation(sandbox)
  const member = (name: string): SandboxFederationMember | undefined =>
    findSandboxFederationMember(name)
  const authority = (name: string): SandboxFederationMember | undefined => {
    const found = member(name)
    return found?.role === 'leaf' ? undefined : found
  }

  app.get<Params>(`${SANDBOX_FEDERATION_PATH}/:name${WELL_KNOWN_PATH}`, async (req, reply) => {
    const found = member(req.params.name)
    if (found === undefined)
      return sendFederationError(reply, 404, 'not_found', `no federation entity ${req.params.name}`)
    return reply.type(ENTITY_STATEMENT_MEDIA_TYPE).send(await federation.entityConfiguration(found))
  })

  app.get<Params>(`${SANDBOX_FEDERATION_PATH}/:name/fetch`, async (req, reply) => {
    const issuer = authority(req.params.name)
    if (issuer === undefined)
      return sendFederationError(
        reply,
        404,
        'not_found',
        `no federation authority ${req.params.name}`,
      )
    const sub = single(req.query, 'sub')
    if (sub.problem !== undefined)
      return sendFederationError(reply, 400, 'invalid_request', sub.problem)
    if (sub.value === undefined)
      return sendFederationError(reply, 400, 'invalid_request', 'the sub parameter is required')
    const statement = await federation.subordinateStatement(issuer, sub.value)
    if (statement === undefined) {
      return sendFederationError(
        reply,
        404,
        'not_found',
        `${sub.value} is not an immediate subordinate of ${federation.entityId(issuer.name)}`,
      )
    }
    return reply.type(ENTITY_STATEMENT_MEDIA_TYPE).send(statement)
  })

  app.get<Params>(`${SANDBOX_FEDERATION_PATH}/:name/list`, async (req, reply) => {
    const issuer = authority(req.params.name)
    if (issuer === undefined)
      return sendFederationError(
        reply,
        404,
        'not_found',
        `no federation authority ${req.params.name}`,
      )
    // No member carries trust marks, so filtering by them is a feature this federation lacks (§8.2.1).
    for (const name of ['trust_marked', 'trust_mark_type']) {
      if (req.query[name] !== undefined)
        return sendFederationError(reply, 400, 'unsupported_parameter', `${name} is not supported`)
    }
    const raw = req.query.entity_type
    const entityTypes = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]
    if (entityTypes.length > MAX_ENTITY_TYPES || entityTypes.some((t) => t.length > 128))
      return sendFederationError(
        reply,
        400,
        'invalid_request',
        'too many or too long entity_type values',
      )
    const intermediate = single(req.query, 'intermediate')
    if (intermediate.problem !== undefined)
      return sendFederationError(reply, 400, 'invalid_request', intermediate.problem)
    if (intermediate.value !== undefined && !['true', 'false'].includes(intermediate.value))
      return sendFederationError(
        reply,
        400,
        'invalid_request',
        'intermediate must be true or false',
      )
    return reply.type('application/json').send(
      federation.subordinates(issuer, {
        entityTypes,
        ...(intermediate.value === undefined
          ? {}
          : { intermediate: intermediate.value === 'true' }),
      }),
    )
  })

  app.get('/v1/sandbox/federation', () => federation.describe())
}
