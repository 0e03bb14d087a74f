// The `status.check` step for a credential whose `credentialStatus` names W3C Bitstring Status Lists.
import type { VerifyLimits, VerifyPolicy } from '../../config.ts'
import { isKakehashiError } from '../../errors.ts'
import { describeUrl } from '../../net/describe-url.ts'
import { CheckList } from '../../report/check-list.ts'
import type { Clock } from '../../util/clock.ts'
import type { BitstringStatusListCache } from './bitstring-status-list-cache.ts'
import type { BitstringStatusListSource } from './bitstring-status-list-source.ts'
import {
  type BitstringStatusCode,
  BitstringStatusError,
  type BitstringStatusListEntry,
  type ListFailureCode,
} from './bitstring-status-types.ts'
import { parseCredentialStatus } from './parse-credential-status.ts'
import {
  parseStatusListCredential,
  type VerifiedBitstringStatusList,
} from './parse-status-list-credential.ts'
import { statusHex, validateStatusEntry } from './validate-status-entry.ts'

export type VerifyListCredentialResult =
  | { ok: true; credential: Record<string, unknown>; issuer: string }
  | { ok: false; code: 'status.list_signature_invalid' | 'status.list_invalid'; message: string }

/**
 * Verifies every proof of a fetched status list credential (§3.2 step 4) and names its issuer.
 * The securing mechanism (Data Integrity, JOSE, COSE) and the trust in its key are the caller's.
 */
export type VerifyListCredential = (fetched: string) => Promise<VerifyListCredentialResult>

export interface CheckBitstringStatusDeps {
  /** The issuer of the credential being checked, as its own verified proof established it. */
  issuer: string
  clock: Clock
  policy: Pick<VerifyPolicy, 'allowPrivateFetch' | 'clockSkewSec'>
  limits: Pick<VerifyLimits, 'maxStatusListInflatedBytes'>
  cache: BitstringStatusListCache
  source: BitstringStatusListSource
  verifyListCredential: VerifyListCredential
  /** Lenient mode: take a JSON number for `statusListIndex` (with a warning). Off: MALFORMED_VALUE_ERROR. */
  allowNumericStatusListIndex?: boolean
  /** §3.2 step 2's lower bound when an ecosystem specification sets one; 131,072 otherwise. */
  minimumNumberOfEntries?: number
  /**
   * The Recommendation lets a list's issuer differ from the credential's (§2.2), provided the
   * verifier trusts both (§3.2 note). Kakehashi requires the same issuer unless this says a
   * different list issuer holds status authority for the credential's issuer.
   */
  acceptListIssuer?(listIssuer: string, credentialIssuer: string): boolean
}

const numericIndexWarning =
  '`statusListIndex` is a JSON number; the Recommendation requires a base-10 string'

/**
 * Records `status.check` for each entry of `credentialStatus`. Fails closed: an entry whose status
 * cannot be learned (unsupported type, unreachable or unverifiable list) fails, never passes.
 * `refresh` and `message` purposes are reported and do not fail. Never throws.
 */
export async function checkBitstringStatus(
  credentialStatus: unknown,
  deps: CheckBitstringStatusDeps,
  checks: CheckList,
): Promise<void> {
  if (credentialStatus === undefined) {
    checks.skip('status.check', 'the issuer publishes no status for this credential')
    return
  }
  const parsed = parseCredentialStatus(credentialStatus, {
    allowHttp: (url) => deps.policy.allowPrivateFetch || deps.source.answersLocally?.(url) === true,
    allowNumericStatusListIndex: deps.allowNumericStatusListIndex === true,
  })
  if (!parsed.ok) {
    fail(checks, 'status.reference_invalid', parsed.message)
    return
  }
  // Entries are independent (a revocation and a suspension entry may name different lists), so
  // they are checked at once, each into its own list, and recorded in the credential's order.
  const perEntry = await Promise.all(
    parsed.entries.map(async (item) => {
      const own = new CheckList()
      if (item.ok) await checkEntry(item.entry, deps, own)
      else fail(own, item.code, item.message)
      return own
    }),
  )
  for (const own of perEntry) {
    for (const check of own.toArray()) {
      if (check.status === 'passed') checks.pass(check.check, check.message, check.detail)
      else if (check.code !== undefined)
        checks.fail(check.check, check.code, check.message, check.detail)
    }
  }
}

