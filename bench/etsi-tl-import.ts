// etsi-tl.import: reading trusted lists as Kakehashi trusts them (hostile-XML refusal, XAdES signature, parse), against a bare DOM parse plus one native signature check.
//
// The input is the real EU lists of the shared corpus when present (the 2026 LOTL and Spanish list, the
// 2019 Irish, Danish and Finnish lists), otherwise a generated list of 200 providers signed with a test key.
import { createSign, createVerify, generateKeyPairSync } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { DOMParser } from '@xmldom/xmldom'
import {
  buildTrustedListXml,
  createTestSigner,
  signXml,
} from '../src/sources/etsi-tl/__tests__/list-fixtures.ts'
import { readTrustedList } from '../src/sources/etsi-tl/read-trusted-list.ts'
import { corpusPath } from '../test/support/corpus.ts'
import { type BenchResult, benchSeconds, measure, peakRssMiB, round } from './measure.ts'

const CORPUS_LISTS = [
  ['eu-lotl-2026', 'eu-lotl-seq388.xml'],
  ['eu-lotl-2026', 'es-tl-seq187.xml'],
  ['dss-2019-set', 'ie-tl-seq17.xml'],
  ['dss-2019-set', 'dk-tl-seq22.xml'],
  ['dss-2019-set', 'fi-tl-seq32.xml'],
]

async function inputLists(): Promise<{ source: string; lists: Buffer[] }> {
  const paths = CORPUS_LISTS.map((parts) => corpusPath('eu', 'trusted-lists', ...parts))
  if (paths.every((path) => path !== undefined)) {
    return { source: 'corpus', lists: paths.map((path) => readFileSync(path as string)) }
  }
  const signer = await createTestSigner('Bench Scheme Operator', 'rsa')
  const xml = buildTrustedListXml({ sequence: 1 })
  const open = xml.indexOf('<tsl:TrustServiceProvider>')
  const close = xml.indexOf('</tsl:TrustServiceProviderList>')
  const providers = xml.slice(open, close).repeat(200)
  const large = `${xml.slice(0, open)}${providers}${xml.slice(close)}`
  return { source: 'generated', lists: [Buffer.from(await signXml(large, signer))] }
}

/** The floor: parse the bytes into a DOM, and verify one RSA-SHA256 signature natively. */
function rawRead(lists: Buffer[]): () => void {
  const utf8 = new TextDecoder()
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const digest = Buffer.alloc(64, 1)
  const signature = createSign('SHA256').update(digest).sign(privateKey)
  return () => {
    for (const list of lists) {
      // TextDecoder drops a byte-order mark, as the list reader does.
      new DOMParser().parseFromString(utf8.decode(list), 'text/xml')
      if (!createVerify('SHA256').update(digest).verify(publicKey, signature)) throw new Error()
    }
  }
}

export async function etsiTlImport(): Promise<BenchResult> {
  const { source, lists } = await inputLists()
  const bytes = lists.reduce((sum, list) => sum + list.byteLength, 0)
  for (const list of lists) await readTrustedList(list)
  const seconds = Math.max(benchSeconds, 2)
  const rounds = await measure(
    async () => {
      for (const list of lists) await readTrustedList(list)
    },
    { seconds, warmUp: 1, batch: 1 },
  )
  const rawRounds = await measure(rawRead(lists), { seconds, warmUp: 1, batch: 1 })
  return {
    name: 'etsi-tl.import',
    description: `TS 119 612 lists read with hostile-XML checks, XAdES signature validation and parsing (${source} input: ${lists.length} list(s), ${round(bytes / 1e6, 2)} MB)`,
    listsPerSec: round(rounds * lists.length, 2),
    mbPerSec: round((rounds * bytes) / 1e6, 2),
    rawListsPerSec: round(rawRounds * lists.length, 2),
    // Baseline: a bare DOM parse of the same bytes plus one native RSA verification per list.
    ratio: round(rounds / rawRounds, 3),
    peakRssMiB: peakRssMiB(),
  }
}
