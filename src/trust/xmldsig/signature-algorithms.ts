// The signature, digest and canonicalisation algorithms a signed XML list's signature may use, by URI.
//
// Lists are signed with RSA (PKCS#1 v1.5 or PSS) or ECDSA over SHA-2. Everything else is refused
// (`signature_invalid` in the caller's code family) before any cryptography runs: SHA-1 signatures
// and digests, HMAC (whose "key" would be public), RSA-PSS with explicit parameters (which may name
// SHA-1), and canonicalisation with comments. The one exception is the digest of the signing
// certificate inside XAdES SigningCertificate (v1), which the lists of 2019 still compute with
// SHA-1: that digest only names a certificate whose key has just verified the signature, so a
// collision would gain nothing.

export const ENVELOPED_SIGNATURE = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature'

/** Canonicalisation without comments: for SignedInfo and as a reference's last transform. */
export const CANONICALIZATION_METHODS: ReadonlySet<string> = new Set([
  'http://www.w3.org/2001/10/xml-exc-c14n#',
  'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
])

export const SIGNATURE_METHODS: ReadonlySet<string> = new Set([
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha384',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512',
  'http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1',
  'http://www.w3.org/2007/05/xmldsig-more#sha384-rsa-MGF1',
  'http://www.w3.org/2007/05/xmldsig-more#sha512-rsa-MGF1',
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256',
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384',
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512',
])

export const DIGEST_METHODS: ReadonlySet<string> = new Set([
  'http://www.w3.org/2001/04/xmlenc#sha256',
  'http://www.w3.org/2001/04/xmldsig-more#sha384',
  'http://www.w3.org/2001/04/xmlenc#sha512',
])

/** Node hash names for the CertDigest of XAdES SigningCertificate(V2); SHA-1 allowed, see above. */
export const CERT_DIGEST_HASHES: ReadonlyMap<string, string> = new Map([
  ['http://www.w3.org/2000/09/xmldsig#sha1', 'sha1'],
  ['http://www.w3.org/2001/04/xmlenc#sha256', 'sha256'],
  ['http://www.w3.org/2001/04/xmldsig-more#sha384', 'sha384'],
  ['http://www.w3.org/2001/04/xmlenc#sha512', 'sha512'],
])
