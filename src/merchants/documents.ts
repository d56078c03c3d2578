/** Onboarding documents: what is accepted, decided from the bytes, not the client's claim. */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

const SIGNATURES: Array<{ type: 'application/pdf' | 'image/png' | 'image/jpeg'; magic: number[] }> = [
  { type: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
];

export function sniffDocumentType(content: Uint8Array): 'application/pdf' | 'image/png' | 'image/jpeg' | null {
  for (const { type, magic } of SIGNATURES) {
    if (content.length >= magic.length && magic.every((byte, i) => content[i] === byte)) return type;
  }
  return null;
}
