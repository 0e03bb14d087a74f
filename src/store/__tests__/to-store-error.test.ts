// Connection failures, and only they, become `store.unavailable`.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { KakehashiError } from '../../errors.ts'
import { toStoreError } from '../to-store-error.ts'

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code })

test('socket errors, connection SQLSTATEs and pool messages are store.unavailable', () => {
  const failures = [
    withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
    withCode('terminating connection due to administrator command', '57P01'),
    withCode('connection failure', '08006'),
    withCode('database "none" does not exist', '3D000'),
    new Error('Connection terminated unexpectedly'),
    new Error('timeout exceeded when trying to connect'),
  ]
  for (const failure of failures) {
    const wrapped = toStoreError(failure, 'query')
    assert.ok(wrapped instanceof KakehashiError, failure.message)
    assert.equal(wrapped.code, 'store.unavailable')
    assert.equal(wrapped.cause, failure)
  }
})

test('SQL errors and Kakehashi errors pass unchanged', () => {
  const sqlError = withCode('duplicate key value violates unique constraint', '23505')
  assert.equal(toStoreError(sqlError, 'query'), sqlError)
  const own = new KakehashiError('registry.change_invalid', 'no')
  assert.equal(toStoreError(own, 'query'), own)
  assert.equal(toStoreError('text', 'query'), 'text')
})
