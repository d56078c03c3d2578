import { createReadStream, statSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { randomUUID } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database, Db } from '../db/client.js';
import type { Tx } from '../db/tx.js';
import { DomainError } from '../http/problem.js';
import { createImportedShoppers } from '../identity/index.js';
import { ensureSkusByCode, skuFacts } from '../catalog/index.js';
import { ORDER_IMPORT_COLUMNS, parseHistoryRow, type HistoryRow } from './model.js';
import './errors.js';

/**
 * `mercato import orders FILE.csv[.gz]`: a retailer's order history. Rows are parsed and
 * checked in a stream, the good ones COPYed into a temporary staging table (PostgreSQL; PGlite
 * takes multi-row inserts), then turned into customers, SKUs, orders and lines by a handful of
 * set-based statements in ONE transaction. An order already imported is left as it is, so
 * running the same file again changes nothing.
 */

export interface OrderImportOptions {
  /** The merchant whose history this is: SKUs are matched by its codes, customers by its references. */
  merchantId: string;
  /** The store the orders were placed at, if one. */
  locationId?: string | null;
  onProgress?: (bytesRead: number, rows: number) => void;
}

export interface RejectedHistoryRow { line: number; orderId: string; reasons: string[] }

export interface OrderImportReport {
  rows: number;
  accepted: number;
  rejected: RejectedHistoryRow[];
  ordersImported: number;
  ordersAlreadyImported: number;
  linesImported: number;
  customersCreated: number;
  skusCreated: number;
  seconds: number;
  linesPerSecond: number;
}

const STAGE_COLUMNS = 'line_no, customer_ref, order_ref, ordered_at, sku_code, quantity, unit_price_minor, currency';

/** Escapes a value for COPY's text format. */
function copyText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

function stageLine(line: number, r: HistoryRow): string {
  return `${line}\t${copyText(r.customerRef)}\t${copyText(r.orderRef)}\t${r.orderedAt}\t${copyText(r.skuCode)}\t${r.quantity}\t${r.unitPriceMinor}\t${r.currency}\n`;
}

export function fileSize(path: string): number {
  return statSync(path).size;
}

/** Rows of the file, checked; `rows` counts data rows (the header excluded). */
async function* checkedRows(path: string, onBytes: (n: number) => void): AsyncGenerator<{ line: number; row?: HistoryRow; rejected?: RejectedHistoryRow }> {
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  let bytes = 0;
  file.on('data', (chunk) => { bytes += chunk.length; onBytes(bytes); });
  const source: Readable = path.endsWith('.gz') ? file.pipe(createGunzip()) : file;
  const parser = source.pipe(parse({ relax_column_count: true, skip_empty_lines: true, bom: true, info: true }));
  let header = true;
  for await (const record of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    if (header) {
      header = false;
      const names = record.record.map((f) => f.trim().toLowerCase());
      if (names.join(',') !== ORDER_IMPORT_COLUMNS.join(',')) {
        file.destroy();
        throw new DomainError('insights.import_header_invalid', `The first line must be ${ORDER_IMPORT_COLUMNS.join(',')}; found ${names.join(',')}`);
      }
      continue;
    }
    const line = record.info.lines;
    const checked = parseHistoryRow(record.record);
    if ('row' in checked) yield { line, row: checked.row };
    else yield { line, rejected: { line, orderId: (record.record[1] ?? '').trim(), reasons: checked.reasons } };
  }
}

