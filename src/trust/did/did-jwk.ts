// did:jwk (did:jwk method specification): the DID is the base64url of a public JWK; its document follows from `use`.
import { DidResolutionError } from './did-error.ts'

/** A JWK in a DID is small; a long one is refused before decoding. */
const MAX_DID_JWK_LENGTH = 4096
const DID_JWK = /^did:jwk:[A-Za-z0-9_-]+$/

/** The DID document of a did:jwk, built as the method specification's resolution section says. */
export function didJwkDocument(did: string): Record<string, unknown> {
  if (did.length > MAX_DID_JWK_LENGTH || !DID_JWK.test(did))
    throw new DidResolutionError('did.invalid', `${did.slice(0, 40)}… is not a did:jwk`)
  let jwk: unknown
  try {
    jwk = JSON.parse(Buffer.from(did.slice('did:jwk:'.length), 'base64url').toString('utf8'))
  } catch {
    throw new DidResolutionError('did.invalid', 'the did:jwk value is not base64url of JSON')
  }
  if (jwk === null || typeof jwk !== 'object' || Array.isArray(jwk))
    throw new DidResolutionError('did.invalid', 'the did:jwk value is not a JWK object')
  const key = jwk as Record<string, unknown>
  if ('d' in key || 'p' in key || 'k' in key)
    throw new DidResolutionError('did.key_unsupported', 'a did:jwk must not carry a private key')
  const id = `${did}#0`
  const document: Record<string, unknown> = {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/jws-2020/v1'],
    id: did,
    verificationMethod: [{ id, type: 'JsonWebKey2020', controller: did, publicKeyJwk: key }],
  }
  // `use: "enc"` keys only agree keys, `use: "sig"` keys never do; without `use`, both.
  if (key.use !== 'enc') {
    document.assertionMethod = [id]
    document.authentication = [id]
    document.capabilityInvocation = [id]
    document.capabilityDelegation = [id]
  }
  if (key.use !== 'sig') document.keyAgreement = [id]
  return document
}
