// Latin spellings of Japanese names folded to one key, so that SATO, SATOH and SATŌ are found to match.

/**
 * OH before a consonant or at the end, OU and OO (a long O, however written), any run of them
 * after an O: one O. H before a vowel starts a syllable (KOHARU) and is kept.
 */
const LONG_O = /O(?:[OU]|H(?![AEIOUY]))+/g
const LONG_U = /UU+/g
/** Passport Hepburn writes ン before B, M, P as M (HOMMA); other schemes write N (HONMA). */
const SYLLABIC_M = /M(?=[BMP])/g

/**
 * A key for matching Latin spellings of one Japanese name across schemes and holders' choices:
 * NFKC, diacritics removed (Ō → O, Â → A), upper case, white space and apostrophes (SHIN'YA)
 * removed, long O and long U folded (OH|OU|OO → O, UU → U), M before B/M/P folded to N.
 *
 * Lossy by design, for matching only and never for display or storage: distinct names fold
 * together (KOUCHI 小内 and KOCHI 河内; OONO and ONO), so a match is a candidate for a person to
 * confirm, not an identity. Idempotent.
 */
export function foldLatinForComparison(latin: string): string {
  return latin
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s'\u2019]/gu, '')
    .replace(LONG_O, 'O')
    .replace(LONG_U, 'U')
    .replace(SYLLABIC_M, 'N')
}
