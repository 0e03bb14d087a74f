// Where status list credentials come from: the one thing the Bitstring Status List check needs from outside.

export interface BitstringStatusListSource {
  /** The status list credential published at `url`, as text (JSON or a compact JWT); throws when it cannot be had. */
  fetchStatusListCredential(url: string): Promise<string>
  /**
   * Whether this source answers `url` itself, with no network round trip (the bridge's own
   * sandbox lists). Such URLs may be plain http: nothing travels over a network.
   */
  answersLocally?(url: string): boolean
}
