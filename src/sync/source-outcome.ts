// What one sync did with one source: imported, unchanged or failed, with the facts to show for it.

export interface SourceOutcome {
  sourceId: string
  kind: string
  /** Where it was read from this time. */
  location?: string
  outcome: 'imported' | 'unchanged' | 'failed'
  sequenceNumber?: number
  /** The version imported, or, when the sync failed, the version that stays in force. */
  digest?: string
  /** Objects put and removed by the import. */
  put?: number
  removed?: number
  /** The version in force is past its NextUpdate at the time of the sync. */
  stale?: boolean
  nextUpdate?: string
  failure?: { code: string; message: string }
  /** For trusted lists: TSPs, services, qualified services and those of them granted now. */
  counts?: Record<string, number>
}

export interface SyncProgress {
  /** Sources finished so far, and how many are known to be coming (grows as a LOTL is read). */
  done: number
  total: number
  /** The source being worked on. */
  current?: string
}

export type ProgressListener = (progress: SyncProgress) => void
