// The options with every limit filled in, and how deep inside a presentation a document sits.
import { defaultVcJoseLimits, type VcJoseLimits, type VerifyVcJoseCoseOptions } from './types.ts'

export interface ResolvedOptions extends Omit<VerifyVcJoseCoseOptions, 'limits'> {
  limits: VcJoseLimits
  /** 1 for the document handed in; each enveloping presentation adds one. */
  depth: number
}

// Not `{ ...options, … }`: V8 builds a literal that opens with a spread through a slow generic path.
export const resolveOptions = (options: VerifyVcJoseCoseOptions): ResolvedOptions => ({
  depth: 1,
  ...options,
  limits:
    options.limits === undefined
      ? defaultVcJoseLimits
      : { ...defaultVcJoseLimits, ...options.limits },
})

/** The options for a credential enveloped in a presentation: nonce and audience belong to the presentation only. */
export function envelopedOptions(options: ResolvedOptions): ResolvedOptions {
  const { expectedNonce: _nonce, expectedAudience: _audience, ...rest } = options
  return { ...rest, depth: options.depth + 1 }
}
