// Asks a running bridge for a framework's signed LoTE: the JWS text as served, or the problem's code.
import { KakehashiError } from '../errors.ts'
import { LOTE_JWS_MEDIA_TYPE } from '../sources/lote/index.ts'

export async function fetchLoteExport(baseUrl: string, frameworkId: string): Promise<string> {
  let response: Response
  try {
    response = await fetch(
      new URL(`/v1/registry/frameworks/${encodeURIComponent(frameworkId)}/lote`, baseUrl),
      {
        headers: { accept: `${LOTE_JWS_MEDIA_TYPE}, application/problem+json` },
        signal: AbortSignal.timeout(60_000),
      },
    )
  } catch (error) {
    throw new KakehashiError(
      'store.unavailable',
      `the bridge at ${baseUrl} did not answer`,
      undefined,
      { cause: error },
    )
  }
  const text = await response.text()
  if (!response.ok) {
    let problem: Record<string, unknown> | undefined
    try {
      problem = JSON.parse(text) as Record<string, unknown>
    } catch {
      problem = undefined
    }
    const code = typeof problem?.code === 'string' ? problem.code : 'input.invalid'
    throw new KakehashiError(code as never, String(problem?.title ?? response.statusText), problem)
  }
  return text
}
