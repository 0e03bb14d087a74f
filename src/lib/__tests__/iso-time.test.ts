// isoTime must write exactly what Date#toISOString writes, throwing where it throws.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { isoTime } from '../iso-time.ts'

test('isoTime equals toISOString across ordinary, padded and edge times', () => {
  const times = [
    0,
    1,
    999,
    Date.UTC(2026, 10, 23, 2, 3, 4, 5),
    Date.UTC(1999, 11, 31, 23, 59, 59, 999),
    Date.UTC(9999, 11, 31, 23, 59, 59, 999),
    Date.UTC(10000, 0, 1),
    -1,
    Date.UTC(-1, 0, 1),
    8.64e15,
    -8.64e15,
  ]
  for (let i = 0; i < 2000; i++) times.push(Math.floor((Math.random() - 0.3) * 4e12))
  for (const ms of times) assert.equal(isoTime(ms), new Date(ms).toISOString(), String(ms))
})

test('isoTime throws RangeError for an invalid time, as toISOString does', () => {
  assert.throws(() => isoTime(Number.NaN), RangeError)
  assert.throws(() => isoTime(8.64e15 + 1), RangeError)
})
