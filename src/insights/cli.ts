import { createWriteStream, writeFileSync } from 'node:fs';
import { createGzip } from 'node:zlib';
import { once } from 'node:events';
import type { Database } from '../db/client.js';
import { importOrderHistory, fileSize, type OrderImportReport, type RejectedHistoryRow } from './import.js';
import { trainRecommender, evaluateRecommender } from './recs.js';
import { syntheticHistory, csvLine, CSV_HEADER, type HistoryShape } from './synthetic.js';
import { toCsv } from './model.js';

/** `mercato import orders FILE.csv[.gz]` with a progress bar over the bytes read. */
export async function importOrdersCommand(database: Database, file: string, options: { merchant: string; store?: string; rejected?: string; progress: boolean }): Promise<OrderImportReport> {
  const { SingleBar, Presets } = (await import('cli-progress')).default;
  const total = fileSize(file);
  const bar = options.progress ? new SingleBar({ format: 'importing {bar} {percentage}% | {rows} rows | {eta_formatted} left', hideCursor: true }, Presets.shades_classic) : null;
  bar?.start(total, 0, { rows: 0 });
  const report = await importOrderHistory(database, file, {
    merchantId: options.merchant, locationId: options.store ?? null,
    onProgress: (bytes, rows) => bar?.update(bytes, { rows }),
  });
  bar?.update(total, { rows: report.rows });
  bar?.stop();
  if (options.rejected) writeRejected(options.rejected, report.rejected);
  for (const r of report.rejected.slice(0, 20)) console.log(`line ${r.line} (order ${r.orderId || '?'}): ${r.reasons.join('; ')}`);
  if (report.rejected.length > 20) console.log(`… and ${report.rejected.length - 20} more rejected rows${options.rejected ? ` (all in ${options.rejected})` : ''}`);
  return report;
}

export function writeRejected(path: string, rows: RejectedHistoryRow[]): void {
  writeFileSync(path, toCsv(rows.map((r) => ({ line: r.line, order_id: r.orderId, reasons: r.reasons.join('; ') })), ['line', 'order_id', 'reasons']));
}

export async function trainCommand(database: Database, asOf?: string) {
  return trainRecommender(database.db, asOf ? new Date(asOf) : new Date());
}

export async function evaluateCommand(database: Database, asOf?: string, maxCustomers?: number) {
  return evaluateRecommender(database.db, asOf ? new Date(asOf) : new Date(), { maxCustomers });
}

/** Writes a seeded synthetic history (gzip when the name ends in .gz); returns the lines written. */
export async function generateHistory(path: string, shape: HistoryShape, lines: number, seed: number): Promise<number> {
  const file = createWriteStream(path);
  const out = path.endsWith('.gz') ? createGzip() : null;
  out?.pipe(file);
  const sink = out ?? file;
  let n = 0;
  let chunk = CSV_HEADER;
  for (const row of syntheticHistory({ shape, targetLines: lines, seed })) {
    chunk += csvLine(row);
    n++;
    if (chunk.length > 1 << 16) { if (!sink.write(chunk)) await once(sink, 'drain'); chunk = ''; }
  }
  sink.end(chunk);
  await once(file, 'finish');
  return n;
}
