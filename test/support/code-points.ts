// The code points of a text, in hex: what a test of line ends and separators compares.

export const codePoints = (text: string | null | undefined): string[] =>
  [...(text ?? '')].map((c) => (c.codePointAt(0) as number).toString(16))
