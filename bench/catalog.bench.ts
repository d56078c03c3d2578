import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { QUICK, benchDatabase, closedLoop } from './harness.js';
import type { Benchmark } from './run.js';
import { withTx } from '../src/db/tx.js';
import { seedDemo } from '../src/seed/demo.js';
import { demoId } from '../src/seed/demo-id.js';
import { ean13 } from '../src/catalog/model.js';
import { importCatalogFile } from '../src/catalog/import.js';
import { searchCatalog, type SearchQuery } from '../src/catalog/search-service.js';

// MERCATO_BENCH_CATALOG_SKUS only to try the benchmark out smaller; the reported figure is at 100,000.
const SKUS = Number(process.env.MERCATO_BENCH_CATALOG_SKUS ?? 100_000);
const SKUS_PER_PRODUCT = 4;
const CLIENTS = 16;

// Words per language that combine into believable titles; every product gets all four languages.
const NOUNS = {
  es: ['bolso', 'cartera', 'pañuelo', 'cinturón', 'zapato', 'chaqueta', 'té verde', 'café', 'taza', 'tetera', 'vela', 'perfume'],
  it: ['borsa', 'portafoglio', 'foulard', 'cintura', 'scarpa', 'giacca', 'tè verde', 'caffè', 'tazza', 'teiera', 'candela', 'profumo'],
  en: ['handbag', 'wallet', 'scarf', 'belt', 'shoe', 'jacket', 'green tea', 'coffee', 'cup', 'teapot', 'candle', 'perfume'],
  zh: ['手袋', '钱包', '围巾', '皮带', '皮鞋', '夹克', '绿茶', '咖啡', '茶杯', '茶壶', '香薰蜡烛', '香水'],
};
const ADJECTIVES = {
  es: ['de piel', 'de seda', 'clásico', 'artesanal', 'de viaje', 'ecológico'],
  it: ['in pelle', 'di seta', 'classico', 'artigianale', 'da viaggio', 'ecologico'],
  en: ['leather', 'silk', 'classic', 'handmade', 'travel', 'organic'],
  zh: ['真皮', '真丝', '经典', '手工', '旅行', '有机'],
};
const LINES = ['Aurora', 'Brera', 'Catalina', 'Duomo', 'Estrella', 'Fenice', 'Giardino', 'Horizon', 'Isola', 'Jade', 'Kora', 'Luna', 'Marea', 'Navigli', 'Oasis', 'Palma'];
const CATEGORY_OF = ['bolsos', 'accesorios', 'accesorios', 'accesorios', 'moda', 'moda', 'te', 'cafe', 'alimentacion', 'te', 'moda', 'moda'];

function rng(seed: number) {
  let state = seed >>> 0;
  return () => { state = (state * 1664525 + 1013904223) >>> 0; return state / 2 ** 32; };
}

const csvCell = (s: string) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

