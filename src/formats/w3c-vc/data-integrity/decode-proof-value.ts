// `proofValue` as bytes: Multibase base58-btc (`z…`), the only encoding the four suites define.
import { decode as decodeBase58 } from 'base58-universal'
import { dataIntegrityLimits } from './data-integrity-codes.ts'

const base58btc = /^z[1-9A-HJ-NP-Za-km-z]+$/

/** The signature bytes of a `proofValue`, or undefined when it is no base58-btc Multibase value. */
export function decodeProofValue(proofValue: string): Uint8Array | undefined {
  if (proofValue.length > dataIntegrityLimits.maxProofValueLength) return undefined
  if (!base58btc.test(proofValue)) return undefined
  return decodeBase58(proofValue.slice(1))
}
