// A full Japanese name (family name first, as the 戸籍 and the My Number card write it) split into its two parts.

export type SplitJapaneseNameResult =
  | { ok: true; family: string; given: string }
  | { ok: false; code: 'name.unsplittable'; message: string }

/** The separators Japanese records put between family and given name: ASCII and ideographic space. */
const SEPARATOR = /[ \u3000]/g

const unsplittable = (message: string): SplitJapaneseNameResult => ({
  ok: false,
  code: 'name.unsplittable',
  message,
})

/**
 * Splits at the one space (U+0020 or U+3000) between family and given name. A name written
 * without a space, with several, or with other white space is refused, never guessed: where
 * 佐藤 ends in 佐藤健 is not something the characters say.
 */
export function splitJapaneseName(full: string): SplitJapaneseNameResult {
  if (typeof full !== 'string') return unsplittable('not a text')
  const separators = full.match(SEPARATOR)?.length ?? 0
  if (separators !== 1)
    return unsplittable(
      separators === 0
        ? 'no space between family and given name: where one ends cannot be known'
        : `${separators} spaces where one separates family and given name`,
    )
  const at = full.search(SEPARATOR)
  const family = full.slice(0, at)
  const given = full.slice(at + 1)
  if (family === '' || given === '') return unsplittable('a name part is empty')
  if (/\s/u.test(family) || /\s/u.test(given))
    return unsplittable('white space other than one space in the name')
  return { ok: true, family, given }
}
