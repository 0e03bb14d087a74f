// Verifies a trusted list's one enveloped XAdES signature over the whole document, refusing with `tl.*` codes.
//
// The checks are the shared ones of src/trust/xmldsig (exactly one signature, a child of the root,
// covering the whole document; allowed algorithms; XAdES signed properties naming the signer);
// what is the trusted lists' own is the code family and the namespaces whose elements must never
// appear inside the signature.
import type { Document } from '@xmldom/xmldom'
import {
  type EnvelopedSignature,
  verifyEnvelopedSignature,
} from '../../trust/xmldsig/verify-enveloped-signature.ts'
import { ECC_NS, MRA_NS, TSL_NS, TSLX_NS } from './namespaces.ts'

/** What a verified signature of a trusted list tells: who signed, and how. */
export type TrustedListSignature = EnvelopedSignature

const LIST_NAMESPACES = [TSL_NS, TSLX_NS, ECC_NS, MRA_NS]

/** Verifies the signature of a loaded trusted list (see loadTrustedListDocument). */
export const verifyTrustedListSignature = (document: Document): Promise<TrustedListSignature> =>
  verifyEnvelopedSignature(document, { family: 'tl', contentNamespaces: LIST_NAMESPACES })
