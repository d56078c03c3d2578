import { Command } from 'commander';
import { loadConfig } from './config.js';
import { migrate } from './db/migrate.js';
import { withTx } from './db/tx.js';
import { openConfiguredDatabase, serve } from './server.js';
import { seedDemo } from './seed/demo.js';

const program = new Command()
  .name('mercato')
  .description('Mercato omnichannel commerce platform')
  .showHelpAfterError();

program.command('serve')
  .description('serve the API and web UI (applies pending migrations first)')
  .option('--seed-when-empty', 'seed the demo data if the database is empty', false)
  .action(async (options: { seedWhenEmpty: boolean }) => {
    await serve(loadConfig(), { seedWhenEmpty: options.seedWhenEmpty });
  });

program.command('start')
  .description('what `npm start` runs: migrate, seed demo data into an empty database, serve')
  .action(async () => {
    await serve(loadConfig(), { seedWhenEmpty: true });
  });

program.command('migrate')
  .description('apply pending database migrations (under an advisory lock: concurrent runs take turns)')
  .option('--allow-out-of-order', 'also apply new files that sort before an already applied one', false)
  .action(async (options: { allowOutOfOrder: boolean }) => {
    const database = await openConfiguredDatabase(loadConfig());
    try {
      const applied = await migrate(database, { allowOutOfOrder: options.allowOutOfOrder });
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
    } finally {
      await database.close();
    }
  });

program.command('seed')
  .description('load data into the database')
  .requiredOption('--demo', 'the deterministic demo data set (stores in Madrid, Milan, Shanghai; merchants; shoppers)')
  .action(async () => {
    const database = await openConfiguredDatabase(loadConfig());
    try {
      await migrate(database);
      const summary = await withTx(database.db, (tx) => seedDemo(tx));
      console.log(JSON.stringify(summary));
    } finally {
      await database.close();
    }
  });

program.command('check')
  .description('verify every invariant of money, stock and settlement over the whole database (ledger balanced, wallets equal their lines, on-hand equals the stock journal, holds swept, slots within capacity, every order line reflected in stock, refunds and merchant settlement); exits 1 with a report on any violation')
  .option('--json', 'print the report as JSON', false)
  .option('--held-grace <seconds>', 'how long past its expiry a stock hold may still be held (the sweeper\'s period)', '300')
  .action(async (options: { json: boolean; heldGrace: string }) => {
    const { checkCommand } = await import('./check/cli.js');
    const database = await openConfiguredDatabase(loadConfig());
    try {
      await migrate(database);
      process.exitCode = await checkCommand(database, { json: options.json, heldGraceMs: Number(options.heldGrace) * 1000 });
    } finally {
      await database.close();
    }
  });

program.command('ledger')
  .description('payments ledger tools')
  .command('check')
  .description('verify the ledger invariants only (balanced entries, no negative wallet, refunds within captures…); `mercato check` verifies these and the rest; exits 1 on any violation')
  .option('--json', 'print the report as JSON', false)
  .action(async (options: { json: boolean }) => {
    const { ledgerCheckCommand } = await import('./payments/cli.js');
    const database = await openConfiguredDatabase(loadConfig());
    try {
      await migrate(database);
      process.exitCode = await ledgerCheckCommand(database, options.json);
    } finally {
      await database.close();
    }
  });

const importCommand = program.command('import')
  .description('import data from files');

importCommand.command('catalog <file>')
  .description('import a catalogue CSV (one row per SKU; columns: product_code, sku_code, barcode, brand, category, status, title_es, title_it, title_en, title_zh, size, colour, currency, price_minor, image_url); re-running the same file changes nothing')
  .requiredOption('--merchant <id>', 'the merchant whose catalogue this is')
  .option('--batch-size <n>', 'rows committed per transaction', '5000')
  .option('--rejected <path>', 'write rejected rows and their reasons to this CSV')
  .action(async (file: string, options: { merchant: string; batchSize: string; rejected?: string }) => {
    const { importCatalogFile, countDataRows, writeRejectedReport } = await import('./catalog/import-cli.js');
    const database = await openConfiguredDatabase(loadConfig());
    try {
      await migrate(database);
      const total = await countDataRows(file);
      const { SingleBar, Presets } = (await import('cli-progress')).default;
      const bar = new SingleBar({ format: 'importing {bar} {value}/{total} rows | {eta_formatted} left', hideCursor: true }, Presets.shades_classic);
      bar.start(total, 0);
      const report = await importCatalogFile(database.db, file, { merchantId: options.merchant, batchSize: Number(options.batchSize), onProgress: (rows) => bar.update(rows) });
      bar.update(report.rows);
      bar.stop();
      if (options.rejected) writeRejectedReport(options.rejected, report.rejected);
      for (const r of report.rejected.slice(0, 20)) console.log(`line ${r.line} (${r.skuCode || 'no sku_code'}): ${r.reasons.join('; ')}`);
      if (report.rejected.length > 20) console.log(`… and ${report.rejected.length - 20} more rejected rows${options.rejected ? ` (all in ${options.rejected})` : ''}`);
      const { rejected, ...figures } = report;
      console.log(JSON.stringify({ ...figures, rejected: rejected.length, rowsPerSecond: Math.round(report.rows / Math.max(report.seconds, 0.001)) }));
      if (rejected.length) process.exitCode = 2;
    } finally {
      await database.close();
    }
  });