export async function importOrderHistory(database: Database, path: string, options: OrderImportOptions): Promise<OrderImportReport> {
  const started = performance.now();
  const rejected: RejectedHistoryRow[] = [];
  let rows = 0, accepted = 0, bytesRead = 0;
  const progress = () => options.onProgress?.(bytesRead, rows);
  const rowsOf = () => checkedRows(path, (n) => { bytesRead = n; });

  const finish = async (tx: Tx) => {
    const outcome = await mergeStaged(tx, options, rejected);
    const seconds = (performance.now() - started) / 1000;
    rejected.sort((a, b) => a.line - b.line);
    return { rows, accepted: accepted - outcome.conflicting, rejected, ...outcome.figures, seconds: Math.round(seconds * 1000) / 1000, linesPerSecond: Math.round(rows / Math.max(seconds, 0.001)) };
  };

  if (database.kind === 'postgres') {
    // COPY needs one connection for the whole transaction: take it from the pool.
    const pool = (database.db as unknown as { $client: pg.Pool }).$client;
    const client = await pool.connect();
    try {
      const db = drizzlePg(client) as unknown as Db;
      return await db.transaction(async (txn) => {
        const tx = txn as unknown as Tx;
        await createStaging(tx);
        let tick = 0;
        const encode = new Transform({
          writableObjectMode: true,
          transform(item: { line: number; row?: HistoryRow; rejected?: RejectedHistoryRow }, _enc, done) {
            rows++;
            if (++tick % 20_000 === 0) progress();
            if (item.row) { accepted++; done(null, stageLine(item.line, item.row)); } else { rejected.push(item.rejected!); done(); }
          },
        });
        await pipeline(Readable.from(rowsOf()), encode, client.query(copyFrom(`copy import_stage (${STAGE_COLUMNS}) from stdin`)));
        progress();
        return finish(tx);
      });
    } finally {
      client.release();
    }
  }

  return database.db.transaction(async (txn) => {
    const tx = txn as unknown as Tx;
    await createStaging(tx);
    let batch: Array<Record<string, unknown>> = [];
    const flush = async () => {
      if (!batch.length) return;
      await tx.execute(sql`insert into import_stage (${sql.raw(STAGE_COLUMNS)})
        select * from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as r(line_no int, customer_ref text, order_ref text, ordered_at timestamptz, sku_code text, quantity int, unit_price_minor bigint, currency text)`);
      batch = [];
      progress();
    };
    for await (const item of rowsOf()) {
      rows++;
      if (!item.row) { rejected.push(item.rejected!); continue; }
      accepted++;
      const r = item.row;
      batch.push({ line_no: item.line, customer_ref: r.customerRef, order_ref: r.orderRef, ordered_at: r.orderedAt, sku_code: r.skuCode, quantity: r.quantity, unit_price_minor: r.unitPriceMinor, currency: r.currency });
      if (batch.length >= 5000) await flush();
    }
    await flush();
    return finish(tx);
  });
}

async function createStaging(tx: Tx): Promise<void> {
  await tx.execute(sql`
    create temporary table import_stage (
      line_no int not null, customer_ref text not null, order_ref text not null, ordered_at timestamptz not null,
      sku_code text not null, quantity int not null, unit_price_minor bigint not null, currency text not null
    ) on commit drop`);
}

/**
 * From staged rows to orders, all set-based: lines of one order must agree on customer, time
 * and currency with its first line (the others are rejected); unknown customers and SKUs are
 * created in one statement each; orders not imported before are inserted with their lines.
 */
