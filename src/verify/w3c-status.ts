// The status step for W3C credentials: Bitstring Status List, whose list is itself a credential to verify.
import { readCredentialDataModel } from '../formats/w3c-vc/data-model.ts'
import { CheckList } from '../report/check-list.ts'
import {
  checkBitstringStatus,
  type VerifyListCredentialResult,
} from '../status/bitstring-status-list/index.ts'
import { detectFormat } from './detect-format.ts'
import type { IssuedCredential } from './issued-credential.ts'
import { secureW3cCredential } from './secure-w3c.ts'
import type { VerifierDeps } from './verify-credential.ts'
import { w3cDepsOf } from './w3c-deps.ts'

/**
 * A status list credential is verified like any W3C credential (its proof, by a key its issuer
 * controls); the list check then requires that issuer to be the credential's own.
 */
async function verifyListCredential(
  fetched: string,
  deps: VerifierDeps,
): Promise<VerifyListCredentialResult> {
  const detected = detectFormat(fetched)
  if (detected.format !== 'w3c')
    return {
      ok: false,
      code: 'status.list_invalid',
      message: 'the status list is not a W3C credential with a proof or a JWS',
    }
  const checks = new CheckList()
  const secured = await secureW3cCredential(detected.input, deps, checks)
  if (!('credential' in secured)) {
    const failure = checks.toArray().find((check) => check.status === 'failed')
    return {
      ok: false,
      code: 'status.list_signature_invalid',
      message: `the status list credential does not verify: ${failure?.code}: ${failure?.message}`,
    }
  }
  const read = readCredentialDataModel(secured.credential)
  if (!read.ok) return { ok: false, code: 'status.list_invalid', message: read.message }
  // The list's issuer is the one whose key signed it: a DID's controller, or what the data model names.
  const key = secured.issuerKey
  if (key.kind === 'verificationMethod' && key.method.controller !== read.model.issuer)
    return {
      ok: false,
      code: 'status.list_signature_invalid',
      message: `the status list is signed by a key of ${key.method.controller}, not of its issuer ${read.model.issuer}`,
    }
  return { ok: true, credential: secured.credential, issuer: read.model.issuer }
}

/** One list verifier per deps, not a closure per verification (tsx names every closure it makes). */
const listVerifiers = new WeakMap<
  VerifierDeps,
  (fetched: string) => Promise<VerifyListCredentialResult>
>()

function listVerifierFor(deps: VerifierDeps) {
  let verifier = listVerifiers.get(deps)
  if (verifier === undefined) {
    verifier = (fetched: string) => verifyListCredential(fetched, deps)
    listVerifiers.set(deps, verifier)
  }
  return verifier
}

export async function checkW3cStatus(
  credential: IssuedCredential,
  deps: VerifierDeps,
  checks: CheckList,
): Promise<void> {
  const w3c = w3cDepsOf(deps)
  await checkBitstringStatus(
    credential.credentialStatus,
    {
      issuer: credential.iss ?? '',
      clock: deps.clock,
      policy: deps.policy,
      limits: deps.limits,
      cache: w3c.statusCache,
      source: w3c.statusSource,
      verifyListCredential: listVerifierFor(deps),
    },
    checks,
  )
}
