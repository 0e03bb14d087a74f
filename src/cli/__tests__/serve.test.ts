import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { captureIo } from '../../../test/support/capture-io.ts'
import { main } from '../main.ts'

/** Starts `kakehashi serve` as a newcomer's `npm start` would, on a free port, and waits for its banner. */
function startBridge(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    ['bin/kakehashi.js', 'serve', '--port', '0', '--data-dir', dataDir],
    {
      env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  return new Promise((resolve, reject) => {
    let output = ''
    const timer = setTimeout(() => reject(new Error(`no banner in 60 s:\n${output}`)), 60_000)
    child.stdout?.on('data', (chunk) => {
      output += chunk
      const match = /listening on (http:\/\/\S+)/.exec(output)
      if (match?.[1] && output.includes('Try it')) {
        clearTimeout(timer)
        resolve({ child, url: match[1] })
      }
    })
    child.stderr?.on('data', (chunk) => {
      output += chunk
    })
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}:\n${output}`)))
  })
}

describe('kakehashi serve, and the command line beside it', { timeout: 120_000 }, () => {
  let dir: string
  let bridge: { child: ChildProcess; url: string }
  const run = async (...args: string[]) => {
    const io = captureIo()
    const status = await main([...args, '--data-dir', join(dir, 'data')], io)
    return { status, out: io.stdout.join('\n'), err: io.stderr.join('\n') }
  }
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kakehashi-serve-'))
    bridge = await startBridge(join(dir, 'data'))
  })
  after(() => {
    if (bridge.child.exitCode === null) bridge.child.kill('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
  })

  test('the banner names a live service with its OpenAPI description', async () => {
    const response = await fetch(`${bridge.url}/openapi.json`)
    assert.equal(response.status, 200)
    assert.equal(((await response.json()) as { openapi: string }).openapi, '3.1.0')
  })

  test('while it runs, the command line works through it (the embedded store admits one process)', async () => {
    const issued = await run(
      'sandbox',
      'issue',
      'jp-university',
      '--nonce',
      'n',
      '--aud',
      'https://rp.example.eu',
      '--json',
    )
    assert.equal(issued.status, 0, issued.err)
    const { credential, statusIndex } = JSON.parse(issued.out)
    const file = join(dir, 'diploma.txt')
    writeFileSync(file, credential)
    const verify = () =>
      run(
        'verify',
        file,
        '--rp',
        'eu.academic',
        '--nonce',
        'n',
        '--aud',
        'https://rp.example.eu',
        '--json',
      )
    const accepted = await verify()
    assert.equal(accepted.status, 0, accepted.out)
    // The operator token in the data directory lets the command line change a status.
    assert.equal(
      (await run('sandbox', 'status', 'jp-university', String(statusIndex), 'invalid')).status,
      0,
    )
    const shown = await run(
      'registry',
      'show',
      'sandbox.eu-academic-recognises-jp-academic',
      '--json',
    )
    assert.equal(JSON.parse(shown.out).kind, 'recognition-rule')
  })

  test('it stops on SIGTERM and releases the data directory', async () => {
    const exited = new Promise<number | null>((resolve) => bridge.child.on('exit', resolve))
    bridge.child.kill('SIGTERM')
    assert.equal(await exited, 0)
    assert.equal(existsSync(join(dir, 'data', 'bridge.lock')), false)
    // Now the command line opens the store itself; the revocation made through the bridge holds.
    const file = join(dir, 'diploma.txt')
    const rejected = await run(
      'verify',
      file,
      '--rp',
      'eu.academic',
      '--nonce',
      'n',
      '--aud',
      'https://rp.example.eu',
      '--json',
    )
    assert.equal(rejected.status, 1)
    assert.deepEqual(JSON.parse(rejected.out).errors, ['status.invalid'])
  })
})
