// JSON parsing at the edge: bounded in depth, with failures reported as codes, never thrown raw.

export type JsonParseResult =
  | { ok: true; value: unknown }
  | { ok: false; reason: 'syntax' | 'depth'; message: string }

/** Parses JSON text and refuses documents nested deeper than `maxDepth` objects/arrays. */
export function parseJson(text: string, maxDepth: number): JsonParseResult {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return { ok: false, reason: 'syntax', message: (error as Error).message }
  }
  // Each level of nesting takes an opening and a closing bracket, so a text shorter than
  // 2 × (maxDepth + 1) characters cannot exceed the limit: most Disclosures need no walk.
  if (text.length < 2 * (maxDepth + 1)) return { ok: true, value }
  const depth = jsonDepth(value, maxDepth)
  if (depth > maxDepth) {
    return { ok: false, reason: 'depth', message: `JSON nested deeper than ${maxDepth} levels` }
  }
  return { ok: true, value }
}

/**
 * Depth of nested objects/arrays, counted no further than `limit + 1` (so the recursion is bounded
 * by the limit, never by the input: a hostile document cannot overflow the stack).
 */
export function jsonDepth(value: unknown, limit: number): number {
  return depthOf(value, 0, limit)
}

function depthOf(node: unknown, above: number, limit: number): number {
  if (node === null || typeof node !== 'object') return above
  const here = above + 1
  if (here > limit) return here
  let max = here
  const children = Array.isArray(node) ? node : Object.values(node)
  for (const child of children) {
    if (child === null || typeof child !== 'object') continue
    const depth = depthOf(child, here, limit)
    if (depth > max) {
      max = depth
      if (max > limit) return max
    }
  }
  return max
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
