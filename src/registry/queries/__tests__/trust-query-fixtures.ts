// A registry for the trust-query tests, built through the log on a sandbox test bridge.
import { movableClock, openTestBridge, sandboxOf } from '../../../../test/support/bridge.ts'
import { resolveBridgeConfig } from '../../../bridge/bridge-config.ts'
import { type Bridge, openBridge } from '../../../bridge/open-bridge.ts'
import { defaultPolicy } from '../../../config.ts'
import { appendChanges } from '../../../log/append-changes.ts'
import type { Change } from '../../../model/index.ts'
import { importSource } from '../../import-source.ts'
import type { StaleSourcePolicy } from '../source-freshness.ts'

const DAY = 86_400_000
/** Every time of the fixture is relative to the start, so the sandbox certificates stay valid. */
export const start = Math.floor(Date.now() / 1000) * 1000
export const iso = (days: number): string => new Date(start + days * DAY).toISOString()

export const DIPLOMA = 'urn:kakehashi:sandbox:jp.diploma:1'
export const OTHER_TYPE = 'urn:example:other:1'
export const UNI = 'jp.test.uni'
export const UNI_DID = 'did:web:uni.example.jp'
export const UNI_THUMBPRINT = 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs'
export const COLLEGE = 'jp.test.list.college'
export const LIST = 'jp.test.list'
export const LIST_RULE = 'jp.test.list.pid-rule'
export const FUTURE_RULE = 'test.eu-pid-recognises-jp-mynumber-later'
export const PID = 'urn:eudi:pid:1'
export const MYNUMBER = 'urn:kakehashi:sandbox:jp.mynumber-identity:1'
/** The list's NextUpdate: ten days after the start. */
export const LIST_NEXT_UPDATE = iso(10)

const operator = { actor: 'operator:test', reason: 'trust-query fixture' }

/** An operator entity with a DID and a thumbprint, an issuer authorisation valid for a year. */
export const operatorChanges: Change[] = [
  {
    type: 'entity.put',
    entity: {
      id: UNI,
      names: [
        { value: 'テスト大学', lang: 'ja-Jpan' },
        { value: 'Test University', lang: 'en' },
      ],
      country: 'JP',
      identifiers: [],
    },
  },
  {
    type: 'identity.put',
    identity: { id: `${UNI}.did`, entityId: UNI, kind: 'did', value: UNI_DID },
  },
  {
    type: 'identity.put',
    identity: { id: `${UNI}.key`, entityId: UNI, kind: 'jwk.thumbprint', value: UNI_THUMBPRINT },
  },
  {
    type: 'authorisation.put',
    authorisation: {
      id: `${UNI}.issuer`,
      entityId: UNI,
      frameworkId: 'jp.academic',
      role: 'issuer',
      credentialTypes: [DIPLOMA],
      assuranceLevel: 'mext-accredited',
      status: 'granted',
      validFrom: iso(-30),
      validUntil: iso(365),
    },
  },
  {
    type: 'authorisation.put',
    authorisation: {
      id: `${UNI}.verifier`,
      entityId: UNI,
      frameworkId: 'eu.academic',
      role: 'relying_party',
      credentialTypes: ['urn:kakehashi:sandbox:eu.diploma:1'],
      status: 'granted',
      validFrom: iso(-30),
    },
  },
  {
    type: 'recognition.put',
    rule: {
      id: FUTURE_RULE,
      recognisingFrameworkId: 'eu.eudi.pid',
      recognisedFrameworkId: 'jp.mynumber',
      credentialTypes: [MYNUMBER],
      levelMapping: {},
      legalBasis: 'a test agreement not yet in force',
      validFrom: iso(400),
    },
  },
]

export interface QueryFixture {
  bridge: Bridge
  clock: ReturnType<typeof movableClock>
  close(): Promise<void>
}

/** Opens a bridge whose registry holds the sandbox, the operator entity and the imported list. */
export async function openQueryFixture(
  staleSources: StaleSourcePolicy = 'refuse',
): Promise<QueryFixture> {
  const clock = movableClock(start)
  const bridge =
    staleSources === 'refuse'
      ? await openTestBridge({ clock })
      : await openBridge(
          { ...resolveBridgeConfig({}, { KAKEHASHI_STALE_SOURCES: staleSources }), sandbox: true },
          { inMemory: true, clock, policy: defaultPolicy },
        )
  sandboxOf(bridge)
  await appendChanges(bridge.store, operatorChanges, operator, clock)
  await importSource(
    bridge.store,
    {
      source: { id: LIST, kind: 'jp-list', description: 'a Japanese test list', territory: 'JP' },
      version: {
        digest: 'ab'.repeat(32),
        fetchedAt: iso(0),
        sequenceNumber: 7,
        issuedAt: iso(-1),
        nextUpdate: LIST_NEXT_UPDATE,
        signature: { status: 'valid', signerSubject: 'CN=Test List Operator' },
      },
      content: {
        frameworks: [],
        entities: [
          {
            id: COLLEGE,
            names: [{ value: 'Test College', lang: 'en' }],
            country: 'JP',
            sourceId: LIST,
          },
        ],
        identities: [],
        authorisations: [
          {
            id: `${COLLEGE}.issuer`,
            entityId: COLLEGE,
            frameworkId: 'jp.academic',
            role: 'issuer',
            credentialTypes: [DIPLOMA],
            validFrom: iso(-100),
            sourceId: LIST,
          },
        ],
        recognitionRules: [
          {
            id: LIST_RULE,
            recognisingFrameworkId: 'jp.mynumber',
            recognisedFrameworkId: 'eu.eudi.pid',
            credentialTypes: [PID],
            levelMapping: { high: 'IAL3' },
            legalBasis: 'test list recognition',
            validFrom: iso(-10),
            validUntil: iso(200),
            sourceId: LIST,
          },
        ],
      },
    },
    { actor: 'import:jp.test.list', reason: 'test import' },
    clock,
  )
  bridge.registry.invalidate()
  return { bridge, clock, close: () => bridge.close() }
}

/** Appends operator changes and makes the bridge's cache see them on its next read. */
export async function change(fixture: QueryFixture, changes: Change[]): Promise<void> {
  await appendChanges(fixture.bridge.store, changes, operator, fixture.clock)
  fixture.bridge.registry.invalidate()
}
