// The corporate-number check digit follows the Ministry of Finance ordinance, checked against published examples.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { corporateNumberCheckDigit, isValidCorporateNumber } from '../check-corporate-number.ts'

describe('corporate number check digit', () => {
  it("computes the National Tax Agency's worked example: 123456789012 → 7", () => {
    // Σ = 2+2+0+18+8+14+6+10+4+6+2+2 = 74; 74 mod 9 = 2; 9 − 2 = 7.
    assert.equal(corporateNumberCheckDigit('123456789012'), 7)
    assert.ok(isValidCorporateNumber('7123456789012'))
  })

  it('accepts a published corporate number and refuses it with any other check digit', () => {
    assert.ok(isValidCorporateNumber('4011001098993'))
    for (let digit = 1; digit <= 9; digit++) {
      if (digit === 4) continue
      assert.equal(isValidCorporateNumber(`${digit}011001098993`), false, String(digit))
    }
  })

  it('gives a digit from 1 to 9, never 0, so a number never begins with 0', () => {
    assert.equal(corporateNumberCheckDigit('000000000000'), 9)
    assert.equal(corporateNumberCheckDigit('000000000009'), 9)
    assert.equal(isValidCorporateNumber('0000000000000'), false)
  })

  it('refuses what is not 13 digits', () => {
    for (const value of ['', '412345678901', '41234567890123', '4O11001098993', ' 4011001098993']) {
      assert.equal(isValidCorporateNumber(value), false, JSON.stringify(value))
    }
    assert.throws(() => corporateNumberCheckDigit('12345'), RangeError)
  })
})
