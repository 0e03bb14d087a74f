// What `kakehashi sandbox federation` prints: the trust anchor, its issuers, and a sources file that syncs them.
import type { SandboxFederationDescription } from '../../sandbox/sandbox-federation.ts'
import type { Io } from '../io.ts'

/** Why a sync of this federation needs the private-address switch, and where it must be set. */
export const privateFetchNote = (entityId: string): string =>
  `The federation is served by this bridge at ${new URL(entityId).host}, a loopback address the sync ` +
  'refuses by default: start the bridge that syncs with KAKEHASHI_ALLOW_PRIVATE_FETCH=1 ' +
  '(KAKEHASHI_ALLOW_PRIVATE_FETCH=1 npm start), then run `npx kakehashi registry sync`.'

/**
 * `--json`: a whole `sources.json` holding only this source, to redirect into a file. Otherwise
 * the anchor, each issuer with the thumbprint a query may name it by, and the entry to paste.
 */
export function describeSandboxFederation(
  description: SandboxFederationDescription,
  json: boolean,
  io: Io,
): void {
  const { trustAnchor, issuers } = description
  // The sync finds the issuers itself, through the intermediates' lists: the entry need not name them.
  const { entities: _listed, ...source } = description.source
  if (json) {
    io.out(JSON.stringify({ sources: [source] }, null, 2))
    io.err(privateFetchNote(trustAnchor.entityId))
    return
  }
  const width = Math.max(...issuers.map((i) => i.issuer.length)) + 2
  io.out(
    [
      `${source.framework.name}`,
      `trust anchor  ${trustAnchor.entityId}`,
      `jwks          ${JSON.stringify(trustAnchor.jwks)}`,
      '',
      'Credential issuers (each under the intermediate of its jurisdiction):',
      ...issuers.flatMap((i) => [
        `  ${i.issuer.padEnd(width)}${i.entityId}`,
        `  ${' '.repeat(width)}vct ${i.vct}`,
        `  ${' '.repeat(width)}key thumbprint ${i.keyThumbprint}`,
      ]),
      '',
      `A sources.json entry (framework ${source.frameworkId}); \`--json\` prints a whole sources file:`,
      JSON.stringify(source, null, 2),
      '',
      privateFetchNote(trustAnchor.entityId),
      'Then ask, for instance:',
      `  npx kakehashi registry query authorization --entity ${issuers[0]?.keyThumbprint ?? '<thumbprint>'} \\`,
      `    --action issue --resource ${issuers[0]?.vct ?? '<vct>'} --framework ${source.frameworkId}`,
    ].join('\n'),
  )
}
