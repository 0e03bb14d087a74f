// A command-line Io that records what a command prints, for tests.
import type { Io } from '../../src/cli/io.ts'

export function captureIo(
  stdin: string | Uint8Array = '',
): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = []
  const stderr: string[] = []
  return {
    stdout,
    stderr,
    out: (text) => stdout.push(text),
    err: (text) => stderr.push(text),
    readStdin: async (max) => Buffer.from(stdin).subarray(0, max),
    color: false,
  }
}
