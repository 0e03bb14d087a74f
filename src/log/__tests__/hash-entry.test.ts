// Canonical JSON and the entry hashes: stable bytes, RFC 9162 leaf prefix, every field covered.
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { test } from 'node:test'
import type { Change } from '../../model/index.ts'
import { canonicalJson } from '../canonical-json.ts'
import { canonicalEntryBytes, entryHash, hashEntry, leafHash, zeroHash } from '../hash-entry.ts'

const change: Change = { type: 'identity.remove', id: 'jp.keio.key1' }
const entry = {
  seq: 0,
  recordedAt: '2026-05-01T09:00:00.000Z',
  actor: 'operator:test',
  reason: 'rotation',
  change,
  prevHash: zeroHash,
}

test('canonical JSON sorts keys and formats numbers as RFC 8785 says', () => {
  assert.equal(
    canonicalJson({ b: 1, a: [true, null, 'é'], c: { z: 1e21, y: 0.5 } }),
    '{"a":[true,null,"é"],"b":1,"c":{"y":0.5,"z":1e+21}}',
  )
  // RFC 8785 §3.2.2.3 sample: key order is by UTF-16 code units.
  assert.equal(
    canonicalJson({ '\u20ac': 1, '\r': 2, '1': 3, '\u00f6': 4 }),
    '{"\\r":2,"1":3,"ö":4,"€":1}',
  )
  assert.throws(() => canonicalJson(undefined), TypeError)
})

test('entryHash is SHA-256 of the canonical entry; leafHash prefixes 0x00', () => {
  const bytes = canonicalEntryBytes(entry)
  assert.equal(
    bytes.toString('utf8'),
    '{"actor":"operator:test","change":{"id":"jp.keio.key1","type":"identity.remove"},"prevHash":"0000000000000000000000000000000000000000000000000000000000000000","reason":"rotation","recordedAt":"2026-05-01T09:00:00.000Z","seq":0}',
  )
  assert.equal(entryHash(entry), createHash('sha256').update(bytes).digest('hex'))
  assert.equal(
    leafHash(entry),
    createHash('sha256')
      .update(Buffer.concat([Buffer.from([0]), bytes]))
      .digest('hex'),
  )
  const hashed = hashEntry(entry)
  assert.equal(hashed.entryHash, entryHash(entry))
  assert.equal(hashed.leafHash, leafHash(entry))
  assert.notEqual(hashed.entryHash, hashed.leafHash)
})

test('every hashed field changes the hash; key order and extra fields do not', () => {
  const base = entryHash(entry)
  const variants = [
    { ...entry, seq: 1 },
    { ...entry, recordedAt: '2026-05-01T09:00:00.001Z' },
    { ...entry, actor: 'operator:other' },
    { ...entry, reason: 'rotation.' },
    { ...entry, sourceId: 'jp.mext.list' },
    { ...entry, change: { ...change, id: 'jp.keio.key2' } },
    { ...entry, prevHash: '1'.repeat(64) },
  ]
  for (const variant of variants) assert.notEqual(entryHash(variant), base)
  const reordered = Object.fromEntries(Object.entries(entry).reverse()) as typeof entry
  assert.equal(entryHash(reordered), base)
  assert.equal(entryHash({ ...entry, entryHash: 'x', leafHash: 'y' } as typeof entry), base)
})
