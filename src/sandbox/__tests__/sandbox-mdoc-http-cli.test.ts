// Sandbox mdocs from `POST /v1/sandbox/credentials` and `kakehashi sandbox issue --format mdoc`, checked by @auth0/mdl.
import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { Verifier } from '@auth0/mdl'
import { openTestBridge, sandboxOf } from '../../../test/support/bridge.ts'
import { captureIo } from '../../../test/support/capture-io.ts'
import type { Bridge } from '../../bridge/open-bridge.ts'
import { main } from '../../cli/main.ts'
import { EUDI_PID_DOCTYPE } from '../../formats/mdoc/profiles/eudi-pid.ts'
import {
  encodeSessionTranscript,
  type SessionTranscriptInput,
  sessionTranscriptBytes,
} from '../../formats/mdoc/session-transcript.ts'
import { zSessionTranscript } from '../../formats/mdoc/session-transcript-json.ts'
import { createServer } from '../../server/create-server.ts'
import type { IssuedMdoc } from '../issue-sandbox-mdoc.ts'

const bytesOf = (issued: IssuedMdoc) =>
  new Uint8Array(Buffer.from(issued.deviceResponse, 'base64url'))
const transcriptBytesOf = (input: SessionTranscriptInput) =>
  sessionTranscriptBytes(encodeSessionTranscript(input))

/** @auth0/mdl throws at the first check that fails. */
const verifyIndependently = (bridge: Bridge, issued: IssuedMdoc) =>
  new Verifier([sandboxOf(bridge).keyring.get(issued.issuer).caCertPem]).verify(bytesOf(issued), {
    encodedSessionTranscript: transcriptBytesOf(zSessionTranscript.parse(issued.sessionTranscript)),
  })

describe('sandbox mdocs over HTTP and on the command line', () => {
  let bridge: Bridge
  let dataDir: string
  before(async () => {
    bridge = await openTestBridge()
    dataDir = await mkdtemp(join(tmpdir(), 'kakehashi-mdoc-cli-'))
    delete process.env.DATABASE_URL
  })
  after(async () => {
    await bridge.close()
    await rm(dataDir, { recursive: true, force: true })
  })

  test('POST /v1/sandbox/credentials with format mdoc: nonce and aud make the OpenID4VP handover', async () => {
    const app = createServer(bridge, { operatorToken: 'operator', logger: false })
    try {
      const post = (payload: Record<string, unknown>) =>
        app.inject({ method: 'POST', url: '/v1/sandbox/credentials', payload })
      const response = await post({
        issuer: 'jp-mynumber-idp',
        format: 'mdoc',
        nonce: 'n-http',
        aud: 'x509_san_dns:rp.example.jp',
      })
      assert.equal(response.statusCode, 201, response.body)
      const issued = response.json() as IssuedMdoc
      assert.deepEqual(issued.sessionTranscript, {
        type: 'oid4vp',
        clientId: 'x509_san_dns:rp.example.jp',
        nonce: 'n-http',
        responseUri: 'https://verifier.example/response',
      })
      await verifyIndependently(bridge, issued)
      const given = await post({
        issuer: 'eu-pid-provider',
        format: 'mdoc',
        sessionTranscript: { type: 'oid4vp-dc-api', origin: 'https://rp.example.eu', nonce: 'n' },
      })
      assert.equal(given.statusCode, 201, given.body)
      await verifyIndependently(bridge, given.json() as IssuedMdoc)
      const none = await post({ issuer: 'eu-university', format: 'mdoc' })
      assert.equal(none.statusCode, 400)
      assert.equal(none.json().code, 'usage.invalid')
      const issuers = (await app.inject({ method: 'GET', url: '/v1/sandbox/issuers' })).json()
      assert.equal(
        issuers.find((i: { id: string }) => i.id === 'eu-pid-provider')?.docType,
        EUDI_PID_DOCTYPE,
      )
    } finally {
      await app.close()
    }
  })

  test('kakehashi sandbox issue --format mdoc: JSON with --json, else the DeviceResponse and a hint', async () => {
    const run = async (...args: string[]) => {
      const io = captureIo()
      const status = await main([...args, '--data-dir', dataDir], io)
      return { status, out: io.stdout.join('\n'), err: io.stderr.join('\n') }
    }
    const json = await run(
      'sandbox',
      'issue',
      'eu-pid-provider',
      '--format',
      'mdoc',
      '--nonce',
      'n-cli',
      '--aud',
      'x509_san_dns:bank.example.eu',
      '--json',
    )
    assert.equal(json.status, 0, json.err)
    const issued = JSON.parse(json.out) as IssuedMdoc
    assert.equal(issued.docType, EUDI_PID_DOCTYPE)
    assert.equal(
      issued.sessionTranscript.type === 'oid4vp' && issued.sessionTranscript.nonce,
      'n-cli',
    )
    const caPem = await readFile(join(dataDir, 'sandbox', 'eu-pid-provider', 'ca.pem'), 'utf8')
    await new Verifier([caPem]).verify(bytesOf(issued), {
      encodedSessionTranscript: transcriptBytesOf(
        zSessionTranscript.parse(issued.sessionTranscript),
      ),
    })

    const plain = await run('sandbox', 'issue', 'jp-mynumber-idp', '--format', 'mdoc')
    assert.equal(plain.status, 0, plain.err)
    assert.match(plain.out, /^[A-Za-z0-9_-]+$/)
    assert.match(plain.err, /kakehashi\.sandbox\.jp\.mynumber\.1/)
    assert.match(plain.err, /--session-transcript '\{"type":"oid4vp",/)
    assert.notEqual((await run('sandbox', 'issue', 'eu-pid-provider', '--format', 'jwt')).status, 0)
  })
})
