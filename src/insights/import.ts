import { createReadStream, statSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { randomUUID } from 'node:crypto';
import { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse as parseSync } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database, Db } from '../db/client.js';
import type { Tx } from '../db/tx.js';
import { DomainError } from '../http/problem.js';
import { createImportedShoppers } from '../identity/index.js';
import { ensureSkusByCode, skuFacts } from '../catalog/index.js';
import { ORDER_IMPORT_COLUMNS, parseHistoryRow } from './model.js';
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
  /** Seconds per step: reading and staging the file, then each set-based step. */
  phases: Record<string, number>;
}


/** Escapes a value for COPY's text format. */
function copyText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

export function fileSize(path: string): number {
  return statSync(path).size;
}

/** An order as its lines arrive: the first line fixes customer, time and currency. */
interface StagedOrder { ref: string; customerRef: string; orderedAt: string; currency: string; totalMinor: number; lines: number; firstLine: number }
interface StagedLine { orderRef: string; lineNo: number; skuCode: string; quantity: number; unitPriceMinor: number }
type Batch = StagedLine[];
const BATCH = 4000;

/**
 * Splits CSV text into records. Unquoted lines (nearly all of an export) are split on commas
 * directly; a line with quotes, or a quoted field running over several lines, goes through
 * csv-parse. Reports each record with its first line's number.
 */
function csvRecords(onRecord: (fields: string[], line: number) => void, drain: (end: boolean) => unknown[]): Transform {
  let rest = '';
  let lineNo = 0;
  let pending: { text: string; line: number } | null = null;
  const take = (text: string) => {
    lineNo++;
    if (pending) {
      pending.text += `\n${text}`;
      if ((pending.text.split('"').length - 1) % 2 === 0) { onRecord(parseQuoted(pending.text), pending.line); pending = null; }
      return;
    }
    const line = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (line === '') return;
    if (!line.includes('"')) { onRecord(line.split(','), lineNo); return; }
    if ((line.split('"').length - 1) % 2 === 1) { pending = { text: line, line: lineNo }; return; }
    onRecord(parseQuoted(line), lineNo);
  };
  let first = true;
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _enc, done) {
      let text = rest + chunk.toString('utf8');
      if (first) { first = false; if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); }
      let start = 0;
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', start)) {
        try { take(text.slice(start, i)); } catch (error) { return done(error as Error); }
        start = i + 1;
      }
      rest = text.slice(start);
      for (const out of drain(false)) this.push(out);
      done();
    },
    flush(done) {
      try {
        if (rest) take(rest);
        if (pending) { onRecord(parseQuoted(pending.text), pending.line); pending = null; }
        for (const out of drain(true)) this.push(out);
        done();
      } catch (error) { done(error as Error); }
    },
  });
}

function parseQuoted(text: string): string[] {
  try {
    return (parseSync(text, { relax_column_count: true, relax_quotes: true }) as string[][])[0] ?? [];
  } catch {
    return [text];
  }
}

/**
 * The file (gunzipped when it ends in .gz), checked row by row, as batches of good lines. The
 * orders are gathered here too (one entry per order, not per line), so the database only sums
 * nothing: a line that disagrees with its order's first line is rejected on the spot.
 */
function stagedBatches(path: string, counters: { bytes: number; rows: number; accepted: number }, orders: Map<string, StagedOrder>, onRejected: (r: RejectedHistoryRow) => void) {
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  file.on('data', (chunk) => { counters.bytes += chunk.length; });
  let header = true;
  let batch: Batch = [];
  const full: Batch[] = [];
  const splitter = csvRecords((fields, line) => {
    if (header) {
      header = false;
      const names = fields.map((f) => f.trim().toLowerCase());
      if (names.join(',') !== ORDER_IMPORT_COLUMNS.join(',')) {
        throw new DomainError('insights.import_header_invalid', `The first line must be ${ORDER_IMPORT_COLUMNS.join(',')}; found ${names.join(',')}`);
      }
      return;
    }
    counters.rows++;
    const checked = parseHistoryRow(fields);
    if (!('row' in checked)) { onRejected({ line, orderId: (fields[1] ?? '').trim(), reasons: checked.reasons }); return; }
    const r = checked.row;
    let order = orders.get(r.orderRef);
    if (!order) {
      order = { ref: r.orderRef, customerRef: r.customerRef, orderedAt: r.orderedAt, currency: r.currency, totalMinor: 0, lines: 0, firstLine: line };
      orders.set(r.orderRef, order);
    } else {
      const reasons = [
        order.customerRef !== r.customerRef && 'customer_id differs from the order\'s first line',
        order.orderedAt !== r.orderedAt && 'ordered_at differs from the order\'s first line',
        order.currency !== r.currency && 'currency differs from the order\'s first line',
      ].filter((x): x is string => Boolean(x));
      if (reasons.length) { onRejected({ line, orderId: r.orderRef, reasons }); return; }
    }
    order.lines++;
    order.totalMinor += r.quantity * r.unitPriceMinor;
    counters.accepted++;
    batch.push({ orderRef: r.orderRef, lineNo: order.lines, skuCode: r.skuCode, quantity: r.quantity, unitPriceMinor: r.unitPriceMinor });
    if (batch.length >= BATCH) { full.push(batch); batch = []; }
  }, (end) => {
    if (end && batch.length) { full.push(batch); batch = []; }
    return full.splice(0);
  });
  return path.endsWith('.gz') ? [file, createGunzip(), splitter] : [file, splitter];
}

