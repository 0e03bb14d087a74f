// An active-context copy for jsonld that shares term definitions instead of deep-copying them (jsonld.js#414).
import { createRequire } from 'node:module'
import jsonLdContext from 'jsonld/lib/context.js'

/**
 * The jsonld release whose context processing this copy was checked against. Any other release
 * is left exactly as it ships: the copy below replaces one of its internal functions, and is only
 * sound for the code it was read against.
 */
export const sharedTermDefinitionsJsonLdVersion = '9.0.0'

/** The fields of a jsonld 9.0.0 active context that its own `_cloneActiveContext` copies. */
interface ActiveContext {
  mappings: Map<string, unknown>
  protected: Record<string, boolean>
  inverse: unknown
  clone: (this: ActiveContext) => ActiveContext
  getInverse: unknown
  revertToPreviousContext: unknown
  previousContext?: ActiveContext
  '@base'?: unknown
  '@language'?: unknown
  '@vocab'?: unknown
}

/**
 * jsonld 9.0.0 clones the whole active context (every term definition, with its scoped contexts)
 * each time a type-scoped context is entered or left; for Open Badges 3.0 that deep copy was two
 * thirds of a Data Integrity verification. Term definitions are never changed once defined:
 * `createTermDefinition` always builds a new definition object and replaces the map entry (read in
 * jsonld 9.0.0 lib/context.js), so the child may share them. It copies the same fields the
 * original does, with the maps and the `protected` table copied one level deep, which is all that
 * context processing ever writes to.
 */
function cloneSharingTermDefinitions(this: ActiveContext): ActiveContext {
  const child: ActiveContext = {
    mappings: new Map(this.mappings),
    clone: this.clone,
    inverse: null,
    getInverse: this.getInverse,
    protected: { ...this.protected },
    revertToPreviousContext: this.revertToPreviousContext,
  }
  if (this.previousContext) child.previousContext = this.previousContext.clone()
  if ('@base' in this) child['@base'] = this['@base']
  if ('@language' in this) child['@language'] = this['@language']
  if ('@vocab' in this) child['@vocab'] = this['@vocab']
  return child
}

/** Whether `context` has exactly the shape of a jsonld 9.0.0 initial context. */
function isInitialContextOf9(context: unknown): context is ActiveContext {
  const c = context as Partial<ActiveContext> | undefined
  return (
    c !== undefined &&
    c.mappings instanceof Map &&
    c.mappings.size === 0 &&
    typeof c.clone === 'function' &&
    c.clone.name === '_cloneActiveContext' &&
    typeof c.revertToPreviousContext === 'function' &&
    typeof c.protected === 'object'
  )
}

let installed: boolean | undefined

/**
 * Installs the copy on the initial context jsonld derives every active context from (it caches one
 * per processing mode; Kakehashi never sets one, so one entry). Returns whether it is in use: false
 * for any jsonld release but the one checked, which then runs unchanged. Idempotent.
 */
export function shareTermDefinitions(): boolean {
  if (installed !== undefined) return installed
  const version = (createRequire(import.meta.url)('jsonld/package.json') as { version: string })
    .version
  const initial: unknown = jsonLdContext.getInitialContext({})
  installed = version === sharedTermDefinitionsJsonLdVersion && isInitialContextOf9(initial)
  if (installed) (initial as ActiveContext).clone = cloneSharingTermDefinitions
  return installed
}
