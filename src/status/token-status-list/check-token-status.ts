// The `status.check` step for a credential that references an IETF Token Status List.
import type { KeyObject } from 'node:crypto'
import type { VerifyLimits, VerifyPolicy } from '../../config.ts'
import { isKakehashiError } from '../../errors.ts'
import { isPlainObject } from '../../lib/parse-json.ts'
import { describeUrl } from '../../net/describe-url.ts'
import type { CheckCode } from '../../report/check-codes.ts'
import type { CheckList } from '../../report/check-list.ts'
import type { Clock } from '../../util/clock.ts'
import { isAllowedStatusListUrl, parseStatusListUri as parseUri } from '../status-list-uri.ts'
import type { StatusListCache } from './status-list-cache.ts'
import type { StatusListSource } from './status-list-source.ts'
import { TokenStatus } from './status-types.ts'
import {
  type ResolveSignerKey,
  toKeyObject,
  type VerifiedStatusList,
  verifyStatusListToken,
} from './verify-status-list-token.ts'

export type { StatusListSource } from './status-list-source.ts'

export interface CheckTokenStatusDeps {
  clock: Clock
  policy: VerifyPolicy
  limits: VerifyLimits
  cache: StatusListCache
  source: StatusListSource
  /** Which keys may sign this credential's status list: the pipeline's trust decision, not ours. */
  resolveSignerKey: ResolveSignerKey
}

export interface StatusListReference {
  idx: number
  uri: string
  /** The URI as messages may show it (`describeUrl`). */
  label: string
}

export type ParseStatusReferenceResult =
  | { ok: true; reference: StatusListReference }
  | { ok: false; message: string }

type StatusFailureCode = Extract<
  CheckCode,
  'status.unavailable' | 'status.list_invalid' | 'status.list_signature_invalid'
>

/** Carries a check code out of a (possibly shared) load, so every waiter reports the same failure. */
class StatusListFailure extends Error {
  constructor(
    readonly code: StatusFailureCode,
    message: string,
  ) {
    super(message)
  }
}

/**
 * Records `status.check` for the credential's `status` claim (`reference`). Fails closed: a
 * credential whose status cannot be learned is reported `status.unavailable`, never passed.
 * Never throws.
 */
export async function checkTokenStatus(
  reference: unknown,
  deps: CheckTokenStatusDeps,
  checks: CheckList,
): Promise<void> {
  if (reference === undefined) {
    checks.skip(
      'status.check',
      'the issuer publishes no status for this credential (no `status` claim)',
    )
    return
  }
  const parsed = parseStatusReference(
    reference,
    (uri) => deps.policy.allowPrivateFetch || deps.source.answersLocally?.(uri) === true,
  )
  if (!parsed.ok) {
    checks.fail('status.check', 'status.reference_invalid', parsed.message)
    return
  }
  const { idx, uri, label } = parsed.reference
  const detail: Record<string, unknown> = { uri: label, idx }

  let verified: VerifiedStatusList
  try {
    // A fresh cached list is taken synchronously; getOrLoad (a promise) only when it must load.
    const cached = deps.cache.get(uri)
    const found =
      cached !== undefined
        ? { value: cached, origin: 'cache' as const }
        : await deps.cache.getOrLoad(uri, () => loadStatusList(uri, deps))
    verified = found.value
    // A list verified earlier, or for another caller, was checked against that caller's
    // signers; this credential's pipeline must vouch for the same key before it counts here.
    if (found.origin !== 'loaded') {
      const key = vouchedSignerKey(verified, deps.resolveSignerKey)
      confirmSigner(verified, key instanceof Promise ? await key : key)
    }
  } catch (error) {
    if (error instanceof StatusListFailure) {
      checks.fail('status.check', error.code, error.message, detail)
    } else {
      checks.fail(
        'status.check',
        'status.unavailable',
        `status list lookup failed: ${reason(error)}`,
        detail,
      )
    }
    return
  }

  const value = verified.list.statusAt(idx)
  if (value === undefined) {
    checks.fail(
      'status.check',
      'status.index_out_of_range',
      `index ${idx} lies past the end of the status list (${verified.list.size} entries)`,
      { ...detail, size: verified.list.size },
    )
    return
  }
  detail.value = value
  switch (value) {
    case TokenStatus.VALID:
      checks.pass('status.check', 'the status list marks the credential valid', detail)
      return
    case TokenStatus.INVALID:
      checks.fail(
        'status.check',
        'status.invalid',
        'the status list marks the credential invalid (revoked)',
        detail,
      )
      return
    case TokenStatus.SUSPENDED:
      checks.fail(
        'status.check',
        'status.suspended',
        'the status list marks the credential suspended',
        detail,
      )
      return
    default:
      checks.fail(
        'status.check',
        'status.unknown_value',
        `the status list holds 0x${value.toString(16).padStart(2, '0')} for the credential, which is not VALID`,
        detail,
      )
  }
}

