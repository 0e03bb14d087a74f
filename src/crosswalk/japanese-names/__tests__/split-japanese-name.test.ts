// splitJapaneseName splits at exactly one ASCII or ideographic space and refuses every other shape.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { splitJapaneseName } from '../split-japanese-name.ts'

test('splitJapaneseName splits family and given name at an ASCII space', () => {
  assert.deepEqual(splitJapaneseName('山田 太郎'), { ok: true, family: '山田', given: '太郎' })
})

test('splitJapaneseName splits at an ideographic space U+3000', () => {
  assert.deepEqual(splitJapaneseName('山田\u3000太郎'), { ok: true, family: '山田', given: '太郎' })
  assert.deepEqual(splitJapaneseName('ヤマダ\u3000タロウ'), {
    ok: true,
    family: 'ヤマダ',
    given: 'タロウ',
  })
})

test('splitJapaneseName keeps characters outside the BMP whole', () => {
  assert.deepEqual(splitJapaneseName('𠮷田 𠮷子'), { ok: true, family: '𠮷田', given: '𠮷子' })
  assert.deepEqual(splitJapaneseName('髙橋\u3000一郎'), { ok: true, family: '髙橋', given: '一郎' })
})

test('splitJapaneseName refuses a name without a space rather than guess', () => {
  const result = splitJapaneseName('山田太郎')
  assert.equal(result.ok, false)
  assert.equal(!result.ok && result.code, 'name.unsplittable')
})

test('splitJapaneseName refuses several spaces, of either kind', () => {
  for (const name of ['山田 太 郎', '山田  太郎', '山田 \u3000太郎', '佐藤 ジョン スミス'])
    assert.deepEqual(
      { ...splitJapaneseName(name), message: undefined },
      { ok: false, code: 'name.unsplittable', message: undefined },
      name,
    )
})

test('splitJapaneseName refuses an empty part and other white space', () => {
  for (const name of [
    ' 山田',
    '山田 ',
    ' ',
    '',
    '山田\t太郎',
    '山田 太\t郎',
    '山田 太\u00a0郎',
    '山田\n太郎',
  ])
    assert.equal(splitJapaneseName(name).ok, false, JSON.stringify(name))
})
