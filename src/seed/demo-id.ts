import { createHash } from 'node:crypto';

/** A stable UUID for a demo entity, so the same seed always gives the same ids. */
export function demoId(name: string): string {
  const bytes = createHash('sha256').update(`mercato-demo:${name}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50; // version 5-style (name-based)
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const DEMO_PASSWORD = 'mercato-demo-2026';
