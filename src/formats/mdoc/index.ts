// ISO/IEC 18013-5 mdoc: DeviceResponse parsing and issuer and device authentication.
export { decodeMdocInput } from './decode-mdoc-input.ts'
export { deviceAuthenticationBytes } from './device-authentication.ts'
export { describeElement, profileFor } from './profiles/index.ts'
export {
  encodeSessionTranscript,
  type SessionTranscriptInput,
  sessionTranscriptBytes,
  sessionTranscriptTypes,
} from './session-transcript.ts'
export type { MdocElement, MdocVerification, VerifyMdocOptions } from './types.ts'
export { verifyMdoc } from './verify-mdoc.ts'
