// Kana to the Latin spelling a Japanese passport would print, by the passport Hepburn rules of 外務省.
import { isKana, normaliseKana } from './normalise-kana.ts'

export type PassportHepburnResult =
  | { ok: true; latin: string; derived: true; rule: 'passport-hepburn' }
  | { ok: false; code: 'name.not_kana'; message: string }

// biome-ignore format: laid out as the rows of the passport table
/**
 * The passport table (ヘボン式ローマ字綴方表) as the passport offices publish it: Tokyo,
 * https://www.seikatubunka.metro.tokyo.lg.jp/passport/documents/0000000485.html; Kumamoto,
 * https://www.pref.kumamoto.jp/kiji_2265.html. ヴ is BU and ヴァ BUA: the passport table
 * writes no V. Small vowels keep their own letter (ファ FUA, ティ TEI, デュ DEYU), as the table's
 * examples of foreign names do.
 */
const SYLLABLES: Record<string, string> = {
  ア: 'A', イ: 'I', ウ: 'U', エ: 'E', オ: 'O',
  カ: 'KA', キ: 'KI', ク: 'KU', ケ: 'KE', コ: 'KO',
  サ: 'SA', シ: 'SHI', ス: 'SU', セ: 'SE', ソ: 'SO',
  タ: 'TA', チ: 'CHI', ツ: 'TSU', テ: 'TE', ト: 'TO',
  ナ: 'NA', ニ: 'NI', ヌ: 'NU', ネ: 'NE', ノ: 'NO',
  ハ: 'HA', ヒ: 'HI', フ: 'FU', ヘ: 'HE', ホ: 'HO',
  マ: 'MA', ミ: 'MI', ム: 'MU', メ: 'ME', モ: 'MO',
  ヤ: 'YA', ユ: 'YU', ヨ: 'YO',
  ラ: 'RA', リ: 'RI', ル: 'RU', レ: 'RE', ロ: 'RO',
  ワ: 'WA', ヰ: 'I', ヱ: 'E', ヲ: 'O',
  ガ: 'GA', ギ: 'GI', グ: 'GU', ゲ: 'GE', ゴ: 'GO',
  ザ: 'ZA', ジ: 'JI', ズ: 'ZU', ゼ: 'ZE', ゾ: 'ZO',
  ダ: 'DA', ヂ: 'JI', ヅ: 'ZU', デ: 'DE', ド: 'DO',
  バ: 'BA', ビ: 'BI', ブ: 'BU', ベ: 'BE', ボ: 'BO',
  パ: 'PA', ピ: 'PI', プ: 'PU', ペ: 'PE', ポ: 'PO',
  ヴ: 'BU', ヷ: 'BUA', ヸ: 'BUI', ヹ: 'BUE', ヺ: 'BUO',
  ァ: 'A', ィ: 'I', ゥ: 'U', ェ: 'E', ォ: 'O',
  ャ: 'YA', ュ: 'YU', ョ: 'YO', ヮ: 'WA', ヵ: 'KA', ヶ: 'KE',
}
/** Small ャ ュ ョ join a preceding I-column kana into one syllable (キャ KYA, シャ SHA, ジャ JA). */
const YOON: Record<string, string> = { ャ: 'A', ュ: 'U', ョ: 'O' }
/** ヾ repeats the kana before it voiced. */
// biome-ignore format: one row per consonant
const VOICED: Record<string, string> = {
  カ: 'ガ', キ: 'ギ', ク: 'グ', ケ: 'ゲ', コ: 'ゴ',
  サ: 'ザ', シ: 'ジ', ス: 'ズ', セ: 'ゼ', ソ: 'ゾ',
  タ: 'ダ', チ: 'ヂ', ツ: 'ヅ', テ: 'デ', ト: 'ド',
  ハ: 'バ', ヒ: 'ビ', フ: 'ブ', ヘ: 'ベ', ホ: 'ボ',
  ウ: 'ヴ',
}

type Token =
  | {
      kind: 'syllable'
      latin: string
      /** A full-size ア…オ: the only kana a long vowel drops. */
      vowel: boolean
    }
  | { kind: 'sokuon' | 'n' | 'long' | 'space' }

