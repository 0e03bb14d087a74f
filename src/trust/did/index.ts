// DID resolution for verification methods: did:key, did:jwk and did:web.
export { type DidResolutionCode, DidResolutionError } from './did-error.ts'
export {
  createDidResolver,
  type DidMethod,
  type DidResolverOptions,
  didMethods,
} from './did-resolver.ts'
export { didWebUrl } from './did-web.ts'
export { jwkOfMultikey, publicKeyOfMethod } from './public-key-of-method.ts'
