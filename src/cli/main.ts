// The `kakehashi` command: verify credentials, read and change the registry, run the sandbox and the service.
import { isKakehashiError } from '../errors.ts'
import { recognitionCommand, recognitionUsage } from './commands/recognition-command.ts'
import { registryCommand, registryUsage } from './commands/registry-command.ts'
import { sandboxCommand, sandboxUsage } from './commands/sandbox-command.ts'
import { serveCommand } from './commands/serve-command.ts'
import { verifyCommand, verifyUsage } from './commands/verify-command.ts'
import { type Io, processIo } from './io.ts'

/** Exit statuses: 0 success or accepted, 1 rejected, 2 bad input or usage, 3 internal failure. */
export const exitCodes = { ok: 0, rejected: 1, badInput: 2, internal: 3 } as const

const usage = `Kakehashi — the EU–Japan trust bridge

Usage:
  kakehashi serve [--port <n>] [--host <h>] [--data-dir <dir>]
  ${verifyUsage}
  ${registryUsage}
  ${recognitionUsage}
  ${sandboxUsage}

Environment: KAKEHASHI_DATA_DIR (default ./.kakehashi), DATABASE_URL (PostgreSQL instead of the
embedded store), KAKEHASHI_PUBLIC_URL, KAKEHASHI_ALLOW_PRIVATE_FETCH=1, KAKEHASHI_SANDBOX=0.
Exit status: 0 accepted/ok, 1 rejected, 2 bad input or usage, 3 internal error.`

const commands: Record<string, (args: string[], io: Io) => Promise<number>> = {
  serve: serveCommand,
  verify: verifyCommand,
  registry: registryCommand,
  recognition: recognitionCommand,
  sandbox: sandboxCommand,
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...args] = argv
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.out(usage)
    return name === undefined ? exitCodes.badInput : exitCodes.ok
  }
  const command = commands[name]
  if (command === undefined) {
    io.err(`unknown command ${name}\n\n${usage}`)
    return exitCodes.badInput
  }
  try {
    return await command(args, io)
  } catch (error) {
    if (isKakehashiError(error)) {
      io.err(`error [${error.code}]: ${error.message}`)
      if (error.detail && process.env.KAKEHASHI_DEBUG) io.err(JSON.stringify(error.detail, null, 2))
      return error.code === 'store.unavailable' ? exitCodes.internal : exitCodes.badInput
    }
    io.err(`internal error: ${(error as Error).message}`)
    if (process.env.KAKEHASHI_DEBUG) io.err(String((error as Error).stack))
    return exitCodes.internal
  }
}
