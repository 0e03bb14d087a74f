// Trust chain validation on its own (no network): chains signed in the test under distinct host names.
import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { KakehashiError } from '../../../errors.ts'
import { validateTrustChain } from '../validate-trust-chain.ts'
import { clock, createKey, DAY, now, signJwt, type TestKey } from './federation-fixtures.ts'

const refused = (code: string, message?: RegExp) => (error: unknown) => {
  assert.ok(error instanceof KakehashiError, `a KakehashiError, not ${String(error)}`)
  assert.equal(error.code, code, error.message)
  if (message) assert.match(error.message, message)
  return true
}

type Claims = Record<string, unknown>
const TA = 'https://ta.example.eu'
const INT = 'https://int.example.eu'
const LEAF = 'https://issuer.example.eu'
const ROGUE = 'https://rogue.example.eu'

describe('OpenID Federation trust chain validation', () => {
  const keys = new Map<string, TestKey>()
  const jwks = (id: string) => ({ keys: [(keys.get(id) as TestKey).jwk] })
  const anchor = () => ({ entityId: TA, jwks: jwks(TA) as never })
  before(async () => {
    for (const id of [TA, INT, LEAF, ROGUE]) keys.set(id, await createKey(`${id}#fed`))
  })

  const statement = (iss: string, sub: string, extra: Claims = {}) =>
    signJwt(keys.get(iss) as TestKey, {
      iss,
      sub,
      iat: now - 60,
      exp: now + DAY,
      jwks: jwks(sub),
      ...extra,
    })
  const leafMetadata = {
    federation_entity: { organization_name: 'Issuer' },
    openid_credential_issuer: { credential_issuer: LEAF, jwks: { keys: [] as unknown[] } },
  }
  /** [leaf configuration, int about leaf, ta about int, ta configuration], each part replaceable. */
  const chain = async (
    parts: { leaf?: Claims; intAboutLeaf?: Claims; taAboutInt?: Claims; ta?: Claims } = {},
  ) => [
    await statement(LEAF, LEAF, { authority_hints: [INT], metadata: leafMetadata, ...parts.leaf }),
    await statement(INT, LEAF, parts.intAboutLeaf),
    await statement(TA, INT, parts.taAboutInt),
    await statement(TA, TA, parts.ta),
  ]

  it('accepts the standard chain', async () => {
    const validated = await validateTrustChain(await chain(), anchor(), clock)
    assert.equal(validated.subject, LEAF)
    assert.ok(validated.metadata.openid_credential_issuer)
  })

  it('refuses a statement about the leaf from a member the leaf does not name as its authority', async () => {
    // The rogue is a genuine member under the anchor, and states the leaf's real keys, but
    // overrides the leaf's credential keys with its own.
    const rogueKey = (keys.get(ROGUE) as TestKey).jwk
    const forged = [
      await statement(LEAF, LEAF, { authority_hints: [INT], metadata: leafMetadata }),
      await statement(ROGUE, LEAF, {
        metadata: { openid_credential_issuer: { jwks: { keys: [rogueKey] } } },
      }),
      await statement(TA, ROGUE),
      await statement(TA, TA),
    ]
    await assert.rejects(
      validateTrustChain(forged, anchor(), clock),
      refused('oidfed.subject_mismatch', /authority_hints/),
    )
  })

  it('applies naming constraints to the intermediates below the superior, not only to the leaf', async () => {
    const taAboutInt = { constraints: { naming_constraints: { excluded: ['int.example.eu'] } } }
    await assert.rejects(
      validateTrustChain(await chain({ taAboutInt }), anchor(), clock),
      refused('oidfed.constraint_violated', /int\.example\.eu is excluded/),
    )
    const permitted = { constraints: { naming_constraints: { permitted: ['issuer.example.eu'] } } }
    await assert.rejects(
      validateTrustChain(await chain({ taAboutInt: permitted }), anchor(), clock),
      refused('oidfed.constraint_violated', /int\.example\.eu is not permitted/),
    )
    const both = { constraints: { naming_constraints: { permitted: ['.example.eu'] } } }
    assert.ok(await validateTrustChain(await chain({ taAboutInt: both }), anchor(), clock))
  })

  it('lets the superior’s metadata override only entity types the leaf declares', async () => {
    const intAboutLeaf = {
      metadata: {
        openid_credential_issuer: { display: [{ name: 'Issuer' }] },
        wallet_provider: { organization_name: 'not declared by the leaf' },
      },
    }
    const validated = await validateTrustChain(await chain({ intAboutLeaf }), anchor(), clock)
    assert.equal(validated.metadata.wallet_provider, undefined)
    assert.deepEqual((validated.metadata.openid_credential_issuer as Claims).display, [
      { name: 'Issuer' },
    ])
  })

  it('removes disallowed entity types before policies apply to them', async () => {
    const taAboutInt = {
      constraints: { allowed_entity_types: ['openid_relying_party'] },
      metadata_policy: { openid_credential_issuer: { display: { essential: true } } },
    }
    const validated = await validateTrustChain(await chain({ taAboutInt }), anchor(), clock)
    assert.equal(validated.metadata.openid_credential_issuer, undefined)
    assert.ok(validated.metadata.federation_entity)
  })

  it('refuses a critical policy operator it does not support, even one the policy does not use', async () => {
    await assert.rejects(
      validateTrustChain(
        await chain({ taAboutInt: { metadata_policy_crit: ['regexp'] } }),
        anchor(),
        clock,
      ),
      refused('oidfed.unsupported_critical', /regexp/),
    )
  })

  it('refuses crit naming a claim of the specification', async () => {
    await assert.rejects(
      validateTrustChain(await chain({ intAboutLeaf: { crit: ['jwks'] } }), anchor(), clock),
      refused('oidfed.malformed', /crit/),
    )
  })

  for (const [where, parts, claim] of [
    ['a subordinate statement', { intAboutLeaf: { authority_hints: [TA] } }, 'authority_hints'],
    ['a subordinate statement', { taAboutInt: { trust_mark_issuers: {} } }, 'trust_mark_issuers'],
    ['the leaf’s configuration', { leaf: { constraints: { max_path_length: 9 } } }, 'constraints'],
    ['the anchor’s configuration', { ta: { metadata_policy: {} } }, 'metadata_policy'],
  ] as const) {
    it(`refuses ${claim} in ${where}`, async () => {
      await assert.rejects(
        validateTrustChain(await chain(parts), anchor(), clock),
        refused('oidfed.malformed', new RegExp(claim)),
      )
    })
  }
})