async function checkEntry(
  entry: BitstringStatusListEntry,
  deps: CheckBitstringStatusDeps,
  checks: CheckList,
): Promise<void> {
  const detail: Record<string, unknown> = {
    url: entry.label,
    index: entry.statusListIndex.toString(),
    purpose: entry.statusPurpose,
  }
  if (entry.statusSize !== 1) detail.statusSize = entry.statusSize
  if (entry.numericIndex) detail.warning = numericIndexWarning

  let list: VerifiedBitstringStatusList
  try {
    const url = entry.statusListCredential
    const cached = deps.cache.get(url)
    list = cached ?? (await deps.cache.getOrLoad(url, () => loadStatusList(url, deps))).value
    confirmIssuer(list, deps)
  } catch (error) {
    if (error instanceof BitstringStatusError) fail(checks, error.code, error.message, detail)
    else fail(checks, 'status.unavailable', `status list lookup failed: ${reason(error)}`, detail)
    return
  }

  const validated = validateStatusEntry(entry, list, {
    ...(deps.minimumNumberOfEntries !== undefined
      ? { minimumNumberOfEntries: deps.minimumNumberOfEntries }
      : {}),
  })
  if (!validated.ok) {
    fail(checks, validated.code, validated.message, { ...detail, ...validated.detail })
    return
  }
  const { status, valid, message } = validated.result
  detail.value = status
  const statusMessage = message ?? entry.statusMessage?.get(status)
  // §2.1: status messages help developers and SHOULD NOT be shown to end users: detail only.
  if (statusMessage !== undefined) detail.statusMessage = statusMessage

  switch (entry.statusPurpose) {
    case 'revocation':
      if (valid)
        checks.pass('status.check', 'the status list marks the credential not revoked', detail)
      else fail(checks, 'status.invalid', 'the status list marks the credential revoked', detail)
      return
    case 'suspension':
      if (valid) {
        checks.pass('status.check', 'the status list marks the credential not suspended', detail)
      } else
        fail(checks, 'status.suspended', 'the status list marks the credential suspended', detail)
      return
    case 'refresh':
      checks.pass(
        'status.check',
        valid
          ? 'the status list announces no refreshed credential'
          : 'the issuer announces a refreshed credential through its refresh service; this one stays valid',
        { ...detail, refreshAvailable: !valid },
      )
      return
    case 'message':
      checks.pass(
        'status.check',
        `the status list holds status ${statusHex(status)} for the credential, a message rather than a validity status`,
        detail,
      )
      return
  }
}

/** §3.2 step 4, then the data model of §2.2; every failure leaves as a BitstringStatusError. */
async function loadStatusList(
  url: string,
  deps: CheckBitstringStatusDeps,
): Promise<VerifiedBitstringStatusList> {
  let fetched: string
  try {
    fetched = await deps.source.fetchStatusListCredential(url)
  } catch (error) {
    // STATUS_RETRIEVAL_ERROR
    throw listFailure(
      'status.unavailable',
      `the status list at ${describeUrl(url)} could not be fetched: ${reason(error)}`,
    )
  }
  let verified: VerifyListCredentialResult
  try {
    verified = await deps.verifyListCredential(fetched)
  } catch (error) {
    verified = { ok: false, code: 'status.list_signature_invalid', message: reason(error) }
  }
  // STATUS_VERIFICATION_ERROR
  if (!verified.ok) {
    throw listFailure(
      verified.code,
      `the status list credential at ${describeUrl(url)} does not verify: ${verified.message}`,
    )
  }
  const parsed = parseStatusListCredential({
    credential: verified.credential,
    issuer: verified.issuer,
    url,
    nowMs: deps.clock.now(),
    clockSkewSec: deps.policy.clockSkewSec,
    maxInflatedBytes: deps.limits.maxStatusListInflatedBytes,
  })
  if (!parsed.ok) throw listFailure(parsed.code, parsed.message)
  return parsed.list
}

/** A cached list is shared by every credential naming its URL; each must have the list's issuer. */
function confirmIssuer(list: VerifiedBitstringStatusList, deps: CheckBitstringStatusDeps): void {
  if (list.issuer === deps.issuer) return
  if (deps.acceptListIssuer?.(list.issuer, deps.issuer) === true) return
  throw new BitstringStatusError(
    'status.list_issuer_mismatch',
    `the status list is issued by ${list.issuer}, not by the credential's issuer ${deps.issuer}`,
  )
}

const listFailure = (code: ListFailureCode, message: string): BitstringStatusError =>
  new BitstringStatusError(code, message)

/**
 * Records a failure. The codes of `BitstringStatusCode` beyond the shared ones are rows of the
 * check-code table (src/report/check-codes.ts) under `status.check`.
 */
function fail(
  checks: CheckList,
  code: BitstringStatusCode,
  message: string,
  detail?: Record<string, unknown>,
): void {
  checks.fail('status.check', code, message, detail)
}

const reason = (error: unknown): string =>
  isKakehashiError(error) ? error.message : error instanceof Error ? error.message : String(error)
