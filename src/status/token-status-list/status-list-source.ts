// Where Status List Tokens come from: the one thing the status check needs from the outside world.

export interface StatusListSource {
  /** The Status List Token published at `uri`, as compact JWT text; throws when it cannot be had. */
  fetchStatusListToken(uri: string): Promise<string>
  /**
   * Whether this source answers `uri` itself, with no network round trip (the bridge's own
   * sandbox lists). Such URIs may be plain http: nothing travels over a network.
   */
  answersLocally?(uri: string): boolean
}
