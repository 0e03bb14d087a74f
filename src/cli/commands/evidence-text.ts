// The pieces of evidence lines the registry answers share on a terminal: a log position, a source's staleness.
import type { SourceEvidence } from '../../registry/queries/source-freshness.ts'

/** `  log #<seq>` after a fact the log put, or nothing. */
export const logSeqMark = (seq: number | undefined): string =>
  seq === undefined ? '' : `  log #${seq}`

/** `  STALE` for a source past its next update, and whether policy accepts it anyway. */
export const staleMark = (source: SourceEvidence): string =>
  source.stale ? (source.acceptedByPolicy ? '  STALE, accepted by policy' : '  STALE') : ''
