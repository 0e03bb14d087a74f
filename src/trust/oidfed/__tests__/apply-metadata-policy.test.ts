// Metadata policy operators of OpenID Federation 1.0 §6.1: merging top-down, applying in order, and every refusal.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { KakehashiError } from '../../../errors.ts'
import { applyMetadataPolicy, mergeMetadataPolicies } from '../apply-metadata-policy.ts'

const rp = (policy: Record<string, unknown>) => ({ openid_relying_party: policy }) as never
const merge = (...levels: Record<string, unknown>[]) =>
  mergeMetadataPolicies(levels.map((policy, i) => ({ issuer: `level${i}`, policy: rp(policy) })))
const apply = (metadata: Record<string, unknown>, ...levels: Record<string, unknown>[]) =>
  applyMetadataPolicy({ openid_relying_party: metadata }, merge(...levels)).openid_relying_party
const code = (expected: string) => (error: unknown) =>
  error instanceof KakehashiError && error.code === expected

describe('metadata policy', () => {
  it('applies value, add, default, one_of, subset_of, superset_of and essential', () => {
    const out = apply(
      {
        grant_types: ['authorization_code', 'implicit'],
        contacts: ['a@example.eu'],
        token_endpoint_auth_method: 'private_key_jwt',
        initiate_login_uri: 'https://rp.example.eu/login',
        response_types: ['code', 'id_token'],
      },
      {
        application_type: { value: 'web' },
        initiate_login_uri: { value: null },
        contacts: { add: 'ops@federation.example.eu' },
        id_token_signed_response_alg: { default: 'ES256' },
        token_endpoint_auth_method: { one_of: ['private_key_jwt', 'self_signed_tls_client_auth'] },
        grant_types: { subset_of: ['authorization_code', 'refresh_token'] },
        response_types: { superset_of: ['code'], essential: true },
      },
    )
    assert.deepEqual(out, {
      application_type: 'web',
      contacts: ['a@example.eu', 'ops@federation.example.eu'],
      id_token_signed_response_alg: 'ES256',
      token_endpoint_auth_method: 'private_key_jwt',
      grant_types: ['authorization_code'],
      response_types: ['code', 'id_token'],
    })
  })

  it('a subset_of with no common value leaves an empty array, not the default', () => {
    const out = apply(
      { grant_types: ['implicit'] },
      { grant_types: { subset_of: ['authorization_code'], default: ['authorization_code'] } },
    )
    assert.deepEqual(out?.grant_types, [])
  })

  it('merges levels: subset_of and one_of intersect, add and superset_of unite, essential ORs', () => {
    const merged = merge(
      {
        grant_types: { subset_of: ['a', 'b', 'c'] },
        scope: { one_of: ['x', 'y'] },
        contacts: { add: ['t'] },
        jwks: { essential: true },
      },
      {
        grant_types: { subset_of: ['b', 'c', 'd'] },
        scope: { one_of: ['y', 'z'] },
        contacts: { add: ['u'] },
        jwks: { essential: false },
      },
    ).openid_relying_party
    assert.deepEqual(merged?.grant_types, { subset_of: ['b', 'c'] })
    assert.deepEqual(merged?.scope, { one_of: ['y'] })
    assert.deepEqual(merged?.contacts, { add: ['t', 'u'] })
    assert.deepEqual(merged?.jwks, { essential: true })
  })

  it('refuses merges that cannot both hold', () => {
    for (const [top, below] of [
      [{ value: 'a' }, { value: 'b' }],
      [{ default: 'a' }, { default: 'b' }],
      [{ one_of: ['a'] }, { one_of: ['b'] }],
      [{ subset_of: ['a'] }, { add: ['b'] }],
      [{ subset_of: ['a'] }, { superset_of: ['b'] }],
      [{ value: ['a'] }, { superset_of: ['b'] }],
      [{ value: 'z' }, { one_of: ['a', 'b'] }],
      [{ value: null }, { essential: true }],
      [{ one_of: ['a'] }, { subset_of: ['a'] }],
    ]) {
      assert.throws(
        () => merge({ p: top }, { p: below }),
        code('oidfed.policy_conflict'),
        JSON.stringify([top, below]),
      )
    }
  })

  it('refuses metadata the policy does not allow', () => {
    for (const [metadata, policy] of [
      [{ p: 'c' }, { one_of: ['a', 'b'] }],
      [{ p: ['a'] }, { superset_of: ['a', 'b'] }],
      [{}, { essential: true }],
      [{ p: 'a' }, { subset_of: ['a'] }],
      [{ p: 'a' }, { add: ['b'] }],
    ] as const) {
      assert.throws(
        () => apply(metadata, { p: policy }),
        code('oidfed.policy_violation'),
        JSON.stringify(policy),
      )
    }
  })

  it('refuses malformed operator values and unknown operators marked critical; ignores unknown ones otherwise', () => {
    assert.throws(() => merge({ p: { one_of: [] } }), code('oidfed.malformed'))
    assert.throws(() => merge({ p: { essential: 'yes' } }), code('oidfed.malformed'))
    assert.throws(
      () =>
        mergeMetadataPolicies([
          { issuer: 'x', policy: rp({ p: { regexp: '^a' } }), crit: ['regexp'] },
        ]),
      code('oidfed.unsupported_critical'),
    )
    assert.deepEqual(apply({ p: 'b' }, { p: { regexp: '^a' } }), { p: 'b' })
  })
})
