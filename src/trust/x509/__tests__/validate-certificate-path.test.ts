// X.509 path validation to registry anchors: valid chains, every refusal code, and the cache.
import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import type { PathResult, PathSuccess } from '../path-result.ts'
import { TrustAnchorSet } from '../trust-anchor-set.ts'
import { validateCertificatePath } from '../validate-certificate-path.ts'
import { DAY_MS, makeIntermediate, makeLeaf, makePki, type TestPki } from './pki-fixtures.ts'

const opts = (atMs = Date.now()) => ({ atMs, maxCertificates: 8 })

function assertOk(result: PathResult): asserts result is PathSuccess {
  assert.equal(result.ok, true, result.ok ? '' : `${result.code}: ${result.message}`)
}

function assertFails(result: PathResult, code: string, pattern?: RegExp): void {
  assert.equal(result.ok, false, 'expected the chain to be refused')
  if (result.ok) return
  assert.equal(result.code, code, result.message)
  if (pattern !== undefined) assert.match(result.message, pattern)
}

describe('validateCertificatePath', () => {
  let pki: TestPki
  let other: TestPki
  let anchors: { id: string; der: Uint8Array }[]
  let set: TrustAnchorSet

  before(async () => {
    pki = await makePki()
    other = await makePki({ name: 'Other College' })
    anchors = [{ id: 'jp-test-university-ca', der: pki.ca.certDer }]
    set = new TrustAnchorSet(anchors)
  })

  it('accepts a leaf-only x5c and names the anchor', async () => {
    const result = await set.validate([pki.leaf.certDer], opts())
    assertOk(result)
    assert.equal(result.anchorId, 'jp-test-university-ca')
    assert.deepEqual(result.anchorIds, ['jp-test-university-ca'])
    assert.equal(result.path.length, 2)
    assert.match(result.path[0]?.subject ?? '', /CN=Test University Credential Issuer/)
    assert.match(result.path[1]?.subject ?? '', /CN=Test University Root CA/)
    assert.equal(result.fingerprints.length, 2)
    assert.match(result.fingerprints[0] ?? '', /^[0-9a-f]{64}$/)
    assert.equal(result.leafPublicKey.type, 'public')
    assert.deepEqual(result.leafPublicKey.algorithm, { name: 'ECDSA', namedCurve: 'P-256' })
    assert.equal(result.validUntilMs, result.path[0]?.notAfter.getTime())
  })

  it('accepts x5c that ends with a copy of the anchor, matched by its bytes', async () => {
    const result = await set.validate([pki.leaf.certDer, pki.ca.certDer], opts())
    assertOk(result)
    assert.equal(result.anchorId, 'jp-test-university-ca')
    assert.equal(result.path.length, 2)
  })

  it('accepts leaf → intermediate → anchor when the anchor allows one intermediate', async () => {
    const root = await makePki({ name: 'Long Chain', caPathLength: 1 })
    const intermediate = await makeIntermediate(root.ca, 0)
    const leaf = await makeLeaf(intermediate)
    const longSet = new TrustAnchorSet([{ id: 'root', der: root.ca.certDer }])
    const result = await longSet.validate([leaf.certDer, intermediate.certDer], opts())
    assertOk(result)
    assert.equal(result.path.length, 3)
    assertOk(await longSet.validate([leaf.certDer, intermediate.certDer, root.ca.certDer], opts()))
    // RFC 7515 §4.1.6: each certificate is followed by the one that certified it.
    assertFails(
      await longSet.validate([intermediate.certDer, leaf.certDer], opts()),
      'trust.chain_invalid',
    )
  })

  it('refuses an intermediate below an anchor whose pathLenConstraint is 0', async () => {
    const intermediate = await makeIntermediate(pki.ca)
    const leaf = await makeLeaf(intermediate)
    assertFails(
      await set.validate([leaf.certDer, intermediate.certDer], opts()),
      'trust.chain_invalid',
      /pathLenConstraint/,
    )
  })

  it('answers anchor_unknown for a chain to a CA the registry does not hold', async () => {
    assertFails(
      await set.validate([other.leaf.certDer], opts()),
      'trust.anchor_unknown',
      /Other College Root CA/,
    )
    // Carrying its own root does not make it trusted.
    assertFails(
      await set.validate([other.leaf.certDer, other.ca.certDer], opts()),
      'trust.anchor_unknown',
      /self-signed/,
    )
  })

  it('refuses a leaf signed by a different CA that has the same name as the anchor', async () => {
    const impostor = await makePki() // same subject names, fresh keys
    const result = await set.validate([impostor.leaf.certDer], opts())
    assert.equal(result.ok, false)
    assertFails(result, 'trust.anchor_unknown', /another key/)
    assertFails(
      await set.validate([impostor.leaf.certDer, pki.ca.certDer], opts()),
      'trust.anchor_unknown',
    )
  })

  it('answers cert_expired for an expired leaf, a leaf not yet valid, and an expired anchor', async () => {
    const expiredAt = Date.now() + 400 * DAY_MS
    assertFails(
      await set.validate([pki.leaf.certDer], opts(expiredAt)),
      'trust.cert_expired',
      /x5c\[0\].*expired at/,
    )
    const early = Date.now() - 2 * DAY_MS
    assertFails(
      await set.validate([pki.leaf.certDer], opts(early)),
      'trust.cert_expired',
      /not valid before/,
    )

    const shortCa = await makePki({ name: 'Short Lived', caDays: 2, leafDays: 30 })
    const shortSet = new TrustAnchorSet([{ id: 'short', der: shortCa.ca.certDer }])
    assertOk(await shortSet.validate([shortCa.leaf.certDer], opts()))
    assertFails(
      await shortSet.validate([shortCa.leaf.certDer], opts(Date.now() + 3 * DAY_MS)),
      'trust.cert_expired',
      /trust anchor "short".*expired at/,
    )
  })

  it('refuses a leaf whose signature does not verify with the anchor key', async () => {
    const tampered = new Uint8Array(pki.leaf.certDer)
    const last = tampered.length - 1
    tampered[last] = (tampered[last] as number) ^ 0x01
    assertFails(
      await set.validate([tampered], opts()),
      'trust.chain_invalid',
      /signature of x5c\[0\].*does not verify/,
    )
  })

  it('fails closed without anchors', async () => {
    const empty = new TrustAnchorSet([])
    assertFails(await empty.validate([pki.leaf.certDer], opts()), 'trust.anchor_unknown')
  })

  it('refuses an end-entity certificate used as an intermediate CA', async () => {
    const fromLeaf = await makeLeaf(pki.leaf, 'Issued By A Leaf')
    assertFails(
      await set.validate([fromLeaf.certDer, pki.leaf.certDer], opts()),
      'trust.chain_invalid',
      /x5c\[1\].*issuing CA.*cA false/,
    )
  })

  it('refuses malformed input with chain_invalid', async () => {
    assertFails(
      await set.validate([new Uint8Array([0x30, 0x03, 1, 2, 3])], opts()),
      'trust.chain_invalid',
      /x5c\[0\]/,
    )
    assertFails(await set.validate([new Uint8Array([1, 2, 3, 4])], opts()), 'trust.chain_invalid')
    const trailing = new Uint8Array([...pki.leaf.certDer, 0])
    assertFails(
      await set.validate([trailing], opts()),
      'trust.chain_invalid',
      /follow the certificate/,
    )
    assertFails(
      await set.validate([pki.leaf.certDer.subarray(0, 100)], opts()),
      'trust.chain_invalid',
      /truncated/,
    )
    assertFails(await set.validate([], opts()), 'trust.chain_invalid', /no certificate/)
    assertFails(
      await set.validate([pki.leaf.certDer, new Uint8Array(0)], opts()),
      'trust.chain_invalid',
      /x5c\[1\]/,
    )
    assertFails(await set.validate([pki.leaf.certDer], opts(Number.NaN)), 'trust.chain_invalid')
  })

  it('refuses more certificates than maxCertificates', async () => {
    const x5c = [pki.leaf.certDer, pki.ca.certDer, pki.ca.certDer]
    assertFails(
      await set.validate(x5c, { atMs: Date.now(), maxCertificates: 2 }),
      'trust.chain_invalid',
      /at most 2/,
    )
  })

  it('refuses an x5c whose leaf is itself an anchor', async () => {
    assertFails(await set.validate([pki.ca.certDer], opts()), 'trust.chain_invalid', /itself/)
  })

  it('refuses a certificate in x5c that is not on the path', async () => {
    assertFails(
      await set.validate([pki.leaf.certDer, other.leaf.certDer], opts()),
      'trust.chain_invalid',
    )
  })

  it('reports anchors that do not parse and keeps the others', async () => {
    const mixed = new TrustAnchorSet([
      { id: 'broken', der: new Uint8Array([0x30, 0x01, 0x00]) },
      { id: 'good', der: pki.ca.certDer },
      { id: 'good-again', der: pki.ca.certDer },
    ])
    assert.deepEqual(
      mixed.rejected.map((entry) => entry.id),
      ['broken'],
    )
    const result = await mixed.validate([pki.leaf.certDer], opts())
    assertOk(result)
    assert.equal(result.anchorId, 'good')
    assert.deepEqual(result.anchorIds, ['good', 'good-again'])
  })

  it('answers a validated chain from the cache, without running pkijs again', async (t) => {
    const cached = new TrustAnchorSet(anchors)
    const coldStart = performance.now()
    const first = await cached.validate([pki.leaf.certDer], opts())
    const coldMs = performance.now() - coldStart
    assertOk(first)
    assert.equal(cached.stats.pathValidations, 1)

    const rounds = 2000
    const warmStart = performance.now()
    let last: PathResult = first
    for (let i = 0; i < rounds; i++) last = await cached.validate([pki.leaf.certDer], opts())
    const cachedMs = (performance.now() - warmStart) / rounds
    assertOk(last)
    assert.equal(cached.stats.pathValidations, 1, 'pkijs ran again')
    assert.equal(cached.stats.hits, rounds)
    assert.equal(last.anchorId, first.anchorId)
    assert.deepEqual(last.fingerprints, first.fingerprints)
    assert.ok(cachedMs < 0.1, `cached validation took ${cachedMs.toFixed(4)} ms`)
    t.diagnostic(`cold ${coldMs.toFixed(2)} ms, cached ${(cachedMs * 1000).toFixed(1)} µs`)

    // Callers get their own arrays.
    last.path.length = 0
    const again = await cached.validate([pki.leaf.certDer], opts())
    assertOk(again)
    assert.equal(again.path.length, 2)

    // Outside the cached window the chain is validated afresh, and the answer is the real one.
    assertFails(
      await cached.validate([pki.leaf.certDer], opts(Date.now() + 400 * DAY_MS)),
      'trust.cert_expired',
    )
    assert.equal(cached.stats.pathValidations, 2)
  })

  it('runs pkijs once for concurrent validations of the same chain', async () => {
    const shared = new TrustAnchorSet(anchors)
    const results = await Promise.all(
      Array.from({ length: 5 }, () => shared.validate([pki.leaf.certDer], opts())),
    )
    for (const result of results) assertOk(result)
    assert.equal(shared.stats.pathValidations, 1)
  })

  it('keeps one parsed set per anchor array in the function form', async () => {
    const result = await validateCertificatePath([pki.leaf.certDer], anchors, opts())
    assertOk(result)
    assert.equal(result.anchorId, 'jp-test-university-ca')
    assertFails(
      await validateCertificatePath([other.leaf.certDer], anchors, opts()),
      'trust.anchor_unknown',
    )
  })
})
