// Kana in one form (full-width katakana) so that two spellings of the same reading compare equal.

const HIRAGANA_FIRST = 0x3041 // ぁ
const HIRAGANA_LAST = 0x3096 // ゖ
const HIRAGANA_ITERATION = 0x309d // ゝ, and ゞ after it
/** Hiragana and katakana sit 0x60 apart in Unicode, letter for letter. */
const TO_KATAKANA = 0x60

/**
 * Characters NFKC would replace that a name must keep: the CJK compatibility ideographs
 * (U+F900–U+FAFF, U+2F800–U+2FA1F) that registry systems use for variant kanji of names. NFKC
 * maps them to the unified ideograph and so loses which variant the person writes.
 */
const PRESERVED = /([\uF900-\uFAFF]|[\u{2F800}-\u{2FA1F}])/u

function toKatakana(text: string): string {
  let out = ''
  for (const char of text) {
    const point = char.codePointAt(0) as number
    const shift =
      (point >= HIRAGANA_FIRST && point <= HIRAGANA_LAST) ||
      point === HIRAGANA_ITERATION ||
      point === HIRAGANA_ITERATION + 1
    out += shift ? String.fromCodePoint(point + TO_KATAKANA) : char
  }
  return out
}

/**
 * NFKC (half-width katakana and ｰ become full-width, ｶﾞ becomes ガ, U+3000 becomes a space), then
 * hiragana to katakana, then NFKC again to compose what the change made composable (わ plus a
 * voicing mark becomes ヷ). The long-vowel mark ー is kept: it is part of the reading. Idempotent.
 * CJK compatibility ideographs are left as they are (see PRESERVED); all other characters are NFKC'd.
 */
export function normaliseKana(text: string): string {
  return text
    .split(PRESERVED)
    .map((part, i) => (i % 2 === 1 ? part : toKatakana(part.normalize('NFKC')).normalize('NFKC')))
    .join('')
}

/** Katakana, ー, ・ and the katakana iteration marks, after normaliseKana. */
const KANA_CHAR = /^[\u30A1-\u30FA\u30FB\u30FC\u30FD\u30FE]$/u
/** The kana that stand for a sound (not ー, ・, ッ or an iteration mark). */
const KANA_LETTER = /^[\u30A1-\u30FA]$/u

/**
 * Whether the text is kana only (hiragana or katakana, full- or half-width, with ー, ・ and
 * spaces) and holds at least one kana letter. Kanji, Latin and digits make it false.
 */
export function isKana(text: string): boolean {
  if (typeof text !== 'string') return false
  let letters = 0
  for (const char of normaliseKana(text)) {
    if (char === ' ') continue
    if (!KANA_CHAR.test(char)) return false
    if (KANA_LETTER.test(char) && char !== 'ッ') letters++
  }
  return letters > 0
}
