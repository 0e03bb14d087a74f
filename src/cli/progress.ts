// A one-line progress bar on a terminal's standard error; silent when stderr is not a terminal.

export interface ProgressBar {
  update(done: number, total: number, label?: string): void
  /** Clears the line, so what follows starts clean. */
  done(): void
}

const WIDTH = 24

/** A bar that draws only when `stream` is a TTY (piped and redirected output stays clean). */
export function progressBar(stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  if (!stream.isTTY) return { update: () => undefined, done: () => undefined }
  let drawn = false
  return {
    update(done, total, label = '') {
      const ratio = total > 0 ? Math.min(1, done / total) : 0
      const filled = Math.round(ratio * WIDTH)
      const columns = stream.columns ?? 80
      const line = `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${done}/${total} ${label}`
      stream.write(`\r${line.slice(0, columns - 1).padEnd(Math.min(columns - 1, line.length + 8))}`)
      drawn = true
    },
    done() {
      if (drawn) stream.write(`\r${' '.repeat((stream.columns ?? 80) - 1)}\r`)
      drawn = false
    },
  }
}
