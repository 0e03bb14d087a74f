// The crosswalk documents shipped in `crosswalks/`, validated once, and the choice of the chain for a credential and a relying party.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { KakehashiError } from '../errors.ts'
import { zId } from '../model/common.ts'
import { type CrosswalkDocument, zCrosswalkDocument } from './crosswalk-document.ts'

/** The folder of the shipped documents: `crosswalks/` at the package root. */
export const crosswalksDir = fileURLToPath(new URL('../../crosswalks/', import.meta.url))

/** Bounds on what the catalogue reads: the documents are the project's own, but a folder can grow. */
export const crosswalkLimits = { maxDocuments: 128, maxDocumentBytes: 256 * 1024 } as const

const zVocabulary = z.strictObject({
  id: zId,
  title: z.strictObject({ en: z.string().min(1).max(200), ja: z.string().max(200).optional() }),
  description: z.string().min(1).max(2000),
  /** The frameworks whose relying parties read credentials in this vocabulary. */
  relyingPartyFrameworks: z.array(zId).max(32),
})
export type Vocabulary = z.infer<typeof zVocabulary>

export interface CrosswalkCatalogue {
  documents: ReadonlyMap<string, CrosswalkDocument>
  vocabularies: ReadonlyMap<string, Vocabulary>
}

const invalid = (file: string, message: string) =>
  new KakehashiError('crosswalk.invalid', `${file}: ${message}`, { file })

function readJson(path: string, file: string): unknown {
  if (statSync(path).size > crosswalkLimits.maxDocumentBytes)
    throw invalid(file, `larger than ${crosswalkLimits.maxDocumentBytes} bytes`)
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw invalid(file, `not JSON: ${(error as Error).message}`)
  }
}

/**
 * Reads `vocabularies.json` and every `*.json` under the folder's subfolders but `tables/`
 * (data the transformations read). A malformed document, a duplicate id, an inverse or
 * vocabulary that does not exist stops the load: a crosswalk is never half-read.
 */
export function loadCrosswalkCatalogue(dir: string = crosswalksDir): CrosswalkCatalogue {
  const vocabulariesFile = 'vocabularies.json'
  const parsedVocabularies = z
    .array(zVocabulary)
    .safeParse(readJson(join(dir, vocabulariesFile), vocabulariesFile))
  if (!parsedVocabularies.success)
    throw invalid(vocabulariesFile, z.prettifyError(parsedVocabularies.error))
  const vocabularies = new Map(parsedVocabularies.data.map((v) => [v.id, v]))

  const files: string[] = []
  for (const folder of readdirSync(dir, { withFileTypes: true })) {
    if (!folder.isDirectory() || folder.name === 'tables') continue
    for (const name of readdirSync(join(dir, folder.name)).sort())
      if (name.endsWith('.json')) files.push(join(dir, folder.name, name))
  }
  if (files.length > crosswalkLimits.maxDocuments)
    throw invalid(dir, `more than ${crosswalkLimits.maxDocuments} documents`)

  const documents = new Map<string, CrosswalkDocument>()
  for (const path of files) {
    const file = relative(dir, path)
    const parsed = zCrosswalkDocument.safeParse(readJson(path, file))
    if (!parsed.success) throw invalid(file, z.prettifyError(parsed.error))
    const document = parsed.data
    if (documents.has(document.id)) throw invalid(file, `a second document ${document.id}`)
    for (const vocabulary of [document.source, document.target])
      if (!vocabularies.has(vocabulary)) throw invalid(file, `unknown vocabulary ${vocabulary}`)
    documents.set(document.id, document)
  }
  for (const document of documents.values()) {
    if (document.inverse === undefined) continue
    const inverse = documents.get(document.inverse)
    if (
      inverse === undefined ||
      inverse.source !== document.target ||
      inverse.target !== document.source
    )
      throw invalid(document.id, `its inverse ${document.inverse} does not map back`)
  }
  return { documents, vocabularies }
}

let shipped: CrosswalkCatalogue | undefined

/** The shipped catalogue, read on first use. */
export function shippedCrosswalks(): CrosswalkCatalogue {
  shipped ??= loadCrosswalkCatalogue()
  return shipped
}

/**
 * The chain that says a credential of `credentialType` in the vocabulary of the relying party's
 * framework: a document that reads the credential, then, unless its target already is the
 * relying party's vocabulary, one from that target to it. Undefined when there is none.
 */
export function selectCrosswalks(
  catalogue: CrosswalkCatalogue,
  credentialType: string,
  relyingPartyFramework: string,
): readonly CrosswalkDocument[] | undefined {
  let byType = selections.get(catalogue)
  if (byType === undefined) {
    byType = new Map()
    selections.set(catalogue, byType)
  }
  // The choice depends on the catalogue and the two names alone: made once per pair.
  let byFramework = byType.get(credentialType)
  if (byFramework === undefined) {
    if (byType.size >= maxSelections)
      return chooseCrosswalks(catalogue, credentialType, relyingPartyFramework)
    byFramework = new Map()
    byType.set(credentialType, byFramework)
  }
  if (byFramework.has(relyingPartyFramework)) return byFramework.get(relyingPartyFramework)
  const chain = chooseCrosswalks(catalogue, credentialType, relyingPartyFramework)
  if (byFramework.size < maxSelections) byFramework.set(relyingPartyFramework, chain)
  return chain
}

/** Bounds on the remembered choices: the names come from credentials, so anyone can vary them. */
const maxSelections = 64

const selections = new WeakMap<
  CrosswalkCatalogue,
  Map<string, Map<string, readonly CrosswalkDocument[] | undefined>>
>()

function chooseCrosswalks(
  catalogue: CrosswalkCatalogue,
  credentialType: string,
  relyingPartyFramework: string,
): readonly CrosswalkDocument[] | undefined {
  const readers = [...catalogue.documents.values()]
    .filter((d) => d.appliesTo.credentialTypes.includes(credentialType))
    .sort((a, b) => a.id.localeCompare(b.id))
  for (const reader of readers) {
    const vocabulary = catalogue.vocabularies.get(reader.target)
    if (vocabulary?.relyingPartyFrameworks.includes(relyingPartyFramework)) return [reader]
  }
  for (const reader of readers) {
    const onward = [...catalogue.documents.values()]
      .filter(
        (d) =>
          d.source === reader.target &&
          d.appliesTo.relyingPartyFrameworks.includes(relyingPartyFramework),
      )
      .sort((a, b) => a.id.localeCompare(b.id))[0]
    if (onward !== undefined) return [reader, onward]
  }
  return undefined
}