/** Kana to tokens, with yōon joined and iteration marks resolved. */
function tokenise(kana: string): Token[] {
  const tokens: Token[] = []
  let previousKana: string | undefined
  for (let char of kana) {
    if (char === 'ヽ' || char === 'ヾ') {
      if (previousKana === undefined) continue
      char = char === 'ヾ' ? (VOICED[previousKana] ?? previousKana) : previousKana
    }
    if (char === ' ' || char === '・') {
      tokens.push({ kind: 'space' })
      previousKana = undefined
      continue
    }
    if (char === 'ッ' || char === 'ン' || char === 'ー') {
      tokens.push({ kind: char === 'ッ' ? 'sokuon' : char === 'ン' ? 'n' : 'long' })
      previousKana = undefined
      continue
    }
    const last = tokens[tokens.length - 1]
    const yoon = YOON[char]
    if (yoon !== undefined && last?.kind === 'syllable' && last.latin.endsWith('I')) {
      const stem = last.latin.slice(0, -1)
      // SHI, CHI and JI already end in the palatal sound: シャ is SHA, not SHYA.
      last.latin = /^(SH|CH|J)$/.test(stem) ? stem + yoon : `${stem}Y${yoon}`
      last.vowel = false
      previousKana = undefined
      continue
    }
    tokens.push({
      kind: 'syllable',
      latin: SYLLABLES[char] as string,
      vowel: 'アイウエオ'.includes(char),
    })
    previousKana = char
  }
  return tokens
}

/**
 * Long vowels are not written: ウ after an O or U syllable and オ after an O syllable are dropped
 * (サトウ SATO, オオノ ONO, ユウコ YUKO), except a name-final オ after an O syllable (ヨコオ YOKOO,
 * セノオ SENOO). ー is dropped. エイ and イイ stay (EI, II).
 */
function dropLongVowels(tokens: Token[]): void {
  // Decided on the spelling before any drop, so that オウウ loses both vowels, not one.
  const spelt = tokens.map((token) => (token.kind === 'syllable' ? token.latin : undefined))
  tokens.forEach((token, i) => {
    const before = spelt[i - 1]
    if (token.kind !== 'syllable' || !token.vowel || before === undefined) return
    const after = tokens[i + 1]
    const nameFinal = after === undefined || after.kind === 'space'
    if (token.latin === 'U' && /[OU]$/.test(before)) token.latin = ''
    else if (token.latin === 'O' && before.endsWith('O') && !nameFinal) token.latin = ''
  })
}

function write(tokens: Token[]): string {
  let out = ''
  tokens.forEach((token, i) => {
    const next = tokens[i + 1]
    const following = next?.kind === 'syllable' ? next.latin : ''
    switch (token.kind) {
      case 'syllable':
        out += token.latin
        break
      case 'sokuon':
        // ッ doubles the consonant after it, and is T before CH (HATCHO); before a vowel or at the end it is not written.
        out += following.startsWith('CH')
          ? 'T'
          : /^[B-DF-HJ-NP-TV-Z]/.test(following)
            ? following.charAt(0)
            : ''
        break
      case 'n':
        out += /^[BMP]/.test(following) ? 'M' : 'N'
        break
      case 'space':
        if (out !== '' && !out.endsWith(' ')) out += ' '
        break
      case 'long':
        break
    }
  })
  return out.trimEnd()
}

/**
 * The passport Hepburn spelling of a reading in kana (katakana or hiragana, full- or
 * half-width), upper case as on the passport: long vowels unwritten, ン before B/M/P as M, ッ
 * as a doubled consonant or T before CH, no apostrophe. Spaces and ・ separate words.
 *
 * The result is `derived`: made by rule, not stated by the holder. A passport may carry another
 * spelling (OH for a long O, a non-Hepburn form granted on evidence), and a kana converter cannot
 * tell a long vowel from two morphemes (松浦 マツウラ is MATSUURA on a passport, MATSURA here):
 * compare readings as kana, or Latin after foldLatinForComparison. Kanji are refused
 * (`name.not_kana`): their reading cannot be derived from the characters.
 */
export function kanaToPassportHepburn(kana: string): PassportHepburnResult {
  if (typeof kana !== 'string' || !isKana(kana)) {
    const offending =
      typeof kana === 'string'
        ? [...normaliseKana(kana)].find((char) => char !== ' ' && !/^[\u30A1-\u30FE]$/u.test(char))
        : undefined
    return {
      ok: false,
      code: 'name.not_kana',
      message:
        offending === undefined
          ? 'no kana to romanise'
          : `${JSON.stringify(offending)} is not kana: only a reading in kana can be romanised`,
    }
  }
  const tokens = tokenise(normaliseKana(kana).trim())
  dropLongVowels(tokens)
  return { ok: true, latin: write(tokens), derived: true, rule: 'passport-hepburn' }
}
