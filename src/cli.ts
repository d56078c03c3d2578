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

program.parseAsync(process.argv).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
