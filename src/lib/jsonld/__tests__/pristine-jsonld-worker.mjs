// Canonizes documents with jsonld exactly as published, in a worker thread whose modules the bridge never touched.
import { parentPort, workerData } from 'node:worker_threads'
import jsonld from 'jsonld'
import jsonLdContext from 'jsonld/lib/context.js'

const { contexts, documents, options } = workerData
const texts = new Map(contexts)
const documentLoader = async (url) => {
  const text = texts.get(url)
  if (text === undefined) throw new Error(`unknown context ${url}`)
  return { contextUrl: null, documentUrl: url, document: JSON.parse(text), tag: 'static' }
}

const results = []
for (const document of documents) {
  try {
    results.push({ nquads: await jsonld.canonize(document, { ...options, documentLoader }) })
  } catch (error) {
    results.push({ error: String(error?.details?.code ?? error?.message ?? error) })
  }
}
parentPort.postMessage({
  results,
  cloneName: jsonLdContext.getInitialContext({}).clone.name,
})
