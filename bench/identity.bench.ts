import { sql } from 'drizzle-orm';
import { QUICK, benchDatabase, closedLoop } from './harness.js';
import type { Benchmark } from './run.js';
import { withTx } from '../src/db/tx.js';
import { seedDemo } from '../src/seed/demo.js';
import { principalForToken, startSession, getAccount } from '../src/identity/service.js';
import { demoId } from '../src/seed/demo-id.js';

/** The per-request cost every authenticated call pays: resolving a bearer token to a principal. */
export const benchmark: Benchmark = {
  name: 'identity',
  clients: [16],
  async run(ceiling) {
    const bench = await benchDatabase('identity');
    try {
      const { db } = bench.database;
      await withTx(db, (tx) => seedDemo(tx));
      const account = await getAccount(db, demoId('account:carmen@mercato.test'));
      const tokens = await Promise.all(Array.from({ length: 16 }, () => startSession(db, account).then((s) => s.token)));
      await db.execute(sql`analyze`);
      const result = await closedLoop({ clients: 16, seconds: QUICK ? 3 : 10, operation: (client) => principalForToken(db, tokens[client]) });
      return {
        tokenLookups: result,
        ratioToPgbench: Math.round((result.perSecond / ceiling[16].tps) * 100) / 100,
      };
    } finally {
      await bench.drop();
    }
  },
};