export async function writeCatalogCsv(path: string, skus: number): Promise<void> {
  const out = createWriteStream(path);
  const random = rng(42);
  out.write('product_code,sku_code,barcode,brand,category,status,title_es,title_it,title_en,title_zh,size,colour,currency,price_minor,image_url\n');
  for (let p = 0; p < skus / SKUS_PER_PRODUCT; p++) {
    const noun = Math.floor(random() * NOUNS.en.length);
    const adjective = Math.floor(random() * ADJECTIVES.en.length);
    const line = LINES[Math.floor(random() * LINES.length)];
    const price = 500 + Math.floor(random() * 400_000);
    const titles = (['es', 'it', 'en', 'zh'] as const).map((l) => l === 'en' ? `${line} ${ADJECTIVES.en[adjective]} ${NOUNS.en[noun]}` : l === 'zh' ? `${line} ${ADJECTIVES.zh[adjective]}${NOUNS.zh[noun]}` : `${NOUNS[l][noun]} ${ADJECTIVES[l][adjective]} ${line}`);
    for (let v = 0; v < SKUS_PER_PRODUCT; v++) {
      const n = p * SKUS_PER_PRODUCT + v;
      const row = [`BP-${p}`, `BS-${n}`, ean13(`20${String(n).padStart(10, '0')}`), 'lumen-tea', CATEGORY_OF[noun], 'active', ...titles, ['S', 'M', 'L', 'XL'][v], '', 'EUR', String(price + v * 100), `https://images.mercato.example/bench/${p}.jpg`];
      if (!out.write(row.map(csvCell).join(',') + '\n')) await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'finish');
}

/** Queries shoppers type: words in four languages, typos, Chinese substrings, filters and sorts. */
const QUERIES: SearchQuery[] = [
  { q: 'bolsos de piel', locale: 'es' }, { q: 'cafe', locale: 'es', sort: 'price_asc' }, { q: 'pañuelo seda', locale: 'es', category: 'accesorios' },
  { q: 'borse in pelle', locale: 'it' }, { q: 'caffe', locale: 'it' }, { q: 'teiera', locale: 'it', maxPrice: 100_000 },
  { q: 'leather handbag', locale: 'en' }, { q: 'handbgas', locale: 'en' }, { q: 'navigli scarf', locale: 'en', brand: 'lumen-tea' },
  { q: '手袋', locale: 'zh' }, { q: '真丝围巾', locale: 'zh' }, { q: '绿茶', locale: 'zh', sort: 'price_desc' },
  { q: 'fenise', locale: 'it' }, { q: 'catalina', locale: 'es', minPrice: 100_000, maxPrice: 300_000 }, { locale: 'en', category: 'moda' },
];

const queryName = (q: SearchQuery) => `${q.locale}:${q.q ?? '(browse)'}${q.category ? ` in ${q.category}` : ''}${q.sort ? ` by ${q.sort}` : ''}`;

/** Search latency and throughput at 100,000 SKUs; import rate for a 100,000-row CSV. */
export const benchmark: Benchmark = {
  name: 'catalog',
  clients: [CLIENTS],
  async run(ceiling) {
    const bench = await benchDatabase('catalog', CLIENTS + 4);
    const dir = mkdtempSync(join(tmpdir(), 'mercato-catalog-bench-'));
    try {
      const { db } = bench.database;
      await withTx(db, (tx) => seedDemo(tx));
      const file = join(dir, 'catalog.csv');
      await writeCatalogCsv(file, SKUS);
      const imported = await importCatalogFile(db, file, { merchantId: demoId('merchant:lumen-tea'), batchSize: 5000 });
      const reimport = QUICK ? null : await importCatalogFile(db, file, { merchantId: demoId('merchant:lumen-tea'), batchSize: 5000 });
      await db.execute(sql`analyze`);
      const { rows: [counts] } = await db.execute(sql`select (select count(*) from skus)::int as skus, (select count(*) from product_search)::int as products`);
      // The first search builds this process's index from product_search.
      const built = performance.now();
      await searchCatalog(db, { locale: 'en', limit: 1 });
      const indexBuildMs = Math.round(performance.now() - built);
      // One pass before the closed loop, as in service; timed, because it is each query's
      // first (uncached) answer. The loop then mostly measures remembered answers.
      const firstAnswerMs: Record<string, number> = {};
      for (const q of QUERIES) {
        const t0 = performance.now();
        await searchCatalog(db, q);
        firstAnswerMs[queryName(q)] = Math.round((performance.now() - t0) * 10) / 10;
      }
      let hits = 0;
      const search = await closedLoop({
        clients: CLIENTS, seconds: QUICK ? 5 : 20,
        operation: (client, i) => searchCatalog(db, QUERIES[(client * 7 + i) % QUERIES.length]),
        onResult: (result) => { hits += result.items.length; },
      });
      // One pass over every query alone, so a slow kind of query is visible by name.
      const perQuery: Record<string, number> = {};
      for (const q of QUERIES) {
        const t0 = performance.now();
        await searchCatalog(db, q);
        perQuery[queryName(q)] = Math.round((performance.now() - t0) * 10) / 10;
      }
      return {
        skus: counts.skus, products: counts.products, csvBytes: statSync(file).size,
        import: { rows: imported.rows, accepted: imported.accepted, seconds: imported.seconds, rowsPerSecond: Math.round(imported.rows / imported.seconds), batchSize: 5000 },
        reimportNoOp: reimport ? { seconds: reimport.seconds, rowsPerSecond: Math.round(reimport.rows / reimport.seconds), unchangedRows: reimport.unchangedRows } : 'skipped in quick mode',
        search: { clients: CLIENTS, ...search, meanHitsPerPage: Math.round((hits / Math.max(search.count, 1)) * 10) / 10 },
        searchRatioToPgbench: Math.round((search.perSecond / ceiling[CLIENTS].tps) * 1000) / 1000,
        indexBuildMs,
        firstAnswerMs,
        singleQueryMs: perQuery,
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await bench.drop();
    }
  },
};
