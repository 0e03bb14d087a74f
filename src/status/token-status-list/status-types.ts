// The status values of an IETF Token Status List (draft-ietf-oauth-status-list, "Status Types").

/** Registered values; 0x03 and 0x0C–0x0F are application-specific and mean nothing to a verifier. */
export const TokenStatus = {
  VALID: 0x00,
  INVALID: 0x01,
  SUSPENDED: 0x02,
} as const

export type StatusListBits = 1 | 2 | 4 | 8

export const isStatusListBits = (value: unknown): value is StatusListBits =>
  value === 1 || value === 2 || value === 4 || value === 8

/** The JSON `status_list` object of a Status List Token: `lst` is base64url of zlib data. */
export interface StatusListJson {
  bits: StatusListBits
  lst: string
}
