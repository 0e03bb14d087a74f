// Who is who in the sandbox OpenID Federation: the trust anchor, one intermediate per jurisdiction, each sandbox issuer a leaf.
import { type SandboxIssuer, sandboxFrameworks, sandboxIssuers } from './sandbox-ecosystems.ts'

export interface SandboxFederationMember {
  /** The path segment of its Entity Identifier: `<publicUrl>/sandbox/federation/<name>`. */
  name: string
  role: 'anchor' | 'intermediate' | 'leaf'
  /** The member whose subordinate it is; absent for the trust anchor. */
  superior?: string
  /** `organization_name` of its `federation_entity` metadata, by language tag (`und` untagged). */
  organisationNames: ReadonlyArray<{ value: string; lang: string }>
  /** A leaf's sandbox issuer, whose credential metadata and key it publishes. */
  issuer?: SandboxIssuer
}

export const SANDBOX_FEDERATION_PATH = '/sandbox/federation'
export const SANDBOX_FEDERATION_NAME = 'Kakehashi Sandbox Federation'

const intermediateOf = (issuer: SandboxIssuer): 'eu' | 'jp' =>
  sandboxFrameworks.find((f) => f.id === issuer.frameworkId)?.jurisdiction === 'JP' ? 'jp' : 'eu'

/** `#ja` for the Japanese names (the language tag OpenID Federation §5.2.2 examples use), others kept. */
const federationLang = (lang: string): string => (lang === 'ja-Jpan' ? 'ja' : lang)

export const sandboxFederationMembers: readonly SandboxFederationMember[] = [
  {
    name: 'anchor',
    role: 'anchor',
    organisationNames: [
      { value: SANDBOX_FEDERATION_NAME, lang: 'und' },
      { value: '架け橋サンドボックス連合', lang: 'ja' },
    ],
  },
  {
    name: 'eu',
    role: 'intermediate',
    superior: 'anchor',
    organisationNames: [{ value: `${SANDBOX_FEDERATION_NAME}, European Union`, lang: 'und' }],
  },
  {
    name: 'jp',
    role: 'intermediate',
    superior: 'anchor',
    organisationNames: [
      { value: `${SANDBOX_FEDERATION_NAME}, Japan`, lang: 'und' },
      { value: '架け橋サンドボックス連合 日本', lang: 'ja' },
    ],
  },
  ...sandboxIssuers.map(
    (issuer): SandboxFederationMember => ({
      name: issuer.id,
      role: 'leaf',
      superior: intermediateOf(issuer),
      organisationNames: [
        { value: issuer.organisation, lang: 'und' },
        ...issuer.names
          .filter((n) => n.lang !== 'en')
          .map((n) => ({ value: n.value, lang: federationLang(n.lang) })),
      ],
      issuer,
    }),
  ),
]

export const findSandboxFederationMember = (name: string): SandboxFederationMember | undefined =>
  sandboxFederationMembers.find((m) => m.name === name)
