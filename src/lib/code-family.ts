// Error-code families: shared readers throw in their caller's family (`tl.not_xml`, `lote.not_xml`), checked by the type system.
//
// A reader shared by several sources (XML parsing, XML signatures) refuses input the same way for
// each, but each source keeps its own stable codes, which its tests and documentation name. The
// caller passes its family; the type admits only a family for which every code the reader may
// throw exists in `ErrorCode`, so a new refusal cannot be thrown under a code nobody declared.
import type { ErrorCode } from '../errors.ts'

type Prefix<C extends string> = C extends `${infer F}.${string}` ? F : never

/** The prefixes F for which `F.<r>` is an ErrorCode for every refusal r in R. */
export type CodeFamily<R extends string> = {
  [F in Prefix<ErrorCode>]: `${F}.${R}` extends ErrorCode ? F : never
}[Prefix<ErrorCode>]

/** The code of `refusal` in `family`. */
export const familyCode = <R extends string>(family: CodeFamily<R>, refusal: R): ErrorCode =>
  `${family}.${refusal}` as ErrorCode
