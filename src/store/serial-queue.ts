// A promise queue: runs async tasks one at a time, in call order (PGlite has a single connection).

export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve()

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(task)
    // A failed task must not poison the tasks queued after it.
    this.#tail = result.catch(() => undefined)
    return result
  }
}
