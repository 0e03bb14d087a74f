// did:key (W3C CCG did:key v0.9): the DID document is derived from the key itself, nothing is fetched.
import { driver as didKeyDriver } from '@digitalbazaar/did-method-key'
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey'
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey'
import { DidResolutionError } from './did-error.ts'

const driver = didKeyDriver()
driver.use({ multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from })
driver.use({ multibaseMultikeyHeader: 'zDna', fromMultibase: EcdsaMultikey.from })
driver.use({ multibaseMultikeyHeader: 'z82L', fromMultibase: EcdsaMultikey.from })

/** did:key values are short; anything longer is not a key this project reads. */
const MAX_DID_KEY_LENGTH = 256
const DID_KEY = /^did:key:z[1-9A-HJ-NP-Za-km-z]+$/

/** The DID document of a did:key, as the method specification derives it. */
export async function didKeyDocument(did: string): Promise<unknown> {
  if (did.length > MAX_DID_KEY_LENGTH || !DID_KEY.test(did))
    throw new DidResolutionError('did.invalid', `${did.slice(0, 40)}… is not a did:key`)
  try {
    return await driver.get({ did })
  } catch (error) {
    throw new DidResolutionError(
      'did.key_unsupported',
      `${did.slice(0, 40)}… cannot be resolved: ${(error as Error).message}`,
      { cause: error },
    )
  }
}
