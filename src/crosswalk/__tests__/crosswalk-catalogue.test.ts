// The shipped crosswalk documents load and chain; a malformed one stops the load with its file named.
import assert from 'node:assert/strict'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { crosswalksDir, loadCrosswalkCatalogue, selectCrosswalks } from '../crosswalk-catalogue.ts'

describe('the shipped crosswalk catalogue', () => {
  const catalogue = loadCrosswalkCatalogue()

  it('holds learning and identity documents, every inverse mapping back', () => {
    assert.ok(catalogue.documents.size >= 11, `${catalogue.documents.size} documents`)
    for (const document of catalogue.documents.values()) {
      if (document.inverse === undefined) continue
      const inverse = catalogue.documents.get(document.inverse)
      assert.equal(inverse?.inverse, document.id, `${document.id} ⇄ ${document.inverse}`)
    }
  })

  it('chooses a chain by credential type and the relying party’s framework', () => {
    const ids = (type: string, rp: string) =>
      selectCrosswalks(catalogue, type, rp)?.map((d) => d.id)
    assert.deepEqual(ids('OpenBadgeCredential', 'eu.academic'), ['learning.openbadges3-to-elm'])
    assert.deepEqual(ids('OpenBadgeCredential', 'jp.academic'), [
      'learning.openbadges3-to-elm',
      'learning.elm-to-jp-academic-record',
    ])
    assert.deepEqual(ids('urn:kakehashi:sandbox:jp.diploma:1', 'eu.academic'), [
      'learning.sandbox-jp-diploma-to-jp-academic-record',
      'learning.jp-academic-record-to-elm',
    ])
    assert.deepEqual(ids('urn:eudi:pid:1', 'jp.mynumber'), [
      'identity.eudi-pid-sd-jwt-to-eudi-pid',
      'identity.eudi-pid-to-jp-identity',
    ])
    assert.deepEqual(ids('kakehashi.sandbox.jp.mynumber.1', 'eu.eudi.pid'), [
      'identity.sandbox-jp-mynumber-mdoc-to-jp-identity',
      'identity.jp-identity-to-eudi-pid',
    ])
    assert.equal(ids('OpenBadgeCredential', 'jp.mynumber'), undefined, 'no crosswalk, no meaning')
    assert.equal(ids('urn:example:unknown', 'eu.academic'), undefined)
  })
})

describe('a malformed catalogue is refused whole', () => {
  const dirs: string[] = []
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  })

  /** A copy of the shipped folder with one document changed. */
  function withDocument(file: string, change: (document: Record<string, unknown>) => unknown) {
    const dir = mkdtempSync(join(tmpdir(), 'kakehashi-crosswalks-'))
    dirs.push(dir)
    cpSync(crosswalksDir, dir, { recursive: true })
    const path = join(dir, file)
    const document = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>
    writeFileSync(path, JSON.stringify(change(document) ?? document))
    return dir
  }
  const claims = (d: Record<string, unknown>) => d.claims as Record<string, unknown>[]
  const refused = (dir: string, pattern: RegExp) =>
    assert.throws(
      () => loadCrosswalkCatalogue(dir),
      (error: Error & { code?: string }) =>
        error.code === 'crosswalk.invalid' && pattern.test(error.message),
    )

  it('an approximate claim without its reason', () => {
    const dir = withDocument('learning/openbadges3-to-elm.json', (d) => {
      const claim = claims(d).find((c) => c.exactness === 'approximate') as Record<string, unknown>
      delete claim.reason
    })
    refused(dir, /openbadges3-to-elm\.json.*says why/s)
  })

  it('a table the document does not hold', () => {
    const dir = withDocument('identity/eudi-pid-to-jp-identity.json', (d) => {
      d.tables = {}
    })
    refused(dir, /no table seibetsu-by-sex/)
  })

  it('a transformation that is not one of the closed set', () => {
    const dir = withDocument('learning/openbadges3-to-elm.json', (d) => {
      ;(claims(d)[0] as Record<string, unknown>).transform = { kind: 'eval', code: '1' }
    })
    refused(dir, /openbadges3-to-elm\.json/)
  })

  it('an unknown vocabulary, a second document of an id, an inverse that does not map back', () => {
    refused(
      withDocument('learning/openbadges3-to-elm.json', (d) => ({ ...d, target: 'nowhere' })),
      /unknown vocabulary nowhere/,
    )
    refused(
      withDocument('learning/sandbox-eu-diploma-to-elm.json', (d) => ({
        ...d,
        id: 'learning.openbadges3-to-elm',
      })),
      /a second document learning\.openbadges3-to-elm/,
    )
    refused(
      withDocument('learning/elm-to-jp-academic-record.json', (d) => ({
        ...d,
        inverse: 'learning.openbadges3-to-elm',
      })),
      /does not map back/,
    )
  })

  it('a document that is not JSON', () => {
    const dir = withDocument('learning/openbadges3-to-elm.json', () => undefined)
    writeFileSync(join(dir, 'learning/openbadges3-to-elm.json'), '{"id": ')
    refused(dir, /not JSON/)
  })
})
