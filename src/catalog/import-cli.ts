import { createReadStream, writeFileSync } from 'node:fs';
import type { RejectedRow } from './import.js';

export { importCatalogFile } from './import.js';

/** Data rows in a CSV file (lines minus the header), for the progress bar's total. */
export async function countDataRows(path: string): Promise<number> {
  let lines = 0;
  let last = 10;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (const byte of chunk) if (byte === 10) lines++;
    last = chunk[chunk.length - 1] ?? last;
  }
  if (last !== 10) lines++;
  return Math.max(0, lines - 1);
}

const quote = (value: string | number) => `"${String(value).replaceAll('"', '""')}"`;

export function writeRejectedReport(path: string, rejected: RejectedRow[]): void {
  const lines = [['line', 'sku_code', 'reasons'], ...rejected.map((r) => [r.line, r.skuCode, r.reasons.join('; ')])];
  writeFileSync(path, lines.map((cells) => cells.map(quote).join(',')).join('\n') + '\n');
}
