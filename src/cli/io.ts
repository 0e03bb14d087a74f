// The command line's input and output, injectable so commands can be tested without a terminal.
import { KakehashiError } from '../errors.ts'

export interface Io {
  out(text: string): void
  err(text: string): void
  /** Reads standard input as bytes (an mdoc is binary CBOR), refusing more than `max` bytes. */
  readStdin(max: number): Promise<Buffer>
  /** Whether output goes to a terminal that takes colour. */
  color: boolean
}

export const processIo: Io = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  async readStdin(max) {
    const chunks: Buffer[] = []
    let size = 0
    for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
      size += chunk.length
      if (size > max) {
        chunks.push(chunk.subarray(0, Math.max(0, chunk.length - (size - max))))
        break
      }
      chunks.push(chunk)
    }
    if (size === 0 && process.stdin.isTTY)
      throw new KakehashiError('usage.invalid', 'nothing on standard input')
    return Buffer.concat(chunks)
  },
  color: Boolean(process.stdout.isTTY) && process.env.NO_COLOR === undefined,
}
