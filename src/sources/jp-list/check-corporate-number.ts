// Checks a Japanese corporate number (法人番号) by the check digit the Ministry of Finance ordinance defines.
//
// 法人番号の指定等に関する省令 (平成26年財務省令第70号) article 2, as the National Tax Agency
// explains it: the first of the 13 digits is the check digit of the other 12 (the base number),
// 9 − (Σ Pn × Qn mod 9) for n = 1…12, Pn the n-th digit counted from the lowest, Qn 1 for odd n
// and 2 for even n. The result is always 1…9, so a number never begins with 0.

/** The check digit of a 12-digit base number (会社法人等番号 for registered companies). */
export function corporateNumberCheckDigit(base: string): number {
  if (!/^[0-9]{12}$/.test(base)) throw new RangeError('a base number has 12 digits')
  let sum = 0
  for (let n = 1; n <= 12; n++) {
    const digit = base.charCodeAt(12 - n) - 48
    sum += digit * (n % 2 === 1 ? 1 : 2)
  }
  return 9 - (sum % 9)
}

/** Whether `value` is 13 digits whose first is the check digit of the other twelve. */
export function isValidCorporateNumber(value: string): boolean {
  if (!/^[1-9][0-9]{12}$/.test(value)) return false
  return value.charCodeAt(0) - 48 === corporateNumberCheckDigit(value.slice(1))
}
