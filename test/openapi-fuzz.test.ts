import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { describeEachBackend } from './db.js';
import { testApp } from './http.js';
import { fuzz, unboundedNumbers } from './fuzz/fuzz.js';

// `npm run fuzz` sends 10,000; the suite sends this many per backend (override with MERCATO_FUZZ_COUNT / _SEED).
const COUNT = Number(process.env.MERCATO_FUZZ_COUNT ?? 750);
const SEED = Number(process.env.MERCATO_FUZZ_SEED ?? 20261130);

describeEachBackend('requests generated from the OpenAPI document', (use) => {
  let app: FastifyInstance;
  let doc: any;
  beforeAll(async () => {
    app = await testApp(use(), { seed: true });
    doc = (await app.inject('/openapi.json')).json();
  });
  afterAll(() => app.close());

  it('states a minimum and a maximum for every numeric parameter and body field', () => {
    expect(unboundedNumbers(doc)).toEqual([]);
  });

  it(`answers ${COUNT} valid and hostile requests with every role's token: no 5xx, every error problem+json with a type`, async () => {
    const result = await fuzz(app, use(), { count: COUNT, seed: SEED });
    expect(result.sent).toBe(COUNT);
    // Most requests must get past validation and the access guard, or the test proves little.
    const passed = Object.entries(result.byStatus).filter(([status]) => Number(status) < 300).reduce((n, [, count]) => n + count, 0);
    expect(passed).toBeGreaterThan(COUNT * 0.1);
    expect(result.findings.map((f) => `${f.request} → ${f.status} ${f.body}`)).toEqual([]);
  }, 300_000); // ~20–50 s per backend here; generous for a loaded machine
});