function linesAsCopy(batch: Batch): string {
  let text = '';
  for (const l of batch) text += `${copyText(l.orderRef)}\t${l.lineNo}\t${copyText(l.skuCode)}\t${l.quantity}\t${l.unitPriceMinor}\n`;
  return text;
}

function ordersAsCopy(orders: Iterable<StagedOrder>): string {
  let text = '';
  for (const o of orders) text += `${copyText(o.ref)}\t${copyText(o.customerRef)}\t${o.orderedAt}\t${o.currency}\t${o.totalMinor}\n`;
  return text;
}

export async function importOrderHistory(database: Database, path: string, options: OrderImportOptions): Promise<OrderImportReport> {
  const started = performance.now();
  const rejected: RejectedHistoryRow[] = [];
  const counters = { bytes: 0, rows: 0, accepted: 0 };
  const orders = new Map<string, StagedOrder>();
  const progress = () => options.onProgress?.(counters.bytes, counters.rows);
  const phases: Record<string, number> = {};
  let mark = performance.now();
  const phase = (name: string) => { const t = performance.now(); phases[name] = Math.round(t - mark) / 1000; mark = t; };
  const stages = () => stagedBatches(path, counters, orders, (r) => rejected.push(r));
  const finish = async (tx: Tx) => {
    phase('readAndStage');
    const figures = await mergeStaged(tx, options, phase);
    const seconds = (performance.now() - started) / 1000;
    rejected.sort((a, b) => a.line - b.line);
    return { rows: counters.rows, accepted: counters.accepted, rejected, ...figures, seconds: Math.round(seconds * 1000) / 1000, linesPerSecond: Math.round(counters.rows / Math.max(seconds, 0.001)), phases };
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
        // Batches become COPY text in large chunks: one socket write per few thousand lines.
        const encode = new Transform({ writableObjectMode: true, transform(batch: Batch, _enc, done) { progress(); done(null, linesAsCopy(batch)); } });
        await pipeline([...stages(), encode, client.query(copyFrom('copy import_lines (order_ref, line_no, sku_code, quantity, unit_price_minor) from stdin'))] as never);
        const orderCopy = client.query(copyFrom('copy import_orders (order_ref, customer_ref, ordered_at, currency, total_minor) from stdin'));
        await pipeline(Readable.from([ordersAsCopy(orders.values())]), orderCopy);
        progress();
        return finish(tx);
      });
    } finally {
      client.release();
    }
  }

  // PGlite: the same staging through multi-row inserts (it has no COPY FROM STDIN through Drizzle).
  return database.db.transaction(async (txn) => {
    const tx = txn as unknown as Tx;
    await createStaging(tx);
    const insert = new Writable({
      objectMode: true,
      write(batch: Batch, _enc, done) {
        progress();
        tx.execute(sql`insert into import_lines select * from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb)
          as r("orderRef" text, "lineNo" int, "skuCode" text, quantity int, "unitPriceMinor" bigint)`).then(() => done(), done);
      },
    });
    await pipeline([...stages(), insert] as never);
    const all = [...orders.values()];
    for (let i = 0; i < all.length; i += BATCH) {
      await tx.execute(sql`insert into import_orders select ref, "customerRef", "orderedAt", currency, "totalMinor" from jsonb_to_recordset(${JSON.stringify(all.slice(i, i + BATCH))}::jsonb)
        as r(ref text, "customerRef" text, "orderedAt" timestamptz, currency text, "totalMinor" bigint)`);
    }
    return finish(tx);
  });
}

async function createStaging(tx: Tx): Promise<void> {
  await tx.execute(sql`
    create temporary table import_lines (order_ref text not null, line_no int not null, sku_code text not null, quantity int not null, unit_price_minor bigint not null) on commit drop`);
  await tx.execute(sql`
    create temporary table import_orders (order_ref text primary key, customer_ref text not null, ordered_at timestamptz not null, currency text not null, total_minor bigint not null) on commit drop`);
}

