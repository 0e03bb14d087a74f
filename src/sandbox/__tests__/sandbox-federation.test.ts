// The sandbox OpenID Federation served by a bridge: every issuer's chain resolves through `registry sync`, a wrong anchor key imports nothing.
import assert from 'node:assert/strict'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { createServer as createNetServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import type { FastifyInstance } from 'fastify'
import {
  calculateJwkThumbprint,
  decodeJwt,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  type JWK,
} from 'jose'
import { movableClock } from '../../../test/support/bridge.ts'
import { captureIo } from '../../../test/support/capture-io.ts'
import { resolveBridgeConfig } from '../../bridge/bridge-config.ts'
import { type Bridge, openBridge } from '../../bridge/open-bridge.ts'
import { localBridgeApi } from '../../cli/bridge-api.ts'
import { describeSandboxFederation } from '../../cli/commands/sandbox-federation-output.ts'
import { defaultPolicy } from '../../config.ts'
import {
  getSource,
  listAuthorisations,
  listEntities,
  listIdentities,
} from '../../registry/registry-queries.ts'
import { createServer } from '../../server/create-server.ts'
import { parseSourcesConfig } from '../../sync/sources-config.ts'
import type { SyncReport } from '../../sync/sync-sources.ts'
import { sandboxIssuers } from '../sandbox-ecosystems.ts'
import type { SandboxFederationSourceEntry } from '../sandbox-federation.ts'
import { loadOrCreateFederationKeys } from '../sandbox-federation-keys.ts'

interface StatementClaims {
  iss: string
  sub: string
  iat: number
  exp: number
  authority_hints?: string[]
  metadata: {
    federation_entity: Record<string, unknown>
    openid_credential_issuer: Record<string, unknown>
  }
}

const HOUR_MS = 3_600_000

/** A port free a moment ago: the bridge's public URL must name it before the server listens. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

describe('sandbox OpenID Federation', { timeout: 60_000 }, () => {
  let bridge: Bridge
  let app: FastifyInstance
  let baseUrl: string
  let printed: { sources: SandboxFederationSourceEntry[] }
  // Half way through an hour, so that the statement window is the test's to move.
  const clock = movableClock(Math.floor(Date.now() / HOUR_MS) * HOUR_MS + HOUR_MS / 2)
  const sync = (source: Partial<SandboxFederationSourceEntry> = {}): Promise<SyncReport> =>
    bridge.sync({
      actor: 'operator:test',
      config: parseSourcesConfig(
        JSON.stringify({ sources: printed.sources.map((s) => ({ ...s, ...source })) }),
        '/',
      ),
    })

  before(async () => {
    const port = await freePort()
    baseUrl = `http://127.0.0.1:${port}`
    bridge = await openBridge(
      { ...resolveBridgeConfig({ port }, {}), publicUrl: baseUrl, sandbox: true },
      { inMemory: true, clock, policy: { ...defaultPolicy, allowPrivateFetch: true } },
    )
    app = createServer(bridge, { operatorToken: 'test-operator-token-0123456789', logger: false })
    await app.listen({ host: '127.0.0.1', port })
    // What `kakehashi sandbox federation --json` prints is the sources file the sync reads.
    const io = captureIo()
    describeSandboxFederation(await localBridgeApi(bridge).sandboxFederation(), true, io)
    printed = JSON.parse(io.stdout.join('\n'))
    assert.match(io.stderr.join('\n'), /KAKEHASHI_ALLOW_PRIVATE_FETCH=1/)
  })
  after(async () => {
    await app.close()
    await bridge.close()
  })

  test('a trust anchor key that is not the sandbox’s: the source fails with its oidfed code, nothing imported', async () => {
    const { publicKey } = await generateKeyPair('ES256')
    const [entry] = printed.sources as [SandboxFederationSourceEntry]
    const stranger: JWK = {
      ...(await exportJWK(publicKey)),
      kid: entry.trustAnchor.jwks.keys[0]?.kid as string,
    }
    const report = await sync({
      id: 'sandbox.federation.stranger',
      trustAnchor: { entityId: entry.trustAnchor.entityId, jwks: { keys: [stranger] } },
    })
    const [outcome] = report.sources
    assert.equal(outcome?.outcome, 'failed')
    assert.equal(outcome?.failure?.code, 'oidfed.signature_invalid')
    const source = await getSource(bridge.store, 'sandbox.federation.stranger')
    assert.equal(source.current, undefined, 'no version is in force')
    assert.equal(source.lastFailure?.code, 'oidfed.signature_invalid')
    const entities = await listEntities(bridge.store)
    assert.ok(!entities.some((e) => e.sourceId === 'sandbox.federation.stranger'))
    assert.equal(
      (await listAuthorisations(bridge.store, { frameworkId: 'sandbox.federation' })).length,
      0,
    )
  })

  test('registry sync resolves every sandbox issuer through its intermediate to the anchor', async () => {
    const [outcome] = (await sync()).sources
    assert.equal(outcome?.outcome, 'imported', JSON.stringify(outcome?.failure))
    assert.equal(outcome?.failure, undefined)
    assert.deepEqual(outcome?.counts, {
      entities: sandboxIssuers.length,
      resolved: sandboxIssuers.length,
      failed: 0,
      imported: sandboxIssuers.length,
      trustMarks: 0,
    })
    const source = await getSource(bridge.store, 'sandbox.federation')
    assert.equal(source.current?.signature.status, 'valid')
    assert.equal(source.current?.signature.signerSubject, `${baseUrl}/sandbox/federation/anchor`)
    const entities = (await listEntities(bridge.store)).filter(
      (e) => e.sourceId === 'sandbox.federation',
    )
    assert.equal(entities.length, sandboxIssuers.length)
    const api = localBridgeApi(bridge)
    for (const issuer of sandboxIssuers) {
      const entityId = `${baseUrl}/sandbox/federation/${issuer.id}`
      const entity = entities.find((e) => e.identifiers.some((i) => i.value === entityId))
      assert.ok(entity, `${issuer.id} is an entity of the registry`)
      assert.equal(entity.names[0]?.value, issuer.organisation)
      const japanese = issuer.names.find((n) => n.lang === 'ja-Jpan')
      if (japanese)
        assert.ok(entity.names.some((n) => n.lang === 'ja' && n.value === japanese.value))
      const { kty, crv, x, y } = sandboxKeyOf(bridge, issuer.id)
      const thumbprint = await calculateJwkThumbprint({ kty, crv, x, y } as JWK, 'sha256')
      const identities = await listIdentities(bridge.store, { entityId: entity.id })
      assert.deepEqual(
        identities.map((i) => [i.kind, i.value]),
        [['jwk.thumbprint', thumbprint]],
      )
      const authorisations = await listAuthorisations(bridge.store, { entityId: entity.id })
      assert.deepEqual(
        authorisations.map((a) => [a.role, a.frameworkId, a.status, a.credentialTypes]),
        [['issuer', 'sandbox.federation', 'granted', [issuer.vct]]],
      )
      // The walkthrough's question, naming the issuer by its key: yes, with evidence.
      const answer = await api.authorization({
        entity_id: thumbprint,
        authority_id: 'sandbox.federation',
        action: 'issue',
        resource: issuer.vct,
      })
      assert.equal(answer.authorized, true, `${issuer.id}: ${JSON.stringify(answer)}`)
    }
  })

  test('within one statement window a second sync finds nothing changed; in the next, fresh statements are imported', async () => {
    const [same] = (await sync()).sources
    assert.equal(same?.outcome, 'unchanged')
    clock.advance(3600)
    const [next] = (await sync()).sources
    assert.equal(next?.outcome, 'imported', JSON.stringify(next?.failure))
    const [authorisation] = await listAuthorisations(bridge.store, {
      frameworkId: 'sandbox.federation',
    })
    const windowStart = Math.floor(clock.now() / HOUR_MS) * HOUR_MS
    assert.equal(authorisation?.validUntil, new Date(windowStart + 86_400_000).toISOString())
  })

  test('entity configurations: self-signed entity statements with authority hints and the spec’s metadata', async () => {
    const response = await fetch(
      `${baseUrl}/sandbox/federation/jp-university/.well-known/openid-federation`,
    )
    assert.equal(response.status, 200)
    assert.equal(response.headers.get('content-type'), 'application/entity-statement+jwt')
    const jwt = await response.text()
    assert.equal(decodeProtectedHeader(jwt).typ, 'entity-statement+jwt')
    const claims = decodeJwt(jwt) as StatementClaims
    const id = `${baseUrl}/sandbox/federation/jp-university`
    assert.equal(claims.iss, id)
    assert.equal(claims.sub, id)
    assert.deepEqual(claims.authority_hints, [`${baseUrl}/sandbox/federation/jp`])
    assert.equal(claims.exp - claims.iat, 86_400)
    assert.equal(claims.metadata.federation_entity['organization_name#ja'], 'サンドボックス大学')
    assert.equal(
      claims.metadata.openid_credential_issuer.credential_issuer,
      'https://university.jp.sandbox.kakehashi.example',
    )
    const anchor = decodeJwt(
      await (
        await fetch(`${baseUrl}/sandbox/federation/anchor/.well-known/openid-federation`)
      ).text(),
    ) as StatementClaims
    assert.equal(anchor.authority_hints, undefined)
    assert.equal(
      anchor.metadata.federation_entity.federation_fetch_endpoint,
      `${baseUrl}/sandbox/federation/anchor/fetch`,
    )
    assert.equal(
      anchor.metadata.federation_entity.federation_list_endpoint,
      `${baseUrl}/sandbox/federation/anchor/list`,
    )
  })

  test('fetch and list endpoints answer per §8, with the §8.9 error responses', async () => {
    const get = (path: string) => app.inject({ method: 'GET', url: `/sandbox/federation/${path}` })
    const eu = `${baseUrl}/sandbox/federation/eu`
    const statement = await get(`anchor/fetch?sub=${encodeURIComponent(eu)}`)
    assert.equal(statement.statusCode, 200)
    const claims = decodeJwt(statement.body)
    assert.equal(claims.iss, `${baseUrl}/sandbox/federation/anchor`)
    assert.equal(claims.sub, eu)
    assert.deepEqual(JSON.parse((await get('anchor/list')).body), [
      eu,
      `${baseUrl}/sandbox/federation/jp`,
    ])
    assert.deepEqual(JSON.parse((await get('eu/list?entity_type=openid_credential_issuer')).body), [
      `${baseUrl}/sandbox/federation/eu-pid-provider`,
      `${baseUrl}/sandbox/federation/eu-university`,
    ])
    assert.deepEqual(JSON.parse((await get('eu/list?intermediate=true')).body), [])
    const expectError = async (path: string, status: number, error: string) => {
      const response = await get(path)
      assert.equal(response.statusCode, status, path)
      assert.match(String(response.headers['content-type']), /^application\/json/)
      assert.equal(response.json().error, error, path)
      assert.equal(typeof response.json().error_description, 'string')
    }
    await expectError('anchor/fetch', 400, 'invalid_request')
    await expectError(
      `anchor/fetch?sub=${encodeURIComponent(eu)}&sub=${encodeURIComponent(eu)}`,
      400,
      'invalid_request',
    )
    // The anchor vouches for its intermediates only; a leaf is the intermediate's to state.
    await expectError(
      `anchor/fetch?sub=${encodeURIComponent(`${baseUrl}/sandbox/federation/eu-university`)}`,
      404,
      'not_found',
    )
    await expectError('anchor/fetch?sub=https%3A%2F%2Felsewhere.example', 404, 'not_found')
    await expectError('eu-university/fetch?sub=x', 404, 'not_found')
    await expectError('eu-university/list', 404, 'not_found')
    await expectError('nobody/.well-known/openid-federation', 404, 'not_found')
    await expectError('anchor/list?trust_marked=true', 400, 'unsupported_parameter')
    await expectError('anchor/list?intermediate=maybe', 400, 'invalid_request')
  })

  test('federation keys are made once and kept, private, in the data directory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kakehashi-federation-keys-'))
    try {
      const first = await loadOrCreateFederationKeys(dir, ['anchor', 'eu'])
      const again = await loadOrCreateFederationKeys(dir, ['anchor', 'eu'])
      assert.deepEqual(again, first)
      assert.notDeepEqual(first.get('anchor'), first.get('eu'))
      const mode =
        (await stat(join(dir, 'sandbox', 'federation', 'anchor-key.jwk.json'))).mode & 0o777
      assert.equal(mode, 0o600)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

function sandboxKeyOf(bridge: Bridge, issuerId: string): JWK {
  const sandbox = bridge.sandbox
  if (sandbox === undefined) throw new Error('the test bridge has the sandbox')
  return sandbox.keyring.get(issuerId).issuerPrivateJwk as JWK
}
