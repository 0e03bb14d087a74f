// Kanji numerals as dates write them: 三十一, 二十五, 十, and the positional 二〇 / 一二.

const DIGITS: Record<string, number> = {
  〇: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
}

/** The kanji that can appear in a numeral this reader accepts. */
export const KANJI_NUMERAL_CHARS = '〇一二三四五六七八九十'

/**
 * The value of a kanji numeral below 100 written with 十 (十, 十二, 二十, 三十一), or of a
 * positional one (一二, 二〇); `undefined` for anything else (一十, 十十, 百). Era years, months
 * and days never reach 100 in the kanji forms in use.
 */
export function readJapaneseNumeral(text: string): number | undefined {
  const tens = /^([二三四五六七八九])?十([一二三四五六七八九])?$/.exec(text)
  if (tens !== null) {
    const high = tens[1] === undefined ? 1 : (DIGITS[tens[1]] as number)
    const low = tens[2] === undefined ? 0 : (DIGITS[tens[2]] as number)
    return high * 10 + low
  }
  if (!/^[〇一二三四五六七八九]{1,4}$/.test(text)) return undefined
  let value = 0
  for (const char of text) value = value * 10 + (DIGITS[char] as number)
  return value
}
