// The reference verifier, `@digitalbazaar/vc`, measured in a worker thread with its modules as published.
//
// Kakehashi changes how jsonld copies active contexts (src/lib/jsonld/share-term-definitions.ts), and
// that change is process-wide: measured in the bridge's own thread, the reference would run faster
// than anyone who installs it gets. A worker loads its own copy of every module.
import { parentPort, workerData } from 'node:worker_threads'
import { DataIntegrityProof } from '@digitalbazaar/data-integrity'
import { driver as didKeyDriver } from '@digitalbazaar/did-method-key'
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey'
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'
import * as vc from '@digitalbazaar/vc'
import jsonLdContext from 'jsonld/lib/context.js'
// Not the jsonld index: it would install the faster copy in this thread too.
import { createDocumentLoader } from '../src/lib/jsonld/create-document-loader.ts'
import { measure } from './measure.ts'

/**
 * `@digitalbazaar/vc`'s verifier on the same credential, with the same bundled contexts and did:key
 * resolution in memory, and no status check (it is given one that answers at once): the reference
 * does no more than the signature, the purpose and the data model.
 */
function referenceVerifier(credential: Record<string, unknown>): () => Promise<unknown> {
  const contexts = createDocumentLoader()
  const didKey = didKeyDriver()
  didKey.use({ multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from })
  const documentLoader = async (url: string) =>
    url.startsWith('did:key:')
      ? { contextUrl: null, documentUrl: url, document: await didKey.get({ url }) }
      : contexts(url)
  const suite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 })
  return async () => {
    const result = (await vc.verifyCredential({
      credential,
      suite,
      documentLoader,
      checkStatus: async () => ({ verified: true }),
    })) as { verified: boolean; error?: unknown }
    if (!result.verified) throw new Error(`the reference verifier refused: ${String(result.error)}`)
  }
}

const { credential } = workerData as { credential: Record<string, unknown> }
const initial = jsonLdContext.getInitialContext({}) as { clone: { name: string } }
if (initial.clone.name !== '_cloneActiveContext') {
  throw new Error('the reference must run on jsonld as published')
}
const reference = referenceVerifier(credential)
await reference()
parentPort?.postMessage(await measure(reference))
