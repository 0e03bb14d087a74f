// Shared by the W3C pipeline tests: a did:key signer from the Digital Bazaar stack, a diploma, its issuer in the registry.
import { DataIntegrityProof } from '@digitalbazaar/data-integrity'
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey'
import { cryptosuite as eddsaRdfc } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'
import * as vc from '@digitalbazaar/vc'
import type { Bridge } from '../../bridge/open-bridge.ts'
import { createDocumentLoader } from '../../lib/jsonld/index.ts'
import { appendChanges } from '../../log/append-changes.ts'

const documentLoader = createDocumentLoader()
export const FRAMEWORK = 'test.academic'
export const TYPE = 'ExampleDegreeCredential'

export interface Signer {
  did: string
  sign(credential: Record<string, unknown>): Promise<Record<string, unknown>>
  /** Signs a presentation for `authentication`, with the verifier's challenge and domain. */
  present(
    presentation: Record<string, unknown>,
    challenge: string,
    domain?: string,
  ): Promise<Record<string, unknown>>
}

/** A did:key issuer signing with the Digital Bazaar stack: an implementation independent of the verifier. */
export async function didKeySigner(): Promise<Signer> {
  const pair = (await Ed25519Multikey.generate()) as {
    publicKeyMultibase: string
    id?: string
    controller?: string
    signer(): unknown
  }
  const did = `did:key:${pair.publicKeyMultibase}`
  pair.controller = did
  pair.id = `${did}#${pair.publicKeyMultibase}`
  return {
    did,
    sign: (credential) =>
      vc.issue({
        credential,
        suite: new DataIntegrityProof({ signer: pair.signer(), cryptosuite: eddsaRdfc }),
        documentLoader,
      }) as Promise<Record<string, unknown>>,
    present: (presentation, challenge, domain) =>
      vc.signPresentation({
        presentation,
        suite: new DataIntegrityProof({ signer: pair.signer(), cryptosuite: eddsaRdfc }),
        challenge,
        ...(domain !== undefined ? { domain } : {}),
        documentLoader,
      }) as Promise<Record<string, unknown>>,
  }
}

export function diploma(
  issuer: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://www.w3.org/ns/credentials/examples/v2',
    ],
    type: ['VerifiableCredential', TYPE],
    issuer,
    validFrom: '2026-03-25T00:00:00Z',
    credentialSubject: {
      id: 'did:example:graduate',
      degree: { type: 'ExampleMasterDegree', name: '修士（工学）' },
    },
    ...extra,
  }
}

export async function register(bridge: Bridge, did: string) {
  await appendChanges(
    bridge.store,
    [
      {
        type: 'framework.put',
        framework: {
          id: FRAMEWORK,
          jurisdiction: 'JP',
          name: FRAMEWORK,
          assuranceLevels: ['accredited'],
        },
      },
      {
        type: 'entity.put',
        entity: {
          id: 'test-university',
          names: [{ value: 'Test University', lang: 'en' }],
          identifiers: [],
          country: 'JP',
        },
      },
      {
        type: 'identity.put',
        identity: {
          id: 'test-university.did',
          entityId: 'test-university',
          kind: 'did',
          value: did,
        },
      },
      {
        type: 'authorisation.put',
        authorisation: {
          id: 'test-university.diplomas',
          entityId: 'test-university',
          frameworkId: FRAMEWORK,
          role: 'issuer',
          credentialTypes: [TYPE],
          assuranceLevel: 'accredited',
          status: 'granted',
          validFrom: '2026-01-01T00:00:00Z',
          identityIds: ['test-university.did'],
        },
      },
    ],
    { actor: 'test', reason: 'W3C pipeline test issuer' },
    bridge.clock,
  )
  bridge.registry.invalidate()
}