/**
 * From staged orders and lines to the analytical tables, set-based: orders imported before are
 * left alone (idempotent re-run); unknown customers and SKUs are created in one statement each;
 * the rest is inserted with their lines.
 */
async function mergeStaged(tx: Tx, options: OrderImportOptions, phase: (name: string) => void) {
  const merchantId = options.merchantId;
  const keyPrefix = `import:${merchantId}:`;
  // The merge hashes the whole file: in memory, not in temporary files.
  await tx.execute(sql`set local work_mem = '256MB'`);
  await tx.execute(sql`analyze import_orders`);
  const { rows: [{ n: alreadyImported }] } = await tx.execute(sql`
    with gone as (delete from import_orders s where exists (select 1 from insights_orders o where o.order_key = ${keyPrefix} || s.order_ref) returning 1)
    select count(*)::int as n from gone`);
  phase('skipImported');

  // Customers: known by reference, else a new shopper profile each.
  const { rows: unknownCustomers } = await tx.execute(sql`
    select distinct s.customer_ref from import_orders s
    where not exists (select 1 from insights_customer_refs r where r.merchant_id = ${merchantId} and r.external_ref = s.customer_ref)`);
  const newShoppers = unknownCustomers.map((r) => ({ id: randomUUID(), ref: String(r.customer_ref) }));
  for (let i = 0; i < newShoppers.length; i += 20_000) {
    const chunk = newShoppers.slice(i, i + 20_000);
    await createImportedShoppers(tx, chunk.map((s) => ({ id: s.id, displayName: `Customer ${s.ref}` })));
    await tx.execute(sql`
      insert into insights_customer_refs (merchant_id, external_ref, account_id)
      select ${merchantId}, c.ref, c.id from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as c(id uuid, ref text)`);
  }
  phase('customers');

  // SKUs: the merchant's codes; unknown codes become archived catalogue entries.
  const { rows: codes } = await tx.execute(sql`select distinct sku_code from import_lines`);
  const skus = await ensureSkusByCode(tx, merchantId, codes.map((r) => String(r.sku_code)));
  const facts = await skuFacts(tx, [...skus.ids.values()]);
  const categoryOf = new Map(facts.map((f) => [f.skuId, f.categoryId]));
  await tx.execute(sql`create temporary table import_skus (sku_code text primary key, sku_id uuid not null, category_id uuid) on commit drop`);
  const skuRows = [...skus.ids.entries()].map(([code, id]) => ({ code, id, category: categoryOf.get(id) ?? null }));
  for (let i = 0; i < skuRows.length; i += 20_000) {
    await tx.execute(sql`insert into import_skus select code, id, category from jsonb_to_recordset(${JSON.stringify(skuRows.slice(i, i + 20_000))}::jsonb) as k(code text, id uuid, category uuid)`);
  }
  phase('skus');

  await tx.execute(sql`create temporary table import_keyed on commit drop as
    select s.order_ref, ${keyPrefix} || s.order_ref as order_key, r.account_id, s.ordered_at, s.currency
    from import_orders s join insights_customer_refs r on r.merchant_id = ${merchantId} and r.external_ref = s.customer_ref`);
  const { rows: [{ n: ordersImported }] } = await tx.execute(sql`
    with inserted as (insert into insights_orders (order_key, source, account_id, channel, location_id, currency, total_minor, status, placed_at)
    select k.order_key, 'import', k.account_id, 'import', ${options.locationId ?? null}, k.currency, s.total_minor, 'paid', k.ordered_at
    from import_keyed k join import_orders s on s.order_ref = k.order_ref
    returning 1) select count(*)::int as n from inserted`);
  phase('orders');
  const { rows: [{ n: linesImported }] } = await tx.execute(sql`
    with inserted as (insert into insights_order_lines (order_key, line_no, account_id, placed_at, sku_id, merchant_id, category_id, quantity, unit_price_minor, amount_minor, currency)
    select o.order_key, l.line_no, o.account_id, o.ordered_at, k.sku_id, ${merchantId}, k.category_id, l.quantity, nullif(l.unit_price_minor, 0), l.quantity * l.unit_price_minor, o.currency
    from import_lines l join import_keyed o on o.order_ref = l.order_ref join import_skus k on k.sku_code = l.sku_code
    returning 1) select count(*)::int as n from inserted`);
  phase('lines');
  return {
    ordersImported: Number(ordersImported), ordersAlreadyImported: Number(alreadyImported), linesImported: Number(linesImported),
    customersCreated: newShoppers.length, skusCreated: skus.created,
  };
}
