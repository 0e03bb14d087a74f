// The crosswalk document: a versioned, declarative mapping from one vocabulary to another, claim by claim.
import { z } from 'zod'
import { zId } from '../model/common.ts'
import { isJsonPointer } from './json-location.ts'

const zPointer = z.string().max(512).refine(isJsonPointer, 'not a JSON Pointer (RFC 6901)')

const zLocation = z.union([
  zPointer,
  z.strictObject({
    path: zPointer,
    match: z.record(z.string().max(128), z.string().max(256)),
    value: zPointer,
  }),
])

type Location = z.infer<typeof zLocation>

const sameMembers = (a: Record<string, string>, b: Record<string, string>): boolean =>
  Object.keys(a).length === Object.keys(b).length &&
  Object.entries(a).every(([key, value]) => b[key] === value)

/**
 * Whether a claim to `inner` writes inside what a claim to `outer` writes (`/d/e` inside `/d`):
 * written first, its value would be overwritten; written second, there may be no object to write
 * it in. Entries picked from one list by different members are side by side, not within.
 */
function writesWithin(inner: Location, outer: Location): boolean {
  if (typeof outer === 'string') {
    if (typeof inner === 'string') return inner.startsWith(`${outer}/`)
    return inner.path === outer || inner.path.startsWith(`${outer}/`)
  }
  if (typeof inner === 'string') return inner === outer.path || inner.startsWith(`${outer.path}/`)
  if (inner.path !== outer.path) return inner.path.startsWith(`${outer.path}/`)
  return sameMembers(inner.match, outer.match) && inner.value.startsWith(`${outer.value}/`)
}

/** A claim writes a term: never the whole document, a whole list or a whole entry. */
const writesATerm = (to: Location): boolean =>
  typeof to === 'string' ? to !== '' : to.path !== '' && to.value !== ''

const zLabel = z.strictObject({
  en: z.string().min(1).max(200),
  ja: z.string().max(200).optional(),
})

/**
 * The transformations a claim may use: a closed set, each implemented once in `transforms.ts`.
 * A document names them; it never carries code.
 */
export const zTransform = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('copy') }),
  /** A lookup in one of the document's tables; a value the table lacks is not mapped. */
  z.strictObject({ kind: z.literal('table'), table: z.string().min(1).max(64) }),
  z.strictObject({ kind: z.literal('prefix'), prefix: z.string().min(1).max(256) }),
  z.strictObject({
    kind: z.literal('strip-prefix'),
    prefix: z.string().min(1).max(256),
    as: z.enum(['string', 'integer']).default('string'),
  }),
  /** 令和8年3月25日, R8.3.25, partial dates → ISO 8601 (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`). */
  z.strictObject({ kind: z.literal('japanese-date-to-iso') }),
  /** ISO 8601 date (or the date of a date-time, as written) → the Japanese era form. */
  z.strictObject({
    kind: z.literal('iso-date-to-japanese'),
    style: z.enum(['kanji', 'letter']).default('kanji'),
  }),
  /** The date of an ISO 8601 date-time as written, in its own offset (never shifted to UTC). */
  z.strictObject({ kind: z.literal('date-of-datetime') }),
  /** One part of a Japanese full name written `family given`, split on its one space. */
  z.strictObject({ kind: z.literal('split-name'), part: z.enum(['family', 'given']) }),
  /** Family and given name (two sources, in that order) joined by one space. */
  z.strictObject({ kind: z.literal('join-name') }),
  /** Katakana or hiragana to Latin by the passport Hepburn rules: a derived form, marked as such. */
  z.strictObject({ kind: z.literal('kana-to-passport-hepburn') }),
  /** The source term's presence states this value (e.g. `ects_credits` → the ECTS system). */
  z.strictObject({ kind: z.literal('constant'), value: z.union([z.string(), z.number()]) }),
  /**
   * An ELM language map (`{ "en": …, "ja": … }`) to one text: the only language, or English where
   * there are several (the others are named as not carried). Plain text passes as it is.
   */
  z.strictObject({ kind: z.literal('from-language-map') }),
  /** A single value as a list of one. */
  z.strictObject({ kind: z.literal('as-list') }),
  /** A list of exactly one as that value; a longer list is not mapped (nothing is dropped). */
  z.strictObject({ kind: z.literal('single') }),
])
export type Transform = z.infer<typeof zTransform>

