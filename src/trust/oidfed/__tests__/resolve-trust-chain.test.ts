// Trust chain resolution and validation against a federation served on 127.0.0.1: the valid chain, and each refusal with its code.
import assert from 'node:assert/strict'
import { afterEach, beforeEach, describe, it } from 'node:test'
import { KakehashiError } from '../../../errors.ts'
import { fixedClock } from '../../../util/clock.ts'
import { validateTrustChain } from '../validate-trust-chain.ts'
import { clock, createKey, DAY, now, TestFederation } from './federation-fixtures.ts'

const refused = (code: string, message?: RegExp) => (error: unknown) => {
  assert.ok(error instanceof KakehashiError, `a KakehashiError, not ${String(error)}`)
  assert.equal(error.code, code, error.message)
  if (message) assert.match(error.message, message)
  return true
}

describe('OpenID Federation trust chains', () => {
  let fed: TestFederation
  beforeEach(async () => {
    fed = await TestFederation.create()
    await fed.publish()
  })
  afterEach(() => fed.stop())

  it('resolves a leaf through an intermediate, applies the merged policies and keeps the chain order', async () => {
    const chain = await fed.resolver().resolve(fed.id('issuer'))
    assert.deepEqual(
      chain.statements.map((s) => [s.claims.iss, s.claims.sub]),
      [
        [fed.id('issuer'), fed.id('issuer')],
        [fed.id('int'), fed.id('issuer')],
        [fed.id('ta'), fed.id('int')],
        [fed.id('ta'), fed.id('ta')],
      ],
    )
    const issuer = chain.metadata.openid_credential_issuer as Record<string, unknown>
    assert.deepEqual(issuer.credential_signing_alg_values_supported, ['ES256', 'ES384'])
    assert.equal(issuer.federation_profile, 'kakehashi-test', 'the value operator sets it')
    assert.equal(chain.expiresAt, now + DAY)
    // The chain as resolved validates again on its own, with no network.
    const again = await validateTrustChain(
      chain.statements.map((s) => s.jwt),
      fed.anchor(),
      clock,
    )
    assert.deepEqual(again.metadata, chain.metadata)
  })

  it('resolves the trust anchor itself and a leaf directly under it', async () => {
    const resolver = fed.resolver()
    assert.equal((await resolver.resolve(fed.id('ta'))).statements.length, 1)
    assert.equal((await resolver.resolve(fed.id('rp'))).statements.length, 3)
  })

  it('the superior’s metadata overrides the leaf’s before policies apply', async () => {
    const claims = fed.subordinateClaims('int', 'issuer')
    claims.metadata = {
      openid_credential_issuer: { credential_signing_alg_values_supported: ['ES384'] },
    }
    await fed.publishSubordinate('int', 'issuer', claims)
    const chain = await fed.resolver().resolve(fed.id('issuer'))
    const issuer = chain.metadata.openid_credential_issuer as Record<string, unknown>
    assert.deepEqual(issuer.credential_signing_alg_values_supported, ['ES384'])
  })

  it('refuses policies of two levels that cannot both hold', async () => {
    const top = fed.subordinateClaims('ta', 'int')
    top.metadata_policy = { openid_credential_issuer: { federation_profile: { value: 'other' } } }
    await fed.publishSubordinate('ta', 'int', top)
    await assert.rejects(
      fed.resolver().resolve(fed.id('issuer')),
      refused('oidfed.policy_conflict'),
    )
  })

  it('refuses metadata that violates the merged policy', async () => {
    const top = fed.subordinateClaims('ta', 'int')
    top.metadata_policy = {
      openid_credential_issuer: { display: { essential: true } },
    }
    await fed.publishSubordinate('ta', 'int', top)
    await assert.rejects(
      fed.resolver().resolve(fed.id('issuer')),
      refused('oidfed.policy_violation'),
    )
  })

  for (const [level, attack] of [
    [
      'the leaf’s configuration',
      (f: TestFederation, k: Awaited<ReturnType<typeof createKey>>) =>
        f.publishConfiguration('issuer', undefined, k),
    ],
    [
      'the intermediate’s statement about the leaf',
      (f: TestFederation, k: Awaited<ReturnType<typeof createKey>>) =>
        f.publishSubordinate('int', 'issuer', undefined, k),
    ],
    [
      'the anchor’s statement about the intermediate',
      (f: TestFederation, k: Awaited<ReturnType<typeof createKey>>) =>
        f.publishSubordinate('ta', 'int', undefined, k),
    ],
    [
      'the anchor’s configuration',
      (f: TestFederation, k: Awaited<ReturnType<typeof createKey>>) =>
        f.publishConfiguration('ta', undefined, k),
    ],
  ] as const) {
    it(`refuses a wrong signature on ${level}`, async () => {
      // The forger reuses the genuine kid, so only the signature itself can tell.
      const signer = level.includes('leaf’s configuration')
        ? 'issuer'
        : level.includes('intermediate’s')
          ? 'int'
          : 'ta'
      const forged = await createKey(fed.get(signer).key.jwk.kid as string)
      await attack(fed, forged)
      await assert.rejects(
        fed.resolver().resolve(fed.id('issuer')),
        refused('oidfed.signature_invalid', /does not verify/),
      )
    })
  }

  it('refuses a leaf whose configuration verifies with its own keys but not with those its superior states', async () => {
    const other = await createKey('issuer-fed-key')
    const claims = fed.configurationClaims('issuer')
    claims.jwks = { keys: [other.jwk] }
    await fed.publishConfiguration('issuer', claims, other)
    await assert.rejects(
      fed.resolver().resolve(fed.id('issuer')),
      refused('oidfed.signature_invalid'),
    )
  })

  it('refuses a trust anchor key it was not configured with', async () => {
    const stranger = await createKey('ta-fed-key')
    const resolver = fed.resolver({
      anchor: { entityId: fed.id('ta'), jwks: { keys: [stranger.jwk as never] } },
    })
    await assert.rejects(resolver.resolve(fed.id('issuer')), refused('oidfed.signature_invalid'))
  })

  it('refuses an expired statement, and one issued in the future', async () => {
    await fed.publishSubordinate('int', 'issuer', {
      ...fed.subordinateClaims('int', 'issuer'),
      exp: now - 3600,
    })
    await assert.rejects(fed.resolver().resolve(fed.id('issuer')), refused('oidfed.expired'))
    await fed.publishSubordinate('int', 'issuer', {
      ...fed.subordinateClaims('int', 'issuer'),
      iat: now + 3600,
    })
    await assert.rejects(fed.resolver().resolve(fed.id('issuer')), refused('oidfed.not_yet_valid'))
    // The same chain, valid yesterday, is expired a day and more later.
    await fed.publishSubordinate('int', 'issuer')
    const later = fed.resolver({ clock: fixedClock((now + 2 * DAY) * 1000) })
    await assert.rejects(later.resolve(fed.id('issuer')), refused('oidfed.expired'))
  })

  it('refuses a statement about another subject, and a configuration not about its entity', async () => {
    await fed.publishSubordinate('int', 'issuer', fed.subordinateClaims('int', 'rp'))
    await assert.rejects(
      fed.resolver().resolve(fed.id('issuer')),
      refused('oidfed.subject_mismatch'),
    )
    await fed.publishSubordinate('int', 'issuer')
    await fed.publishConfiguration('issuer', {
      ...fed.configurationClaims('issuer'),
      sub: fed.id('rp'),
    })
    await assert.rejects(
      fed.resolver().resolve(fed.id('issuer')),
      refused('oidfed.subject_mismatch'),
    )
  })

  it('refuses a loop in authority_hints', async () => {
    await fed.add('int2')
    await fed.publishConfiguration('int', {
      ...fed.configurationClaims('int'),
      authority_hints: [fed.id('int2')],
    })
    await fed.publishConfiguration('int2', {
      ...fed.configurationClaims('int'),
      iss: fed.id('int2'),
      sub: fed.id('int2'),
      jwks: fed.get('int2').jwks,
      authority_hints: [fed.id('int')],
      metadata: { federation_entity: { federation_fetch_endpoint: `${fed.id('int2')}/fetch` } },
    })
    await fed.publishSubordinate('int2', 'int', {
      ...fed.subordinateClaims('ta', 'int'),
      iss: fed.id('int2'),
    })
    const loop: Record<string, unknown> = {
      ...fed.subordinateClaims('ta', 'int'),
      iss: fed.id('int'),
      sub: fed.id('int2'),
      jwks: fed.get('int2').jwks,
    }
    delete loop.metadata_policy
    await fed.publishSubordinate('int', 'int2', loop)
    await assert.rejects(fed.resolver().resolve(fed.id('issuer')), refused('oidfed.authority_loop'))
  })

  it('refuses a path longer than a superior’s max_path_length, or than the configured limit', async () => {
    await fed.publishSubordinate('ta', 'int', {
      ...fed.subordinateClaims('ta', 'int'),
      constraints: { max_path_length: 0 },
    })
    await assert.rejects(fed.resolver().resolve(fed.id('issuer')), refused('oidfed.path_too_long'))
    // max_path_length 0 still admits the intermediate's own statements about its direct subordinates.
    assert.ok(await fed.resolver().resolve(fed.id('int')))
    await fed.publishSubordinate('ta', 'int')
    await assert.rejects(
      fed.resolver({ maxIntermediates: 0 }).resolve(fed.id('issuer')),
      refused('oidfed.path_too_long'),
    )
  })

  it('refuses an entity outside the naming constraints', async () => {
    await fed.publishSubordinate('ta', 'int', {
      ...fed.subordinateClaims('ta', 'int'),
      constraints: { naming_constraints: { permitted: ['.example.eu'] } },
    })
    await assert.rejects(
      fed.resolver().resolve(fed.id('issuer')),
      refused('oidfed.constraint_violated'),
    )
  })

  it('drops entity types a superior does not allow', async () => {
    await fed.publishSubordinate('ta', 'int', {
      ...fed.subordinateClaims('ta', 'int'),
      constraints: { allowed_entity_types: ['openid_relying_party'] },
    })
    const chain = await fed.resolver().resolve(fed.id('issuer'))
    assert.equal(chain.metadata.openid_credential_issuer, undefined)
    assert.ok(chain.metadata.federation_entity)
  })

  it('refuses an oversize statement before reading it', async () => {
    const claims = fed.configurationClaims('issuer')
    claims.padding = 'x'.repeat(70 * 1024)
    await fed.publishConfiguration('issuer', claims)
    await assert.rejects(fed.resolver().resolve(fed.id('issuer')), refused('oidfed.too_large'))
  })

  it('refuses a wrong typ, a wrong media type, and an unknown critical claim', async () => {
    const wrongTyp = await import('./federation-fixtures.ts').then(({ signJwt }) =>
      signJwt(fed.get('issuer').key, fed.configurationClaims('issuer'), 'JWT'),
    )
    fed.serve('/issuer/.well-known/openid-federation', wrongTyp)
    await assert.rejects(
      fed.resolver().resolve(fed.id('issuer')),
      refused('oidfed.malformed', /typ/),
    )
    const body = await fed.publishConfiguration('issuer')
    fed.serve('/issuer/.well-known/openid-federation', body, 'application/json')
    await assert.rejects(
      fed.resolver().resolve(fed.id('issuer')),
      refused('oidfed.malformed', /media type|answered/),
    )
    await fed.publishConfiguration('issuer', {
      ...fed.configurationClaims('issuer'),
      crit: ['jti'],
      jti: 'x',
    })
    await assert.rejects(
      fed.resolver().resolve(fed.id('issuer')),
      refused('oidfed.unsupported_critical'),
    )
  })

  it('refuses an entity whose authorities lead nowhere', async () => {
    await fed.publishConfiguration('issuer', {
      ...fed.configurationClaims('issuer'),
      authority_hints: [],
    })
    await assert.rejects(
      fed.resolver().resolve(fed.id('issuer')),
      refused('oidfed.chain_unresolvable'),
    )
  })

  it('a resolution that runs out of fetches does not spoil the documents for the next one', async () => {
    // issuer needs 4 fetches (its configuration, int's, int's statement, ta's statement); int needs 1.
    const resolver = fed.resolver({ maxFetchesPerChain: 3 })
    await assert.rejects(resolver.resolve(fed.id('issuer')), refused('oidfed.limit_exceeded'))
    const chain = await resolver.resolve(fed.id('int'))
    assert.equal(chain.subject, fed.id('int'))
  })
})
