// Size checks on text without encoding it when the answer is already known from its length.

/** UTF-8 byte length of `text`; a UTF-16 code unit takes 1 to 3 bytes, so short and long texts need no count. */
export function utf8LengthExceeds(text: string, maxBytes: number): boolean {
  if (text.length > maxBytes) return true
  if (text.length * 3 <= maxBytes) return false
  return Buffer.byteLength(text, 'utf8') > maxBytes
}