async function mergeStaged(tx: Tx, options: OrderImportOptions, rejected: RejectedHistoryRow[]) {
  const merchantId = options.merchantId;
  const keyPrefix = `import:${merchantId}:`;
  await tx.execute(sql`analyze import_stage`);
  const { rows: conflicting } = await tx.execute(sql`
    with first as (
      select distinct on (order_ref) order_ref, customer_ref, ordered_at, currency from import_stage order by order_ref, line_no
    )
    delete from import_stage s using first f
    where s.order_ref = f.order_ref and (s.customer_ref <> f.customer_ref or s.ordered_at <> f.ordered_at or s.currency <> f.currency)
    returning s.line_no, s.order_ref, s.customer_ref <> f.customer_ref as other_customer, s.ordered_at <> f.ordered_at as other_time, s.currency <> f.currency as other_currency`);
  for (const c of conflicting) {
    const reasons = [c.other_customer && 'customer_id differs from the order\'s first line', c.other_time && 'ordered_at differs from the order\'s first line', c.other_currency && 'currency differs from the order\'s first line'].filter(Boolean) as string[];
    rejected.push({ line: Number(c.line_no), orderId: String(c.order_ref), reasons });
  }

  // Orders already imported are left alone (idempotent re-run).
  const { rows: [{ n: alreadyImported }] } = await tx.execute(sql`
    with gone as (
      delete from import_stage s where exists (select 1 from insights_orders o where o.order_key = ${keyPrefix} || s.order_ref) returning order_ref
    ) select count(distinct order_ref)::int as n from gone`);

  // Customers: known by reference, else a new shopper profile each.
  const { rows: unknownCustomers } = await tx.execute(sql`
    select distinct s.customer_ref from import_stage s
    where not exists (select 1 from insights_customer_refs r where r.merchant_id = ${merchantId} and r.external_ref = s.customer_ref)`);
  const newShoppers = unknownCustomers.map((r) => ({ id: randomUUID(), ref: String(r.customer_ref) }));
  for (let i = 0; i < newShoppers.length; i += 20_000) {
    const chunk = newShoppers.slice(i, i + 20_000);
    await createImportedShoppers(tx, chunk.map((s) => ({ id: s.id, displayName: `Customer ${s.ref}` })));
    await tx.execute(sql`
      insert into insights_customer_refs (merchant_id, external_ref, account_id)
      select ${merchantId}, c.ref, c.id from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as c(id uuid, ref text)`);
  }

  // SKUs: the merchant's codes; unknown codes become archived catalogue entries.
  const { rows: codes } = await tx.execute(sql`select distinct sku_code from import_stage`);
  const skus = await ensureSkusByCode(tx, merchantId, codes.map((r) => String(r.sku_code)));
  const facts = await skuFacts(tx, [...skus.ids.values()]);
  const categoryOf = new Map(facts.map((f) => [f.skuId, f.categoryId]));
  await tx.execute(sql`create temporary table import_skus (sku_code text primary key, sku_id uuid not null, category_id uuid) on commit drop`);
  const skuRows = [...skus.ids.entries()].map(([code, id]) => ({ code, id, category: categoryOf.get(id) ?? null }));
  for (let i = 0; i < skuRows.length; i += 20_000) {
    await tx.execute(sql`insert into import_skus select code, id, category from jsonb_to_recordset(${JSON.stringify(skuRows.slice(i, i + 20_000))}::jsonb) as k(code text, id uuid, category uuid)`);
  }

  const { rows: [{ n: ordersImported }] } = await tx.execute(sql`
    with inserted as (insert into insights_orders (order_key, source, account_id, channel, location_id, currency, total_minor, status, placed_at)
    select ${keyPrefix} || s.order_ref, 'import', r.account_id, 'import', ${options.locationId ?? null}, min(s.currency), sum(s.quantity * s.unit_price_minor), 'paid', min(s.ordered_at)
    from import_stage s join insights_customer_refs r on r.merchant_id = ${merchantId} and r.external_ref = s.customer_ref
    group by s.order_ref, r.account_id
    returning 1) select count(*)::int as n from inserted`);
  const { rows: [{ n: linesImported }] } = await tx.execute(sql`
    with inserted as (insert into insights_order_lines (order_key, line_no, account_id, placed_at, sku_id, merchant_id, category_id, quantity, unit_price_minor, amount_minor, currency)
    select ${keyPrefix} || s.order_ref, row_number() over (partition by s.order_ref order by s.line_no), r.account_id, s.ordered_at, k.sku_id, ${merchantId}, k.category_id,
      s.quantity, nullif(s.unit_price_minor, 0), s.quantity * s.unit_price_minor, s.currency
    from import_stage s
    join insights_customer_refs r on r.merchant_id = ${merchantId} and r.external_ref = s.customer_ref
    join import_skus k on k.sku_code = s.sku_code
    returning 1) select count(*)::int as n from inserted`);
  return {
    conflicting: conflicting.length,
    figures: {
      ordersImported: Number(ordersImported), ordersAlreadyImported: Number(alreadyImported), linesImported: Number(linesImported),
      customersCreated: newShoppers.length, skusCreated: skus.created,
    },
  };
}
