// `kakehashi serve [--port <n>] [--host <h>]`: the bridge as an HTTP service (what `npm start` runs).
import { readFileSync } from 'node:fs'
import { resolveBridgeConfig } from '../../bridge/bridge-config.ts'
import { readBridgeLock, writeBridgeLock } from '../../bridge/bridge-lock.ts'
import { defaultSourcesPath } from '../../bridge/bridge-sync.ts'
import { openBridge } from '../../bridge/open-bridge.ts'
import { type ScheduledSyncEvent, startScheduledSync } from '../../bridge/scheduled-sync.ts'
import { KakehashiError } from '../../errors.ts'
import { createServer } from '../../server/create-server.ts'
import { loadOperatorToken } from '../../server/operator-auth.ts'
import { dataDirOption, parse } from '../args.ts'
import type { Io } from '../io.ts'

const version = (
  JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
    version: string
  }
).version

export async function serveCommand(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, {
    port: { type: 'string' },
    host: { type: 'string' },
    ...dataDirOption,
  })
  const config = resolveBridgeConfig({
    ...(values['data-dir'] !== undefined ? { dataDir: values['data-dir'] } : {}),
    ...(values.port !== undefined ? { port: Number(values.port) } : {}),
    ...(values.host !== undefined ? { host: values.host } : {}),
  })
  if (config.databaseUrl === undefined) {
    const running = await readBridgeLock(config.dataDir)
    if (running) {
      throw new KakehashiError(
        'usage.invalid',
        `a bridge (pid ${running.pid}) already serves ${config.dataDir} at ${running.url}`,
      )
    }
  }
  const bridge = await openBridge(config)
  const operatorToken = await loadOperatorToken(config.dataDir)
  const app = createServer(bridge, {
    operatorToken,
    version,
    logger: { level: process.env.LOG_LEVEL ?? 'warn' },
  })
  await app.listen({ port: config.port, host: config.host })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`
  const releaseLock =
    config.databaseUrl === undefined ? await writeBridgeLock(config.dataDir, url) : async () => {}
  const scheduled =
    config.syncIntervalSec > 0
      ? startScheduledSync({
          store: bridge.store,
          clock: bridge.clock,
          sync: (request) => bridge.sync(request),
          sourcesPath: defaultSourcesPath(config.dataDir),
          intervalMs: config.syncIntervalSec * 1000,
          onRun: (event) => logScheduledSync(app.log, event),
        })
      : undefined
  // The first run at start, in the background: serving does not wait for the lists.
  void scheduled?.runOnce()
  const checkpoint = (await bridge.registry.get()).checkpoint
  io.out(
    banner(
      url,
      config.dataDir,
      config.databaseUrl !== undefined,
      checkpoint.size,
      bridge.sandbox !== undefined,
    ),
  )

  await new Promise<void>((resolve) => {
    const stop = () => resolve()
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  io.err('stopping…')
  await scheduled?.stop()
  await app.close()
  await bridge.close()
  await releaseLock()
  return 0
}

function banner(
  url: string,
  dataDir: string,
  postgres: boolean,
  logSize: number,
  sandbox: boolean,
): string {
  const lines = [
    `Kakehashi ${version} — the EU–Japan trust bridge — listening on ${url}`,
    `  store: ${postgres ? 'PostgreSQL (DATABASE_URL)' : `embedded, in ${dataDir}`}; registry log: ${logSize} entries`,
    `  API description: ${url}/openapi.json`,
  ]
  if (sandbox) {
    lines.push(
      '',
      'Try it (in another terminal, from this directory):',
      '  # a Japanese university diploma, checked by an EU admissions office (eu.academic recognises jp.academic):',
      '  npx kakehashi sandbox issue jp-university --nonce n-42 --aud https://admissions.example.eu > jp-diploma.txt',
      '  npx kakehashi verify jp-diploma.txt --rp eu.academic --nonce n-42 --aud https://admissions.example.eu',
      '',
      '  # a Japanese My Number identity, offered to an EU PID relying party (no recognition rule: rejected):',
      '  npx kakehashi sandbox issue jp-mynumber-idp --nonce n-43 --aud https://bank.example.eu > jp-id.txt',
      '  npx kakehashi verify jp-id.txt --rp eu.eudi.pid --nonce n-43 --aud https://bank.example.eu',
      '',
      '  # the diploma as an Open Badges 3.0 credential (Data Integrity), and an EU ELM diploma for a Japanese employer:',
      '  npx kakehashi sandbox issue jp-university --format ldp_vc > jp-diploma.json',
      '  npx kakehashi verify jp-diploma.json --rp eu.academic',
      '  npx kakehashi sandbox issue eu-university --format vc+jwt --type EuropeanDigitalCredential > eu-diploma.jwt',
      '  npx kakehashi verify eu-diploma.jwt --rp jp.academic',
      '',
      '  # or over HTTP:',
      `  curl -s ${url}/v1/verify -H 'content-type: application/json' \\`,
      `    -d "{\\"credential\\":\\"$(cat jp-diploma.txt)\\",\\"rp\\":\\"eu.academic\\",\\"nonce\\":\\"n-42\\",\\"aud\\":\\"https://admissions.example.eu\\"}"`,
    )
  }
  return lines.join('\n')
}

function logScheduledSync(
  log: { info(o: object, m: string): void; warn(o: object, m: string): void },
  event: ScheduledSyncEvent,
): void {
  if (event.kind === 'skipped') {
    if (event.reason === 'lease_held_elsewhere')
      log.info({ reason: event.reason }, 'scheduled sync: another instance holds the lease')
    return
  }
  if (event.kind === 'failed') {
    const error = event.error as { code?: string; message?: string }
    log.warn({ code: error.code, message: error.message }, 'scheduled sync failed')
    return
  }
  const failed = event.report.sources.filter((s) => s.outcome === 'failed')
  const summary = {
    sources: event.report.sources.length,
    imported: event.report.sources.filter((s) => s.outcome === 'imported').length,
    failed: failed.map((s) => ({ sourceId: s.sourceId, code: s.failure?.code })),
    log: [event.report.before.size, event.report.after.size],
  }
  if (failed.length > 0) log.warn(summary, 'scheduled sync: some sources failed')
  else log.info(summary, 'scheduled sync')
}
