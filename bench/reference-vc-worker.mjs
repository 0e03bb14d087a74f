// Starts the reference worker: worker threads do not inherit the TypeScript loader of the benchmark process.
import { register } from 'tsx/esm/api'

register()
await import('./reference-vc-worker.ts')