export const exactnesses = ['exact', 'approximate', 'impossible'] as const
export type Exactness = (typeof exactnesses)[number]

const zClaim = z
  .strictObject({
    /** The target term: where the value goes in the target vocabulary. */
    to: zLocation,
    label: zLabel,
    /** The source term(s) the value is read from; none for a claim that cannot be mapped. */
    from: z.array(zLocation).max(4).default([]),
    transform: zTransform.optional(),
    /** The best the mapping can be: a transformation may only lower it, and says why. */
    exactness: z.enum(exactnesses),
    /** Why the mapping is not exact, or impossible: required unless it is exact. */
    reason: z.string().min(1).max(1000).optional(),
  })
  .refine((claim) => claim.exactness === 'exact' || claim.reason !== undefined, {
    message: 'a claim that is not exact says why (`reason`)',
  })
  .refine((claim) => (claim.exactness === 'impossible') === (claim.from.length === 0), {
    message: 'an impossible claim reads nothing; every other claim reads at least one source term',
  })
  .refine((claim) => claim.exactness === 'impossible' || claim.transform !== undefined, {
    message: 'a claim that maps a value names its transform',
  })
  .refine((claim) => writesATerm(claim.to), {
    message: 'a claim writes a term, not the whole document or a whole entry',
    path: ['to'],
  })
export type CrosswalkClaim = z.infer<typeof zClaim>

export const zCrosswalkDocument = z
  .strictObject({
    id: zId,
    /** Semantic version: a change of meaning is a new major version. */
    version: z.string().regex(/^\d+\.\d+\.\d+$/),
    title: zLabel,
    /** The vocabularies read and written, declared in `crosswalks/vocabularies.json`. */
    source: zId,
    target: zId,
    /**
     * Which credentials the document reads (their type: `vct`, docType, W3C type), or, for a
     * document from a shared vocabulary, which relying parties' frameworks read its target.
     */
    appliesTo: z.strictObject({
      credentialTypes: z.array(z.string().min(1).max(512)).max(32).default([]),
      relyingPartyFrameworks: z.array(zId).max(32).default([]),
    }),
    /** The document that maps back, for the fidelity tests and for a reader's check. */
    inverse: zId.optional(),
    claims: z.array(zClaim).min(1).max(128),
    tables: z
      .record(
        z.string().min(1).max(64),
        z.strictObject({
          description: z.string().min(1).max(2000),
          entries: z
            .array(z.tuple([z.union([z.string(), z.number()]), z.union([z.string(), z.number()])]))
            .min(1)
            .max(512),
        }),
      )
      .default({}),
    /** Where the mapping decisions come from (official tables, specifications). */
    references: z
      .array(z.strictObject({ title: z.string().min(1).max(300), url: z.url() }))
      .max(16)
      .default([]),
  })
  .superRefine((document, context) => {
    for (const [index, claim] of document.claims.entries()) {
      if (claim.transform?.kind === 'table' && !(claim.transform.table in document.tables)) {
        context.addIssue({
          code: 'custom',
          path: ['claims', index, 'transform', 'table'],
          message: `no table ${claim.transform.table} in the document`,
        })
      }
      const within = document.claims.findIndex((other) => writesWithin(claim.to, other.to))
      if (within >= 0)
        context.addIssue({
          code: 'custom',
          path: ['claims', index, 'to'],
          message: `writes within the term of claim ${within}: what the target holds would depend on the credential's values`,
        })
    }
  })
export type CrosswalkDocument = z.infer<typeof zCrosswalkDocument>
