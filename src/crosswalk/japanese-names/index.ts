// Japanese names: splitting, kana normalisation, passport Hepburn romanisation and Latin matching keys.
export { foldLatinForComparison } from './fold-latin-for-comparison.ts'
export type { PassportHepburnResult } from './kana-to-passport-hepburn.ts'
export { kanaToPassportHepburn } from './kana-to-passport-hepburn.ts'
export { isKana, normaliseKana } from './normalise-kana.ts'
export type { SplitJapaneseNameResult } from './split-japanese-name.ts'
export { splitJapaneseName } from './split-japanese-name.ts'
