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
  .description('apply pending database migrations')
  .action(async () => {
    const database = await openConfiguredDatabase(loadConfig());
    try {
      const applied = await migrate(database);
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

program.command('ledger')
  .description('payments ledger tools')
  .command('check')
  .description('verify every ledger invariant (balanced entries, no negative wallet, refunds within captures…); exits 1 on any violation')
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

program.command('import')
  .description('import data from files')
  .command('catalog <file>')
  .description('import a catalogue CSV (one row per SKU; columns: product_code, sku_code, barcode, brand, category, status, title_es, title_it, title_en, title_zh, size, colour, currency, price_minor, image_url); re-running the same file changes nothing')
  .requiredOption('--merchant <id>', 'the merchant whose catalogue this is')
  .option('--batch-size <n>', 'rows committed per transaction', '1000')
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

program.parseAsync(process.argv).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
