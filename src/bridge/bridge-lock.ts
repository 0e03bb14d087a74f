// The data directory's lock: the embedded store admits one process, so a running bridge says where it listens.
import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

export interface BridgeLock {
  pid: number
  url: string
  startedAt: string
}

const LOCK_FILE = 'bridge.lock'

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** The lock of a live bridge on this data directory; a stale lock (dead process) counts as none. */
export async function readBridgeLock(dataDir: string): Promise<BridgeLock | undefined> {
  let lock: BridgeLock
  try {
    lock = JSON.parse(await readFile(join(dataDir, LOCK_FILE), 'utf8')) as BridgeLock
  } catch {
    return undefined
  }
  if (!Number.isInteger(lock.pid) || lock.pid === process.pid || !isAlive(lock.pid))
    return undefined
  return lock
}

export async function writeBridgeLock(dataDir: string, url: string): Promise<() => Promise<void>> {
  const lock: BridgeLock = { pid: process.pid, url, startedAt: new Date().toISOString() }
  await writeFile(join(dataDir, LOCK_FILE), JSON.stringify(lock), { mode: 0o600 })
  return () => rm(join(dataDir, LOCK_FILE), { force: true })
}
