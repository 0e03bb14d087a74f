// Trust marks (OpenID Federation 1.0 §7) checked against the issuers and owners the trust anchor names.
import assert from 'node:assert/strict'
import { afterEach, beforeEach, describe, it } from 'node:test'
import { KakehashiError } from '../../../errors.ts'
import { resolveFederationEntity } from '../resolve-federation-entity.ts'
import { clock, createKey, MARK, now, TestFederation } from './federation-fixtures.ts'

const refused = (code: string, message?: RegExp) => (error: unknown) => {
  assert.ok(error instanceof KakehashiError, `a KakehashiError, not ${String(error)}`)
  assert.equal(error.code, code, error.message)
  if (message) assert.match(error.message, message)
  return true
}

describe('OpenID Federation trust marks', () => {
  let fed: TestFederation
  beforeEach(async () => {
    fed = await TestFederation.create()
    await fed.publish()
  })
  afterEach(() => fed.stop())

  const withMark = async (mark: string) => {
    const claims = fed.configurationClaims('issuer')
    claims.trust_marks = [{ trust_mark_type: MARK, trust_mark: mark }]
    await fed.publishConfiguration('issuer', claims)
  }
  const resolve = (resolver = fed.resolver()) =>
    resolveFederationEntity(resolver, fed.id('issuer'), { clock, requiredTrustMarks: [MARK] })

  it('accepts a mark from an issuer the anchor lists, with its expiry bounding the entity’s', async () => {
    await withMark(await fed.trustMark('tmi', 'issuer', { exp: now + 3600 }))
    const entity = await resolve()
    assert.deepEqual(
      entity.trustMarks.map((m) => [m.trustMarkType, m.issuer]),
      [[MARK, fed.id('tmi')]],
    )
    assert.equal(entity.expiresAt, now + 3600)
  })

  it('refuses a mark from an issuer the anchor does not list', async () => {
    await withMark(await fed.trustMark('int', 'issuer'))
    await assert.rejects(
      resolve(),
      refused('oidfed.trust_mark_invalid', /not an issuer the trust anchor lists/),
    )
  })

  it('refuses an expired mark, a mark about another entity, and a forged one', async () => {
    await withMark(await fed.trustMark('tmi', 'issuer', { exp: now - 3600 }))
    await assert.rejects(resolve(), (error: unknown) => {
      refused('oidfed.trust_mark_invalid', /expired/)(error)
      assert.equal((error as KakehashiError).detail?.reason, 'oidfed.expired')
      return true
    })
    await withMark(await fed.trustMark('tmi', 'rp'))
    await assert.rejects(resolve(), refused('oidfed.trust_mark_invalid', /about/))
    const forger = await createKey('tmi-fed-key')
    const { signJwt } = await import('./federation-fixtures.ts')
    await withMark(
      await signJwt(
        forger,
        { iss: fed.id('tmi'), sub: fed.id('issuer'), trust_mark_type: MARK, iat: now - 60 },
        'trust-mark+jwt',
      ),
    )
    await assert.rejects(resolve(), refused('oidfed.trust_mark_invalid', /does not verify/))
  })

  it('accepts a mark its owner delegated to the issuer, and refuses a delegation the owner did not sign', async () => {
    const owner = await createKey('owner-key')
    await fed.publishConfiguration('ta', {
      ...fed.configurationClaims('ta'),
      trust_mark_owners: { [MARK]: { sub: fed.id('ta'), jwks: { keys: [owner.jwk] } } },
    })
    const { signJwt } = await import('./federation-fixtures.ts')
    const delegation = (key: typeof owner) =>
      signJwt(
        key,
        { iss: fed.id('ta'), sub: fed.id('tmi'), trust_mark_type: MARK, iat: now - 60 },
        'trust-mark-delegation+jwt',
      )
    await withMark(await fed.trustMark('tmi', 'issuer', { delegation: await delegation(owner) }))
    assert.equal((await resolve()).trustMarks.length, 1)
    const forged = await delegation(await createKey('owner-key'))
    await withMark(await fed.trustMark('tmi', 'issuer', { delegation: forged }))
    await assert.rejects(resolve(), refused('oidfed.trust_mark_invalid', /delegation/))
  })

  it('refuses an entity without a required mark, and one whose owner’s delegation is missing', async () => {
    await fed.publishConfiguration('issuer', { ...fed.configurationClaims('issuer') })
    await assert.rejects(resolve(), refused('oidfed.trust_mark_missing'))
    const owner = await createKey('owner-key')
    await fed.publishConfiguration('ta', {
      ...fed.configurationClaims('ta'),
      trust_mark_owners: { [MARK]: { sub: fed.id('ta'), jwks: { keys: [owner.jwk] } } },
    })
    await withMark(await fed.trustMark('tmi', 'issuer'))
    await assert.rejects(resolve(), refused('oidfed.trust_mark_invalid', /delegation/))
  })

  it('finds no issuer or owner for a type named like a member every object inherits', async () => {
    for (const type of ['toString', 'constructor']) {
      const claims = fed.configurationClaims('issuer')
      claims.trust_marks = [
        { trust_mark_type: type, trust_mark: await fed.trustMark('int', 'issuer', {}, type) },
      ]
      await fed.publishConfiguration('issuer', claims)
      await assert.rejects(
        resolveFederationEntity(fed.resolver(), fed.id('issuer'), {
          clock,
          requiredTrustMarks: [type],
        }),
        refused('oidfed.trust_mark_invalid', /names no issuer/),
      )
    }
  })

  it('refuses a mark carrying a delegation when the anchor names no owner to check it with', async () => {
    const owner = await createKey('owner-key')
    const { signJwt } = await import('./federation-fixtures.ts')
    const delegation = await signJwt(
      owner,
      { iss: fed.id('ta'), sub: fed.id('tmi'), trust_mark_type: MARK, iat: now - 60 },
      'trust-mark-delegation+jwt',
    )
    await withMark(await fed.trustMark('tmi', 'issuer', { delegation }))
    await assert.rejects(resolve(), refused('oidfed.trust_mark_invalid', /names no owner/))
  })
})
