// A LOTL and national lists signed with test keys, served over HTTP with ETags, for sync tests.
import { createHash } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  buildTrustedListXml,
  createTestSigner,
  EU_LOTL_TYPE,
  type ListFixture,
  signXml,
  type TestSigner,
} from '../../sources/etsi-tl/__tests__/list-fixtures.ts'

export interface ServedDocument {
  body: string
  status?: number
}

/** Serves `documents` by path; answers `If-None-Match` with 304 when the ETag (body digest) matches. */
export class ListServer {
  readonly documents = new Map<string, ServedDocument>()
  readonly requests: Array<{ path: string; conditional: boolean; status: number }> = []
  #server: Server | undefined
  baseUrl = ''

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      const path = req.url ?? '/'
      const document = this.documents.get(path)
      const conditional = req.headers['if-none-match'] !== undefined
      if (document === undefined) {
        this.requests.push({ path, conditional, status: 404 })
        res.writeHead(404).end()
        return
      }
      const etag = `"${createHash('sha256').update(document.body).digest('hex').slice(0, 16)}"`
      const status = document.status ?? (req.headers['if-none-match'] === etag ? 304 : 200)
      this.requests.push({ path, conditional, status })
      res.writeHead(status, { etag, 'content-type': 'application/vnd.etsi.tsl+xml' })
      res.end(status === 200 ? document.body : undefined)
    })
    this.#server = server
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  }

  url = (path: string): string => `${this.baseUrl}${path}`

  stop(): Promise<void> {
    return new Promise((resolve) =>
      this.#server ? this.#server.close(() => resolve()) : resolve(),
    )
  }
}

export interface TestEcosystem {
  server: ListServer
  lotlSigner: TestSigner
  signers: Record<string, TestSigner>
  /** Signs and publishes the LOTL, pointing to the national lists of `territories`. */
  publishLotl(options?: {
    sequence?: number
    signer?: TestSigner
    /** More `OtherTSLPointer` elements, as XML text (e.g. a pointer with a mutual-recognition block). */
    extraPointers?: string[]
  }): Promise<void>
  /** Signs and publishes a national list. */
  publishList(territory: string, fixture?: ListFixture, signer?: TestSigner): Promise<string>
  lotlPem(): string
}

export async function createTestEcosystem(territories: string[]): Promise<TestEcosystem> {
  const server = new ListServer()
  await server.start()
  const lotlSigner = await createTestSigner('Test LOTL Signer', 'ecdsa')
  const signers: Record<string, TestSigner> = {}
  for (const territory of territories) {
    signers[territory] = await createTestSigner(`${territory} Scheme Operator`, 'ecdsa')
  }
  const toPem = (der: Uint8Array) =>
    `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString('base64')}\n-----END CERTIFICATE-----\n`
  return {
    server,
    lotlSigner,
    signers,
    async publishLotl(options = {}) {
      const xml = buildTrustedListXml({
        territory: 'EU',
        tslType: EU_LOTL_TYPE,
        sequence: options.sequence ?? 100,
        withoutProviders: true,
        nextUpdate: '2026-12-01T00:00:00Z',
        pointers: territories.map((territory) => ({
          territory,
          location: server.url(`/${territory}.xml`),
          certificates: [(signers[territory] as TestSigner).certificate],
        })),
      })
      const withExtra = (options.extraPointers ?? []).reduce(
        (text, pointer) =>
          text.replace('</tsl:PointersToOtherTSL>', `${pointer}</tsl:PointersToOtherTSL>`),
        xml,
      )
      server.documents.set('/lotl.xml', {
        body: await signXml(withExtra, options.signer ?? lotlSigner),
      })
    },
    async publishList(territory, fixture = {}, signer) {
      const xml = buildTrustedListXml({ territory, nextUpdate: '2026-12-01T00:00:00Z', ...fixture })
      const body = await signXml(xml, signer ?? (signers[territory] as TestSigner))
      server.documents.set(`/${territory}.xml`, { body })
      return body
    },
    lotlPem: () => toPem(lotlSigner.certificate),
  }
}
