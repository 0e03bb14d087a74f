// The stale-source policy of the bridge configuration: refused by default, an unknown value refused.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { isKakehashiError } from '../../errors.ts'
import { resolveBridgeConfig } from '../bridge-config.ts'

test('KAKEHASHI_STALE_SOURCES: refuse by default, accept when set, anything else is config.invalid', () => {
  assert.equal(resolveBridgeConfig({}, {}).staleSources, 'refuse')
  assert.equal(
    resolveBridgeConfig({}, { KAKEHASHI_STALE_SOURCES: 'refuse' }).staleSources,
    'refuse',
  )
  assert.equal(
    resolveBridgeConfig({}, { KAKEHASHI_STALE_SOURCES: 'accept' }).staleSources,
    'accept',
  )
  for (const value of ['yes', 'ACCEPT', '1'])
    assert.throws(
      () => resolveBridgeConfig({}, { KAKEHASHI_STALE_SOURCES: value }),
      (error: unknown) => isKakehashiError(error) && error.code === 'config.invalid',
    )
})

test('KAKEHASHI_SYNC_INTERVAL_SEC: an hour by default, 0 turns it off, nonsense is config.invalid', () => {
  assert.equal(resolveBridgeConfig({}, {}).syncIntervalSec, 3600)
  assert.equal(resolveBridgeConfig({}, { KAKEHASHI_SYNC_INTERVAL_SEC: '0' }).syncIntervalSec, 0)
  assert.equal(resolveBridgeConfig({}, { KAKEHASHI_SYNC_INTERVAL_SEC: '600' }).syncIntervalSec, 600)
  for (const value of ['-1', '5', '1.5', 'hourly', '99999999'])
    assert.throws(
      () => resolveBridgeConfig({}, { KAKEHASHI_SYNC_INTERVAL_SEC: value }),
      (error: unknown) => isKakehashiError(error) && error.code === 'config.invalid',
      value,
    )
})
