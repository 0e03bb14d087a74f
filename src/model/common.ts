// Schemas shared by every registry object: identifiers, times, localised names.
import { z } from 'zod'

/** Registry identifiers: dotted, lower-case, stable (`eu.academic`, `jp.sandbox.university`). */
export const zId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[a-z0-9][a-z0-9._:-]*$/, 'lower-case letters, digits and . _ : - only')

export const zIsoDateTime = z.iso.datetime({ offset: true })

/** A name in one language and script: Japanese names come in kanji, kana and Latin forms. */
export const zLocalisedName = z.object({
  value: z.string().min(1).max(300),
  /** BCP 47 tag, with a script subtag where it matters (`ja-Jpan`, `ja-Kana`, `ja-Latn`, `en`). */
  lang: z.string().min(2).max(35),
})
export type LocalisedName = z.infer<typeof zLocalisedName>
