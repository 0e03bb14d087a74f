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
  const depth = jsonDepth(value, maxDepth)
  if (depth > maxDepth) {
    return { ok: false, reason: 'depth', message: `JSON nested deeper than ${maxDepth} levels` }
  }
  return { ok: true, value }
}

/** Depth of nested objects/arrays; stops counting once past `limit` (iterative: no stack overflow). */
export function jsonDepth(value: unknown, limit: number): number {
  let max = 0
  const stack: Array<[unknown, number]> = [[value, 0]]
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [unknown, number]
    if (node === null || typeof node !== 'object') continue
    const here = depth + 1
    if (here > max) max = here
    if (max > limit) return max
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, here])
  }
  return max
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
