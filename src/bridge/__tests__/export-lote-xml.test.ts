// A framework exported in both TS 119 602 bindings, over HTTP and the command line; the XML form imports back as the registry the JWS form does.
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { openTestBridge } from '../../../test/support/bridge.ts'
import { captureIo } from '../../../test/support/capture-io.ts'
import { openTestStore, type TestStore } from '../../../test/support/stores.ts'
import { type BridgeApi, localBridgeApi } from '../../cli/bridge-api.ts'
import { registryExportLoteCommand } from '../../cli/commands/registry-export-lote-command.ts'
import { remoteBridgeApi } from '../../cli/remote-bridge-api.ts'
import type { Authorisation, TrustedEntity } from '../../model/index.ts'
import { listAuthorisations, listEntities } from '../../registry/registry-queries.ts'
import { createServer } from '../../server/create-server.ts'
import {
  LOTE_JWS_MEDIA_TYPE,
  LOTE_XML_MEDIA_TYPE,
  loteToSourceImport,
  readLoteJws,
  readLoteXml,
} from '../../sources/lote/index.ts'
import { ListServer } from '../../sync/__tests__/sync-fixtures.ts'
import { parseSourcesConfig } from '../../sync/sources-config.ts'
import { syncSources } from '../../sync/sync-sources.ts'
import { exportFrameworkLoteAs, exportSignerOf } from '../export-lote.ts'
import type { Bridge } from '../open-bridge.ts'

const FRAMEWORK = 'eu.eudi.pid'
const importOptions = {
  sourceId: 'peer.lote',
  fetchedAt: '2026-06-01T00:00:00Z',
  frameworkId: FRAMEWORK,
}