importCommand.command('orders <file>')
  .description('import an order history CSV (or .csv.gz): customer_id,order_id,ordered_at,sku,qty,unit_price_minor,currency; lines with one order_id are one order; unknown customers and SKUs are created under the merchant; re-running the same file changes nothing')
  .requiredOption('--merchant <id>', 'the merchant whose history this is (SKU codes and customer references are its own)')
  .option('--store <locationId>', 'the store the orders were placed at')
  .option('--rejected <path>', 'write rejected rows and their reasons to this CSV')
  .option('--no-progress', 'no progress bar')
  .action(async (file: string, options: { merchant: string; store?: string; rejected?: string; progress: boolean }) => {
    const { importOrdersCommand } = await import('./insights/cli.js');
    const database = await openConfiguredDatabase(loadConfig());
    try {
      await migrate(database);
      const report = await importOrdersCommand(database, file, options);
      const { rejected, ...figures } = report;
      console.log(JSON.stringify({ ...figures, rejected: rejected.length }));
      console.log('next: `mercato recs train` to learn recommendations from the imported history');
      if (rejected.length) process.exitCode = 2;
    } finally {
      await database.close();
    }
  });

const recs = program.command('recs').description('recommendations: train the model, evaluate it offline');

recs.command('train')
  .description('learn the recommender from every paid order (all channels and imported history) up to --as-of')
  .option('--as-of <date>', 'use orders up to this date (default now)')
  .action(async (options: { asOf?: string }) => {
    const { trainCommand } = await import('./insights/cli.js');
    const database = await openConfiguredDatabase(loadConfig());
    try {
      await migrate(database);
      console.log(JSON.stringify(await trainCommand(database, options.asOf), null, 2));
    } finally {
      await database.close();
    }
  });

recs.command('evaluate')
  .description('hold out each customer\'s last order up to --as-of; report recall@10, NDCG@10 and hit rate@10 of the recommender next to the popularity and personal-frequency baselines')
  .option('--as-of <date>', 'evaluate on orders up to this date (default now)')
  .option('--max-customers <n>', 'evaluate at most this many customers')
  .action(async (options: { asOf?: string; maxCustomers?: string }) => {
    const { evaluateCommand } = await import('./insights/cli.js');
    const database = await openConfiguredDatabase(loadConfig());
    try {
      await migrate(database);
      console.log(JSON.stringify(await evaluateCommand(database, options.asOf, options.maxCustomers ? Number(options.maxCustomers) : undefined), null, 2));
    } finally {
      await database.close();
    }
  });

program.command('generate-history <file>')
  .description('write a seeded synthetic order history CSV (.gz to compress) for benchmarks and evaluation')
  .option('--shape <shape>', 'grocery (re-buying, baskets of ~7) or catalogue (no re-buying, sequences)', 'grocery')
  .option('--lines <n>', 'about this many order lines', '500000')
  .option('--seed <n>', 'random seed', '42')
  .action(async (file: string, options: { shape: string; lines: string; seed: string }) => {
    const { generateHistory } = await import('./insights/cli.js');
    if (options.shape !== 'grocery' && options.shape !== 'catalogue') throw new Error('--shape is grocery or catalogue');
    const lines = await generateHistory(file, options.shape, Number(options.lines), Number(options.seed));
    console.log(JSON.stringify({ file, shape: options.shape, lines }));
  });

program.parseAsync(process.argv).catch((error) => {
  console.error(`mercato: ${error instanceof Error ? error.message : error}`);
  // Exit now: timers or connections a failed start-up left behind must not keep a process
  // alive that serves nothing.
  process.exit(1);
});
