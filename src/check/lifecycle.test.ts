import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../test/db.js';
import { buildWorld, runLifecycle, type World } from '../../test/lifecycle.js';
import { checkInvariants, formatCheckReport } from './invariants.js';

/**
 * The generative lifecycle test (issue 11): random sequences of real operations through the
 * services against a model of wallets, shelves and orders, with `mercato check` after every
 * sequence. Kept short here; `npm run lifecycle` runs it long (see docs/orders.md).
 */
const RUNS = Number(process.env.LIFECYCLE_RUNS ?? 12);
const MAX_COMMANDS = Number(process.env.LIFECYCLE_COMMANDS ?? 60);

describeEachBackend('lifecycle of orders, money and stock under random operations', (use) => {
  let world: World;
  beforeAll(async () => { world = await buildWorld(use()); }, 60_000);
  afterAll(() => {
    console.log(`lifecycle: ${world.ops.count} operations; refusals: ${JSON.stringify(world.ops.refused)}`);
  });

  it('keeps every wallet, shelf and order as the model says, and every invariant, whatever the sequence', async () => {
    await runLifecycle(world, { runs: RUNS, maxCommands: MAX_COMMANDS });
    const report = await checkInvariants(use().db, { heldGraceMs: 0 });
    expect(report.ok, formatCheckReport(report)).toBe(true);
    expect(world.ops.count).toBeGreaterThan(RUNS * 5);
  }, 240_000);
});