describe('export of a framework as an XML LoTE', () => {
  let bridge: Bridge
  let app: FastifyInstance
  let url: string
  let dir: string

  before(async () => {
    bridge = await openTestBridge()
    app = createServer(bridge, { operatorToken: 'test-operator-token-0123', logger: false })
    url = await app.listen({ host: '127.0.0.1', port: 0 })
    dir = mkdtempSync(join(tmpdir(), 'kakehashi-export-lote-'))
  })
  after(async () => {
    await app.close()
    await bridge.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const signerCertificate = async () => (await exportSignerOf(bridge)).certificate

  it('the XML export imports to the same registry content as the JWS export', async () => {
    const xml = await exportFrameworkLoteAs(bridge, FRAMEWORK, 'xml')
    const jws = await exportFrameworkLoteAs(bridge, FRAMEWORK, 'jws')
    assert.equal(xml.mediaType, LOTE_XML_MEDIA_TYPE)
    assert.equal(xml.sequenceNumber, jws.sequenceNumber)
    const signers = [await signerCertificate()]
    const fromXml = await readLoteXml(xml.body, signers)
    const fromJws = await readLoteJws(jws.body, signers)
    const { ListAndSchemeInformation: xmlScheme, ...xmlRest } = fromXml.document.LoTE
    const { ListAndSchemeInformation: jwsScheme, ...jwsRest } = fromJws.document.LoTE
    assert.deepEqual(xmlRest, jwsRest)
    assert.deepEqual(xmlScheme.DistributionPoints, [
      `${bridge.config.publicUrl}/v1/registry/frameworks/${FRAMEWORK}/lote?format=xml`,
    ])
    const xmlImport = await loteToSourceImport(fromXml, importOptions)
    const jwsImport = await loteToSourceImport(fromJws, importOptions)
    assert.deepEqual(xmlImport.content, jwsImport.content)
    assert.ok(xmlImport.content.authorisations.length > 0)
  })

  describe('synced by another registry', () => {
    let reader: TestStore
    const server = new ListServer()
    before(async () => {
      reader = await openTestStore('pglite')
      await server.start()
    })
    after(async () => {
      await server.stop()
      await reader.cleanup()
    })

    it('with the export signer configured: the same entities and authorisations', async () => {
      const { body } = await exportFrameworkLoteAs(bridge, FRAMEWORK, 'xml')
      server.documents.set('/export.xml', { body })
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
                uri: server.url('/export.xml'),
                signers: [signer.certificatePem],
                frameworkId: FRAMEWORK,
              },
            ],
          }),
          '/',
        ),
      })
      assert.equal(report.sources[0]?.outcome, 'imported', JSON.stringify(report.sources[0]))
      const shape = (a: Authorisation) => ({
        role: a.role,
        credentialTypes: [...a.credentialTypes].sort(),
        status: a.status,
        assuranceLevel: a.assuranceLevel,
        validFrom: new Date(a.validFrom).toISOString(),
        validUntil: a.validUntil === undefined ? undefined : new Date(a.validUntil).toISOString(),
      })
      const original = await listAuthorisations(bridge.store, { frameworkId: FRAMEWORK })
      const imported = await listAuthorisations(reader.store, { frameworkId: FRAMEWORK })
      assert.ok(original.length > 0)
      assert.deepEqual(imported.map(shape), original.map(shape))
      const ids = new Set(original.map((a) => a.entityId))
      const entity = (e: TrustedEntity) => ({
        names: e.names,
        identifiers: e.identifiers,
        country: e.country,
      })
      assert.deepEqual(
        (await listEntities(reader.store)).map(entity),
        (await listEntities(bridge.store)).filter((e) => ids.has(e.id)).map(entity),
      )
    })
  })

  it('GET …/lote serves the JWS by default and the XML with ?format=xml', async () => {
    const path = `/v1/registry/frameworks/${FRAMEWORK}/lote`
    const signers = [await signerCertificate()]
    const jws = await app.inject({ method: 'GET', url: path })
    assert.equal(jws.statusCode, 200)
    assert.equal(jws.headers['content-type'], LOTE_JWS_MEDIA_TYPE)
    await readLoteJws(jws.body, signers)
    const explicit = await app.inject({ method: 'GET', url: `${path}?format=jws` })
    assert.equal(explicit.headers['content-type'], LOTE_JWS_MEDIA_TYPE)

    const xml = await app.inject({ method: 'GET', url: `${path}?format=xml` })
    assert.equal(xml.statusCode, 200)
    assert.match(String(xml.headers['content-type']), /^application\/xml\b/)
    assert.match(String(xml.headers['x-lote-sequence-number']), /^\d+$/)
    const read = await readLoteXml(xml.body, signers)
    assert.equal(
      read.document.LoTE.ListAndSchemeInformation.LoTESequenceNumber,
      Number(xml.headers['x-lote-sequence-number']),
    )

    for (const bad of ['pdf', 'XML', '']) {
      const response = await app.inject({ method: 'GET', url: `${path}?format=${bad}` })
      assert.equal(response.statusCode, 400, bad)
      assert.equal(response.json().code, 'input.invalid')
    }
    const missing = await app.inject({
      method: 'GET',
      url: '/v1/registry/frameworks/no.such/lote?format=xml',
    })
    assert.equal(missing.statusCode, 404)
    assert.equal(missing.json().code, 'registry.not_found')
  })

  const apis: Record<string, () => BridgeApi> = {
    embedded: () => ({ ...localBridgeApi(bridge), close: async () => {} }),
    remote: () => remoteBridgeApi(url, undefined),
  }
  const run = async (mode: string, ...args: string[]) => {
    const io = captureIo()
    const api = apis[mode] as () => BridgeApi
    const status = await registryExportLoteCommand(args, io, async () => ({ api: api() }))
    return { status, out: io.stdout.join('\n'), err: io.stderr.join('\n') }
  }

  for (const mode of ['embedded', 'remote']) {
    it(`${mode}: kakehashi registry export-lote writes either form`, async () => {
      const signers = [await signerCertificate()]
      const jws = await run(mode, FRAMEWORK)
      assert.equal(jws.status, 0)
      await readLoteJws(jws.out, signers)

      const file = join(dir, `${mode}.xml`)
      const xml = await run(mode, FRAMEWORK, '--format', 'xml', '--out', file)
      assert.equal(xml.status, 0)
      assert.equal(xml.out, '')
      assert.match(xml.err, /\(xml\)/)
      const read = await readLoteXml(readFileSync(file), signers)
      assert.ok((read.document.LoTE.TrustedEntitiesList?.length ?? 0) > 0)

      await assert.rejects(run(mode, FRAMEWORK, '--format', 'pdf'), { code: 'input.invalid' })
      await assert.rejects(run(mode, 'no.such', '--format', 'xml'), {
        code: 'registry.not_found',
      })
    })
  }
})