/**
 * Reads `status.status_list = {idx, uri}`. The URI must be https (http only where private
 * fetches are allowed, i.e. local testing), since the list it names decides acceptance.
 */
export function parseStatusReference(
  status: unknown,
  allowHttp: (uri: string) => boolean,
): ParseStatusReferenceResult {
  if (!isPlainObject(status)) return { ok: false, message: 'the `status` claim is not an object' }
  const statusList = status.status_list
  if (statusList === undefined) {
    return { ok: false, message: 'the `status` claim has no `status_list` reference' }
  }
  if (!isPlainObject(statusList)) {
    return { ok: false, message: '`status.status_list` is not an object' }
  }
  const { idx, uri } = statusList
  if (typeof idx !== 'number' || !Number.isSafeInteger(idx) || idx < 0) {
    return { ok: false, message: '`status.status_list.idx` is not a non-negative integer' }
  }
  if (typeof uri !== 'string')
    return { ok: false, message: '`status.status_list.uri` is not a string' }
  const parsed = parseUri(uri)
  if (parsed === null)
    return { ok: false, message: '`status.status_list.uri` is not an absolute URI' }
  if (!isAllowedStatusListUrl(parsed, uri, allowHttp)) {
    return { ok: false, message: '`status.status_list.uri` is not an https URI' }
  }
  return { ok: true, reference: { idx, uri, label: parsed.label } }
}

async function loadStatusList(
  uri: string,
  deps: CheckTokenStatusDeps,
): Promise<VerifiedStatusList> {
  let token: string
  try {
    token = await deps.source.fetchStatusListToken(uri)
  } catch (error) {
    throw new StatusListFailure(
      'status.unavailable',
      `the status list at ${describeUrl(uri)} could not be fetched: ${reason(error)}`,
    )
  }
  const result = await verifyStatusListToken(token, uri, deps)
  if (!result.ok) throw new StatusListFailure(result.code, result.message)
  return result.value
}

/** The key the credential's pipeline trusts to sign the list: synchronously when its resolver knows it. */
function vouchedSignerKey(
  verified: VerifiedStatusList,
  resolve: ResolveSignerKey,
): KeyObject | Promise<KeyObject> {
  try {
    const resolved = resolve(verified.header)
    if (!(resolved instanceof Promise)) return toKeyObject(resolved)
    return resolved.then(toKeyObject).catch((error: unknown) => {
      throw untrustedSigner(error)
    })
  } catch (error) {
    throw untrustedSigner(error)
  }
}

const untrustedSigner = (error: unknown): StatusListFailure =>
  new StatusListFailure(
    'status.list_signature_invalid',
    `no trusted signer for the status list: ${reason(error)}`,
  )

function confirmSigner(verified: VerifiedStatusList, key: KeyObject): void {
  // The same cached KeyObject is the common case; `equals` compares the key material otherwise.
  if (key !== verified.signerKey && !key.equals(verified.signerKey)) {
    throw new StatusListFailure(
      'status.list_signature_invalid',
      'the status list is signed by a key the credential issuer does not vouch for',
    )
  }
}

const reason = (error: unknown): string =>
  isKakehashiError(error) ? error.message : error instanceof Error ? error.message : String(error)
