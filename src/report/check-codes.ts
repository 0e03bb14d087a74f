// The one table of verification check codes: every failure a report can carry, and what it means.

/** A step of the pipeline; each report lists the steps it ran and their outcome. */
export type CheckName =
  | 'input.parse'
  | 'sdjwt.header'
  | 'sdjwt.signature'
  | 'sdjwt.disclosures'
  | 'vc.claims'
  | 'w3c.proof'
  | 'w3c.data_model'
  | 'mdoc.issuer_auth'
  | 'mdoc.digests'
  | 'mdoc.device_auth'
  | 'time.validity'
  | 'kb.binding'
  | 'status.check'
  | 'trust.chain'
  | 'trust.issuer'
  | 'trust.authorisation'
  | 'recognition.rule'

export const checkCodes = {
  'input.malformed': [
    'input.parse',
    'The input is not a well-formed credential of the detected format.',
  ],
  'input.too_large': ['input.parse', 'The input exceeds a configured size or count limit.'],
  'input.format_unknown': ['input.parse', 'The input is not in a format Kakehashi verifies.'],
  'input.nonce_required': [
    'kb.binding',
    'The presentation carries key binding but no expected nonce was supplied.',
  ],
  'input.aud_required': [
    'kb.binding',
    'The presentation carries key binding but no expected audience was supplied.',
  ],
  'sdjwt.malformed': [
    'input.parse',
    'The SD-JWT is not `<JWT>~<disclosure>~…~[<KB-JWT>]`, or its JWT is not a JWS.',
  ],
  'sdjwt.alg_not_allowed': [
    'sdjwt.header',
    'The issuer JWT `alg` is not in the allowed list (`none` and MAC algorithms never are).',
  ],
  'sdjwt.typ_invalid': [
    'sdjwt.header',
    'The issuer JWT `typ` is neither `dc+sd-jwt` nor the legacy `vc+sd-jwt`.',
  ],
  'sdjwt.crit_unsupported': [
    'sdjwt.header',
    'The issuer JWT marks a header parameter critical that Kakehashi does not understand.',
  ],
  'sdjwt.signature_invalid': [
    'sdjwt.signature',
    'The issuer signature does not verify with the key of the first `x5c` certificate.',
  ],
  'sdjwt.sd_alg_unsupported': [
    'sdjwt.disclosures',
    '`_sd_alg` names a hash algorithm that is not supported.',
  ],
  'sdjwt.disclosure_malformed': [
    'sdjwt.disclosures',
    'A disclosure is not base64url JSON of the form [salt, name, value] or [salt, value].',
  ],
  'sdjwt.disclosure_mismatch': [
    'sdjwt.disclosures',
    'A disclosure is not referenced by any digest in the issuer-signed JWT or in another disclosure.',
  ],
  'sdjwt.disclosure_duplicate': [
    'sdjwt.disclosures',
    'The same disclosure is presented more than once.',
  ],
  'sdjwt.digest_duplicate': [
    'sdjwt.disclosures',
    'A digest appears more than once in the payload and disclosures.',
  ],
  'sdjwt.disclosure_shape': [
    'sdjwt.disclosures',
    'An object disclosure is referenced from an array (`...`) or an array-element disclosure from `_sd`.',
  ],
  'sdjwt.digest_malformed': [
    'sdjwt.disclosures',
    'An `_sd` member is not an array of digest strings, or an array element with a `...` key is not `{"...": digest}`.',
  ],
  'sdjwt.claim_collision': [
    'sdjwt.disclosures',
    'A disclosed claim name already exists at that level of the object.',
  ],
  'sdjwt.reserved_claim': [
    'sdjwt.disclosures',
    'A disclosure uses the reserved claim name `_sd` or `...`.',
  ],
  'mdoc.malformed': [
    'input.parse',
    'The input is CBOR but not the ISO/IEC 18013-5 DeviceResponse (or IssuerSigned) structure, or not well-formed CBOR (truncated, duplicate map keys, trailing bytes, a tag no credential format uses).',
  ],
  'mdoc.version_unsupported': ['input.parse', 'The DeviceResponse `version` is not 1.x.'],
  'mdoc.response_status': [
    'input.parse',
    'The DeviceResponse `status` is not 0 (OK): the device reports an error instead of documents.',
  ],
  'mdoc.document_missing': [
    'input.parse',
    'The DeviceResponse holds no document, or none of the requested docType.',
  ],
  'mdoc.document_ambiguous': [
    'input.parse',
    'The DeviceResponse holds several documents and none was chosen by docType.',
  ],
  'mdoc.issuer_auth_malformed': [
    'mdoc.issuer_auth',
    '`issuerAuth` is not a COSE_Sign1 with a protected `alg` and an attached payload.',
  ],
  'mdoc.alg_not_allowed': [
    'mdoc.issuer_auth',
    'The issuerAuth or deviceSignature algorithm is not in the allowed list.',
  ],
  'mdoc.signer_certificate_missing': [
    'mdoc.issuer_auth',
    '`issuerAuth` carries no `x5chain`, so there is no document signer certificate.',
  ],
  'mdoc.issuer_signature_invalid': [
    'mdoc.issuer_auth',
    'The issuerAuth signature does not verify with the key of the document signer certificate (the first `x5chain` certificate).',
  ],
  'mdoc.mso_malformed': [
    'mdoc.issuer_auth',
    'The signed payload is not a MobileSecurityObject (tag-24 wrapped, with version, digestAlgorithm, valueDigests, deviceKeyInfo, docType, validityInfo).',
  ],
  'mdoc.doctype_mismatch': [
    'mdoc.issuer_auth',
    "The document's `docType` differs from the docType its MSO signs.",
  ],
  'mdoc.digest_algorithm_unsupported': [
    'mdoc.digests',
    'The MSO `digestAlgorithm` is not SHA-256, SHA-384 or SHA-512.',
  ],
  'mdoc.digest_mismatch': [
    'mdoc.digests',
    "A returned data element's digest differs from the MSO's value digest for it: the element was altered.",
  ],
  'mdoc.digest_missing': [
    'mdoc.digests',
    "A returned data element's namespace and DigestID have no value digest in the MSO.",
  ],
  'mdoc.element_duplicate': [
    'mdoc.digests',
    'The same DigestID or element identifier is returned twice in one namespace.',
  ],
  'mdoc.validity_invalid': [
    'time.validity',
    'The MSO `validityInfo` is inconsistent (validUntil before validFrom, or signed after validUntil).',
  ],
  'mdoc.signed_outside_certificate': [
    'time.validity',
    "The MSO `signed` date lies outside the document signer certificate's validity (ISO/IEC 18013-5 §9.3.1).",
  ],
  'mdoc.not_yet_valid': [
    'time.validity',
    'The MSO `validFrom` lies in the future beyond the allowed clock skew.',
  ],
  'mdoc.expired': [
    'time.validity',
    'The MSO `validUntil` lies in the past beyond the allowed clock skew.',
  ],
  'mdoc.device_auth_missing': [
    'mdoc.device_auth',
    'The document has no `deviceSigned` part, so nothing proves the holder presented it.',
  ],
  'mdoc.session_transcript_required': [
    'mdoc.device_auth',
    'The document is device-authenticated, but the verifier supplied no session transcript to check it against.',
  ],
  'mdoc.session_transcript_invalid': [
    'mdoc.device_auth',
    'The session transcript supplied is not a CBOR SessionTranscript (an array of three).',
  ],
  'mdoc.device_key_invalid': [
    'mdoc.device_auth',
    'The MSO `deviceKey` is not a supported COSE_Key (EC2 P-256/384/521 or OKP Ed25519).',
  ],
  'mdoc.device_element_unauthorised': [
    'mdoc.device_auth',
    'The device signed data elements that the MSO `keyAuthorizations` do not allow its key to sign.',
  ],
  'mdoc.reader_key_required': [
    'mdoc.device_auth',
    'The device authenticated with a MAC, and no reader ephemeral private key was supplied to derive the MAC key.',
  ],
  'mdoc.device_auth_invalid': [
    'mdoc.device_auth',
    'The deviceSignature or deviceMac does not verify over DeviceAuthentication for this session transcript with the MSO device key.',
  ],
  'vc.vct_missing': ['vc.claims', 'The SD-JWT VC has no `vct` string claim.'],
  'vc.iss_missing': [
    'vc.claims',
    'The SD-JWT VC has no `iss` claim, so its issuer cannot be established.',
  ],
  'vc.claim_not_disclosable': [
    'vc.claims',
    'A claim that SD-JWT VC forbids to be selectively disclosed (`iss`, `vct`, `cnf`, `status`, …) was.',
  ],
  'vc.iss_mismatch': [
    'trust.issuer',
    '`iss` matches no subjectAltName (URI or DNS) of the issuer certificate.',
  ],
  'w3c.proof_missing': ['w3c.proof', 'The document carries no Data Integrity `proof`.'],
  'w3c.proof_malformed': [
    'w3c.proof',
    'A `proof` lacks a member its type requires, or one is of the wrong form.',
  ],
  'w3c.proof_type_unsupported': [
    'w3c.proof',
    'The proof is not a `DataIntegrityProof` (legacy suites such as `Ed25519Signature2020` are not verified).',
  ],
  'w3c.cryptosuite_unsupported': [
    'w3c.proof',
    'The proof names a cryptosuite outside eddsa-rdfc-2022, eddsa-jcs-2022, ecdsa-rdfc-2019, ecdsa-jcs-2019, or one not allowed.',
  ],
  'w3c.proof_invalid': [
    'w3c.proof',
    'The proof’s signature does not verify over the canonical document and proof configuration.',
  ],
  'w3c.proof_purpose_mismatch': [
    'w3c.proof',
    'The proof’s `proofPurpose` is not the one expected (assertionMethod for a credential, authentication for a presentation).',
  ],
  'w3c.verification_method_unresolvable': [
    'w3c.proof',
    'The verification method cannot be resolved (unknown or disabled DID method, no such key, unreachable document).',
  ],
  'w3c.verification_method_not_authorised': [
    'w3c.proof',
    'The controller document does not list the verification method under the proof’s purpose.',
  ],
  'w3c.verification_method_unsuitable': [
    'w3c.proof',
    'The verification method’s key is not of the kind the cryptosuite signs with.',
  ],
  'w3c.challenge_mismatch': [
    'w3c.proof',
    'The presentation proof’s `challenge` is not the verifier’s nonce.',
  ],
  'w3c.domain_mismatch': ['w3c.proof', 'The presentation proof’s `domain` is not the verifier’s.'],
  'w3c.proof_expired': ['w3c.proof', 'The proof’s `expires` time has passed.'],
  'w3c.proof_not_yet_valid': ['w3c.proof', 'The proof’s `created` time lies in the future.'],
  'w3c.proof_chain_invalid': [
    'w3c.proof',
    'A `previousProof` names no proof of the document, or the chain does not verify.',
  ],
  'w3c.proof_limit_exceeded': [
    'w3c.proof',
    'The document carries more proofs than the configured limit.',
  ],
  'w3c.jsonld_invalid': [
    'w3c.proof',
    'JSON-LD processing failed in safe mode: an undefined term, a dropped property or an invalid construct.',
  ],
  'w3c.context_unknown': [
    'w3c.proof',
    'A `@context` is neither bundled nor added by the operator; contexts are never fetched.',
  ],
  'w3c.context_digest_mismatch': [
    'w3c.proof',
    'A context’s content does not match the digest it is pinned by.',
  ],
  'w3c.context_too_large': ['w3c.proof', 'A context document exceeds the configured size limit.'],
  'w3c.context_limit_exceeded': [
    'w3c.proof',
    'The document names more contexts than the configured limit.',
  ],
  'w3c.context_invalid': ['w3c.proof', '`@context` is not a URL, an object or a list of them.'],
  'w3c.input_too_large': [
    'input.parse',
    'The secured credential or presentation exceeds the configured size.',
  ],
  'w3c.jose_malformed': [
    'w3c.proof',
    'The input is not a compact JWS with a JSON header and payload.',
  ],
  'w3c.cose_malformed': [
    'w3c.proof',
    'The input is not a COSE_Sign1 whose payload is a JSON credential.',
  ],
  'w3c.alg_not_allowed': [
    'w3c.proof',
    'The JOSE or COSE algorithm is `none`, a MAC, or outside the allow-list.',
  ],
  'w3c.crit_unsupported': [
    'w3c.proof',
    'The header marks as critical a parameter this verifier does not process.',
  ],
  'w3c.typ_invalid': [
    'w3c.proof',
    'The `typ` or content type is not that of a VC-JOSE-COSE or VC 1.1 JWT credential or presentation.',
  ],
  'w3c.signature_invalid': [
    'w3c.proof',
    'The JOSE or COSE signature does not verify with the issuer’s key.',
  ],
  'w3c.key_unresolvable': [
    'w3c.proof',
    'The `kid` names no key that can be resolved, and no `jwk` or `x5c` is given.',
  ],
  'w3c.key_invalid': [
    'w3c.proof',
    'The key named by the header is not a usable public key for the algorithm.',
  ],
  'w3c.jwk_private': ['w3c.proof', 'The `jwk` header carries private key members.'],
  'w3c.key_not_issuer': [
    'w3c.proof',
    'The signing key is controlled by someone other than the credential’s issuer.',
  ],
  'w3c.key_not_holder': [
    'w3c.proof',
    'The presentation is signed by a key its holder does not control.',
  ],
  'w3c.key_not_authorised': [
    'w3c.proof',
    'The controller document does not list the signing key for assertion (or authentication, for a presentation).',
  ],
  'w3c.document_invalid': [
    'w3c.proof',
    'The secured payload is not a credential or presentation of the kind its media type announces.',
  ],
  'w3c.claims_forbidden': [
    'w3c.proof',
    'The payload carries a member the securing mechanism forbids (an embedded `proof` in a VC-JOSE payload, say).',
  ],
  'w3c.jwt_claims_mismatch': [
    'w3c.proof',
    'A VC 1.1 JWT claim (`iss`, `sub`, `jti`, `nbf`, `exp`) contradicts the credential it carries.',
  ],
  'w3c.time_claim_invalid': ['time.validity', 'A JWT time claim is not a NumericDate.'],
  'w3c.nonce_required': [
    'kb.binding',
    'A presentation was submitted without the verifier’s nonce, or is bound to a nonce and none was supplied.',
  ],
  'w3c.nonce_mismatch': ['kb.binding', 'The presentation’s nonce is not the verifier’s.'],
  'w3c.aud_required': [
    'kb.binding',
    'The presentation names an audience but no expected audience was supplied.',
  ],
  'w3c.aud_mismatch': ['kb.binding', 'The presentation’s audience is not the verifier.'],
  'w3c.enveloped_invalid': [
    'w3c.proof',
    'A credential enveloped in the presentation does not verify.',
  ],
  'w3c.enveloped_unsupported': [
    'w3c.proof',
    'An enveloped credential has a media type this verifier does not verify.',
  ],
  'w3c.limit_exceeded': [
    'input.parse',
    'A count or depth limit of the JOSE/COSE verifier is exceeded (enveloped credentials, nesting, `x5c`).',
  ],
  'w3c.data_model_invalid': [
    'w3c.data_model',
    'The credential breaks a VC Data Model rule: first `@context`, `type`, `issuer`, `credentialSubject` or a date.',
  ],
  'w3c.expired': [
    'time.validity',
    'The credential’s `validUntil` (`expirationDate` in VCDM 1.1, `exp` in a JWT) has passed.',
  ],
  'w3c.not_yet_valid': [
    'time.validity',
    'The credential’s `validFrom` (`issuanceDate` in VCDM 1.1, `nbf` in a JWT) lies in the future.',
  ],
  'w3c.presentation_unsupported': [
    'w3c.proof',
    'A presentation where a credential is expected (a status list), or a Data Integrity presentation whose credential is not embedded with its own proof.',
  ],
  'w3c.presentation_credential_count': [
    'w3c.data_model',
    'The presentation does not carry exactly one credential; each credential is presented on its own.',
  ],
  'w3c.open_badge_schema_invalid': [
    'w3c.data_model',
    'An Open Badges 3.0 credential does not conform to the schema of its class (the violations are listed by JSON Pointer).',
  ],
  'w3c.holder_not_subject': [
    'kb.binding',
    'The holder who signed the presentation is not the subject the credential names.',
  ],
  'time.not_yet_valid': [
    'time.validity',
    '`nbf` (or `iat`) lies in the future beyond the allowed clock skew.',
  ],
  'time.expired': ['time.validity', '`exp` lies in the past beyond the allowed clock skew.'],
  'time.claim_invalid': ['time.validity', '`iat`, `nbf` or `exp` is present but not a number.'],
  'kb.missing': [
    'kb.binding',
    'The credential has a `cnf` key but the presentation carries no Key Binding JWT.',
  ],
  'kb.unexpected': [
    'kb.binding',
    'A Key Binding JWT is present but the credential binds no key (`cnf`).',
  ],
  'kb.cnf_unsupported': ['kb.binding', '`cnf` does not hold a usable public `jwk`.'],
  'kb.malformed': ['kb.binding', 'The Key Binding JWT is not a compact JWS with a JSON payload.'],
  'kb.typ_invalid': ['kb.binding', 'The Key Binding JWT `typ` is not `kb+jwt`.'],
  'kb.alg_not_allowed': ['kb.binding', 'The Key Binding JWT `alg` is not in the allowed list.'],
  'kb.signature_invalid': ['kb.binding', 'The Key Binding JWT does not verify with the `cnf` key.'],
  'kb.sd_hash_mismatch': ['kb.binding', '`sd_hash` is not the digest of the presented SD-JWT.'],
  'kb.nonce_mismatch': [
    'kb.binding',
    'The Key Binding JWT `nonce` is not the one the verifier expected.',
  ],
  'kb.aud_mismatch': ['kb.binding', 'The Key Binding JWT `aud` is not the verifier expected.'],
  'kb.iat_invalid': [
    'kb.binding',
    'The Key Binding JWT `iat` is missing, in the future, or older than the allowed window.',
  ],
  'kb.time_invalid': [
    'kb.binding',
    'The Key Binding JWT carries `nbf` or `exp` that exclude the current time, or that are not numbers.',
  ],
  'status.invalid': ['status.check', 'The status list marks the credential invalid (revoked).'],
  'status.suspended': ['status.check', 'The status list marks the credential suspended.'],
  'status.unknown_value': [
    'status.check',
    'The status list holds a value Kakehashi does not interpret as valid.',
  ],
  'status.reference_invalid': [
    'status.check',
    'The `status.status_list` claim is not `{idx, uri}` with a non-negative integer and an https URI.',
  ],
  'status.unavailable': [
    'status.check',
    'The status list could not be fetched (refused, timed out, too large); the credential is not accepted without it.',
  ],
  'status.list_invalid': [
    'status.check',
    'The status list token is malformed, wrongly typed, for another `sub`, expired, or its `lst` does not decode.',
  ],
  'status.list_signature_invalid': [
    'status.check',
    "The status list token signature does not verify, or its signer is not the credential issuer's trust chain.",
  ],
  'status.index_out_of_range': [
    'status.check',
    "The credential's index lies past the end of the status list.",
  ],
  'status.type_unsupported': [
    'status.check',
    'A `credentialStatus` entry has a `type` or `statusPurpose` Kakehashi does not interpret, so the status cannot be learned.',
  ],
  'status.list_too_short': [
    'status.check',
    'The Bitstring Status List holds fewer than 131,072 entries of the entry’s `statusSize` (STATUS_LIST_LENGTH_ERROR).',
  ],
  'status.purpose_mismatch': [
    'status.check',
    'The status list credential’s `statusPurpose` does not include the entry’s (STATUS_VERIFICATION_ERROR).',
  ],
  'status.list_issuer_mismatch': [
    'status.check',
    'The status list credential was issued by someone other than the credential’s issuer.',
  ],
  'trust.key_unresolved': [
    'trust.chain',
    'The issuer key cannot be resolved to a certificate (no `x5c`); other key-resolution methods are not enabled.',
  ],
  'trust.chain_invalid': [
    'trust.chain',
    'The `x5c` chain is malformed, broken, or violates RFC 5280 path rules.',
  ],
  'trust.issuer_unknown': [
    'trust.chain',
    "The issuer's DID or key is not a registry identity, so no trusted entity stands behind it.",
  ],
  'trust.anchor_unknown': [
    'trust.chain',
    'The chain ends in no trust anchor held in the registry.',
  ],
  'trust.cert_expired': [
    'trust.chain',
    'A certificate of the chain is outside its validity period.',
  ],
  'trust.not_authorised': [
    'trust.authorisation',
    "The anchor's entity holds no issuer authorisation for this credential type.",
  ],
  'trust.authorisation_inactive': [
    'trust.authorisation',
    'The issuer authorisation is suspended, withdrawn, not yet valid or expired.',
  ],
  'trust.source_stale': [
    'trust.authorisation',
    'The issuer authorisation comes from a source past its next-update date, and policy (`KAKEHASHI_STALE_SOURCES`) refuses stale sources.',
  ],
  'recognition.framework_unknown': [
    'recognition.rule',
    "The relying party's framework is not in the registry.",
  ],
  'recognition.none': [
    'recognition.rule',
    "No valid rule lets the relying party's framework recognise the issuer's for this credential type.",
  ],
  'recognition.source_stale': [
    'recognition.rule',
    "The rule that would recognise the issuer's framework comes from a source past its next-update date, and policy (`KAKEHASHI_STALE_SOURCES`) refuses stale sources.",
  ],
  'recognition.level_unmapped': [
    'recognition.rule',
    "A rule exists, but it maps no level for the issuer's assurance level.",
  ],
  'recognition.level_below_minimum': [
    'recognition.rule',
    "A rule exists, but the issuer's assurance level is below the rule's minimum (or not one its framework lists).",
  ],
} as const satisfies Record<string, readonly [CheckName, string]>

export type CheckCode = keyof typeof checkCodes

export const isCheckCode = (code: string): code is CheckCode => Object.hasOwn(checkCodes, code)
