// A framework exported as a signed LoTE (over HTTP and in process) imports back, with the export signer, as the same entities and authorisations.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { openTestBridge } from '../../../test/support/bridge.ts'
import { readCorpusJson, skipWithoutCorpus } from '../../../test/support/corpus.ts'
import { openTestStore, type TestStore } from '../../../test/support/stores.ts'
import { exportFrameworkLote, exportSignerOf } from '../../bridge/export-lote.ts'
import type { Bridge } from '../../bridge/open-bridge.ts'
import type { Authorisation, DigitalIdentity, TrustedEntity } from '../../model/index.ts'
import {
  listAuthorisations,
  listEntities,
  listIdentities,
} from '../../registry/registry-queries.ts'
import { createServer } from '../../server/create-server.ts'
import { LOTE_JWS_MEDIA_TYPE, readLoteJws } from '../../sources/lote/index.ts'
import { parseSourcesConfig } from '../sources-config.ts'
import { syncSources } from '../sync-sources.ts'
import { ListServer } from './sync-fixtures.ts'

const FRAMEWORK = 'eu.eudi.pid'

describe('export of a framework as a LoTE, and its import', () => {
  let bridge: Bridge
  let reader: TestStore
  const server = new ListServer()

  before(async () => {
    bridge = await openTestBridge()
    reader = await openTestStore('pglite')
    await server.start()
  })
  after(async () => {
    await server.stop()
    await reader.cleanup()
    await bridge.close()
  })

  it('serves the signed list at GET /v1/registry/frameworks/:id/lote as application/jose', async () => {
    const app = createServer(bridge, { operatorToken: 't', logger: false })
    try {
      const response = await app.inject({
        method: 'GET',
        url: `/v1/registry/frameworks/${FRAMEWORK}/lote`,
      })
      assert.equal(response.statusCode, 200)
      assert.equal(response.headers['content-type'], LOTE_JWS_MEDIA_TYPE)
      const signer = await exportSignerOf(bridge)
      const verified = await readLoteJws(response.body, [signer.certificate])
      const scheme = verified.document.LoTE.ListAndSchemeInformation
      assert.equal(scheme.LoTESequenceNumber, (await bridge.registry.get()).checkpoint.size)
      const missing = await app.inject({
        method: 'GET',
        url: '/v1/registry/frameworks/no.such/lote',
      })
      assert.equal(missing.statusCode, 404)
      assert.equal(missing.json().code, 'registry.not_found')
    } finally {
      await app.close()
    }
  })

  it('imports the export with the export signer configured: the same entities and authorisations', async () => {
    const { jws } = await exportFrameworkLote(bridge, FRAMEWORK)
    server.documents.set('/export.jws', { body: jws })
    const signer = await exportSignerOf(bridge)
    const report = await syncSources({
      store: reader.store,
      clock: bridge.clock,
      actor: 'operator:test',
      allowPrivate: true,
      config: parseSourcesConfig(
        JSON.stringify({
          sources: [
            {
              kind: 'lote',
              id: 'peer.lote',
              uri: server.url('/export.jws'),
              signers: [signer.certificatePem],
              frameworkId: FRAMEWORK,
            },
          ],
        }),
        '/',
      ),
    })
    assert.equal(report.sources[0]?.outcome, 'imported', JSON.stringify(report.sources[0]))

    const original = await listAuthorisations(bridge.store, { frameworkId: FRAMEWORK })
    const imported = await listAuthorisations(reader.store, { frameworkId: FRAMEWORK })
    assert.ok(original.length > 0, 'the sandbox PID provider is authorised')
    const shape = (a: Authorisation) => ({
      role: a.role,
      credentialTypes: [...a.credentialTypes].sort(),
      status: a.status,
      assuranceLevel: a.assuranceLevel,
      validFrom: new Date(a.validFrom).toISOString(),
      validUntil: a.validUntil === undefined ? undefined : new Date(a.validUntil).toISOString(),
    })
    assert.deepEqual(imported.map(shape), original.map(shape))

    const ids = new Set(original.map((a) => a.entityId))
    const entity = (e: TrustedEntity) => ({
      names: e.names,
      identifiers: e.identifiers,
      country: e.country,
    })
    const originalEntities = (await listEntities(bridge.store)).filter((e) => ids.has(e.id))
    assert.deepEqual((await listEntities(reader.store)).map(entity), originalEntities.map(entity))

    const certificate = (i: DigitalIdentity) => `${i.kind} ${i.fingerprint}`
    const originalIdentities = (await listIdentities(bridge.store)).filter(
      (i) => ids.has(i.entityId) && i.kind.startsWith('x509.'),
    )
    assert.deepEqual(
      (await listIdentities(reader.store)).map(certificate).sort(),
      originalIdentities.map(certificate).sort(),
    )
  })

  it('refuses the export when another signer is configured', async () => {
    const other = await openTestBridge()
    try {
      const { jws } = await exportFrameworkLote(other, FRAMEWORK)
      const signer = await exportSignerOf(bridge)
      await assert.rejects(readLoteJws(jws, [signer.certificate]), { code: 'lote.signer_unknown' })
    } finally {
      await other.close()
    }
  })

  it(
    'an exported payload carries every member the TS 119 602 JSON schema requires',
    skipWithoutCorpus('eu', 'lote', '1960201_json_schema.json'),
    async () => {
      type Schema = { definitions: Record<string, SchemaNode> } & SchemaNode
      type SchemaNode = {
        $ref?: string
        required?: string[]
        properties?: Record<string, SchemaNode>
        items?: SchemaNode
        type?: string
      }
      const schema = readCorpusJson<Schema>('eu', 'lote', '1960201_json_schema.json') as Schema
      const { jws } = await exportFrameworkLote(bridge, FRAMEWORK)
      const payload = JSON.parse(Buffer.from(jws.split('.')[1] as string, 'base64url').toString())
      const problems: string[] = []
      const check = (node: SchemaNode, value: unknown, path: string, depth: number): void => {
        if (depth > 20 || value === undefined) return
        const resolved = node.$ref?.startsWith('#/definitions/')
          ? schema.definitions[node.$ref.slice('#/definitions/'.length)]
          : node
        if (resolved === undefined) return
        if (Array.isArray(value)) {
          const items = resolved.items
          if (items) {
            for (const [i, v] of value.entries()) check(items, v, `${path}[${i}]`, depth + 1)
          }
          return
        }
        if (value === null || typeof value !== 'object') return
        for (const member of resolved.required ?? []) {
          if (!(member in value)) problems.push(`${path}.${member}`)
        }
        for (const [name, child] of Object.entries(resolved.properties ?? {})) {
          check(child, (value as Record<string, unknown>)[name], `${path}.${name}`, depth + 1)
        }
      }
      check(schema, payload, '$', 0)
      assert.deepEqual(problems, [])
      assert.ok(payload.LoTE.TrustedEntitiesList.length > 0)
    },
  )
})
