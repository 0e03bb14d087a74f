// An authorisation bound to identities acts only through them: a chain to another anchor of the same provider is not authorised.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { Authorisation } from '../../model/index.ts'
import type { RegistrySnapshot } from '../../registry/registry-snapshot.ts'
import { CheckList } from '../../report/check-list.ts'
import { findIssuerAuthorisation } from '../find-issuer-authorisation.ts'

const vct = 'urn:example:pid:1'

const authorisation = (overrides: Partial<Authorisation> = {}): Authorisation => ({
  id: 'list.svc.pid',
  entityId: 'list.tsp',
  frameworkId: 'eu.eudi.pid',
  role: 'issuer',
  credentialTypes: [vct],
  status: 'granted',
  validFrom: '2026-01-01T00:00:00Z',
  ...overrides,
})

const snapshot = (authorisations: Authorisation[]): RegistrySnapshot =>
  ({
    authorisationsByEntity: new Map([['list.tsp', authorisations]]),
    sources: new Map(),
  }) as unknown as RegistrySnapshot

function find(authorisations: Authorisation[], anchorIdentityId: string) {
  const checks = new CheckList()
  const found = findIssuerAuthorisation(
    snapshot(authorisations),
    {
      entityId: 'list.tsp',
      anchorIdentityId,
      credentialType: vct,
      atMs: Date.parse('2026-06-01T00:00:00Z'),
    },
    checks,
  )
  return { found, check: checks.toArray()[0] }
}

describe('authorisations bound to identities', () => {
  test('the anchor the chain reached is one the authorisation names: authorised', () => {
    const { found, check } = find([authorisation({ identityIds: ['cert.pid-ca'] })], 'cert.pid-ca')
    assert.equal(found?.id, 'list.svc.pid')
    assert.equal(check?.status, 'passed')
  })

  test('another anchor of the same provider (its time-stamping CA): trust.not_authorised', () => {
    const { found, check } = find([authorisation({ identityIds: ['cert.pid-ca'] })], 'cert.tsa-ca')
    assert.equal(found, undefined)
    assert.equal(check?.code, 'trust.not_authorised')
    assert.match(check?.message ?? '', /not through anchor cert\.tsa-ca/)
  })

  test('an authorisation that names no identities acts through every anchor of its entity', () => {
    const { found } = find([authorisation()], 'cert.any')
    assert.equal(found?.id, 'list.svc.pid')
  })
})
