// Asks a running bridge for a framework's signed LoTE in either binding: the text as served, or the problem's code.
import type { LoteExportFormat } from '../bridge/export-lote.ts'
import { KakehashiError } from '../errors.ts'
import { LOTE_JWS_MEDIA_TYPE, LOTE_XML_MEDIA_TYPE } from '../sources/lote/index.ts'

export async function fetchLoteExport(
  baseUrl: string,
  frameworkId: string,
  format: LoteExportFormat = 'jws',
): Promise<string> {
  const url = new URL(`/v1/registry/frameworks/${encodeURIComponent(frameworkId)}/lote`, baseUrl)
  if (format !== 'jws') url.searchParams.set('format', format)
  const mediaType = format === 'xml' ? LOTE_XML_MEDIA_TYPE : LOTE_JWS_MEDIA_TYPE
  let response: Response
  try {
    response = await fetch(url, {
      headers: { accept: `${mediaType}, application/problem+json` },
      signal: AbortSignal.timeout(60_000),
    })
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
