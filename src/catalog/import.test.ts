import { beforeAll, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { describeEachBackend } from '../../test/db.js';
import { withTx } from '../db/tx.js';
import { seedDemo } from '../seed/demo.js';
import { demoId } from '../seed/demo-id.js';
import { importCatalogStream, validateImportRow } from './import.js';
import { ean13 } from './model.js';
import { searchCatalog } from './search-service.js';

const lumen = demoId('merchant:lumen-tea');
const HEADER = 'product_code,sku_code,barcode,brand,category,status,title_es,title_it,title_en,title_zh,size,colour,currency,price_minor,image_url';
const csv = (...lines: string[]) => Readable.from([[HEADER, ...lines].join('\n') + '\n']);

const FILE = [
  `LUM-OOLONG,LUM-OOLONG-100,${ean13('690000000001')},lumen-tea,te,active,Té oolong Tieguanyin,Tè oolong Tieguanyin,Tieguanyin oolong tea,安溪铁观音乌龙茶,100 g,,EUR,2900,https://images.mercato.example/lumen/oolong.jpg`,
  `LUM-OOLONG,LUM-OOLONG-250,${ean13('690000000002')},lumen-tea,te,active,Té oolong Tieguanyin,Tè oolong Tieguanyin,Tieguanyin oolong tea,安溪铁观音乌龙茶,250 g,,EUR,6500,`,
  `LUM-JASMINE,LUM-JASMINE-100,,lumen-tea,te,active,"Té de jazmín, perlas",Tè al gelsomino,Jasmine pearls,茉莉龙珠,100 g,,CNY,16800,`,
  `LUM-BAD,LUM-BAD-1,6901234567891,lumen-tea,te,active,Malo,,,,,,EUR,12.50,`,
  `LUM-FAKE,LUM-FAKE-1,,aurelia,bolsos,active,Bolso,,,,,,EUR,1000,`,
  `LUM-NOCAT,LUM-NOCAT-1,,,no-such-category,active,Sin categoría,,,,,,,,`,
  `LUM-DUP,LUM-OOLONG-100,,,,active,Duplicado,,,,,,,,`,
  `LUM-NOTITLE,LUM-NOTITLE-1,,,,,,,,,,,,,`,
];

describe('import row validation', () => {
  it.each([
    [{ product_code: 'P1', sku_code: 'S1', title_en: 'Tea' }, null],
    [{ product_code: '', sku_code: 'S1', title_en: 'Tea' }, /product_code/],
    [{ product_code: 'P1', sku_code: 'S 1', title_en: 'Tea' }, /sku_code/],
    [{ product_code: 'P1', sku_code: 'S1' }, /at least one of title/],
    [{ product_code: 'P1', sku_code: 'S1', title_en: 'Tea', barcode: '1234567890123' }, /EAN-13/],
    [{ product_code: 'P1', sku_code: 'S1', title_en: 'Tea', currency: 'eur', price_minor: '100' }, /currency/],
    [{ product_code: 'P1', sku_code: 'S1', title_en: 'Tea', currency: 'EUR', price_minor: '-1' }, /price_minor/],
    [{ product_code: 'P1', sku_code: 'S1', title_en: 'Tea', status: 'live' }, /status/],
    [{ product_code: 'P1', sku_code: 'S1', title_en: 'Tea', image_url: 'ftp://x' }, /image_url/],
  ])('%o', (record, problem) => {
    const result = validateImportRow(record);
    if (problem === null) expect(result).toHaveProperty('row');
    else expect('reasons' in result && result.reasons.join(' ')).toMatch(problem);
  });
});

describeEachBackend('catalogue CSV import', (use) => {
  beforeAll(async () => {
    await withTx(use().db, (tx) => seedDemo(tx));
    // Lumen's authorisation to resell Aurelia ends, so Aurelia rows must be refused.
    await use().db.execute(sql`update brand_authorisations set revoked_at = now() where id = ${demoId('authorisation:aurelia:lumen')}`);
  });

  it('imports valid rows in batches and reports every rejected row with its reasons', async () => {
    const progress: number[] = [];
    const report = await importCatalogStream(use().db, csv(...FILE), { merchantId: lumen, batchSize: 2, onProgress: (n) => progress.push(n) });
    expect(report).toMatchObject({ rows: 8, accepted: 3, productsInserted: 2, skusInserted: 3, pricesChanged: 3, unchangedRows: 0 });
    expect(report.rejected.map((r) => [r.line, r.skuCode])).toEqual([[5, 'LUM-BAD-1'], [6, 'LUM-FAKE-1'], [7, 'LUM-NOCAT-1'], [8, 'LUM-OOLONG-100'], [9, 'LUM-NOTITLE-1']]);
    expect(report.rejected[0].reasons).toEqual(['barcode 6901234567891 is not a valid EAN-13', 'price_minor must be a whole number of minor units (e.g. 12900 for 129.00)']);
    expect(report.rejected[1].reasons[0]).toMatch(/neither the owner of brand aurelia nor authorised/);
    expect(report.rejected[2].reasons).toEqual(['category no-such-category does not exist']);
    expect(report.rejected[3].reasons).toEqual(['sku_code LUM-OOLONG-100 appears earlier in the file']);
    expect(progress.at(-1)).toBe(8);
    const { rows } = await use().db.execute(sql`select s.sku_code, s.attributes->>'size' as size from skus s join products p on p.id = s.product_id
      where p.merchant_id = ${lumen} and p.product_code = 'LUM-OOLONG' order by s.sku_code`);
    expect(rows.map((r) => [r.sku_code, r.size])).toEqual([['LUM-OOLONG-100', '100 g'], ['LUM-OOLONG-250', '250 g']]);
    expect((await searchCatalog(use().db, { q: '铁观音', locale: 'zh' })).items[0].title).toBe('安溪铁观音乌龙茶');
    expect((await searchCatalog(use().db, { q: 'jazmin', locale: 'es', currency: 'CNY' })).items[0]).toMatchObject({ title: 'Té de jazmín, perlas', priceFromMinor: 16800 });
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await use().db.execute(sql`select max(updated_at) as u, count(*) as n from products where merchant_id = ${lumen}`);
    const report = await importCatalogStream(use().db, csv(...FILE), { merchantId: lumen, batchSize: 2 });
    expect(report).toMatchObject({ accepted: 3, productsInserted: 0, productsUpdated: 0, skusInserted: 0, skusUpdated: 0, pricesChanged: 0, unchangedRows: 3 });
    const after = await use().db.execute(sql`select max(updated_at) as u, count(*) as n from products where merchant_id = ${lumen}`);
    expect(after.rows[0]).toEqual(before.rows[0]);
  });

  it('updates only what a changed file changes', async () => {
    const changed = FILE.slice(0, 3).map((line) => line.replace(',EUR,6500,', ',EUR,6900,').replace('Jasmine pearls', 'Jasmine dragon pearls'));
    const report = await importCatalogStream(use().db, csv(...changed), { merchantId: lumen });
    expect(report).toMatchObject({ accepted: 3, productsInserted: 0, skusInserted: 0, pricesChanged: 1, unchangedRows: 1 });
    expect((await searchCatalog(use().db, { q: 'dragon', locale: 'en' })).items[0].title).toBe('Jasmine dragon pearls');
  });
});
