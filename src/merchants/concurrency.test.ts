import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { backends, freshDatabase } from '../../test/db.js';
import type { Database } from '../db/client.js';
import { withTx } from '../db/tx.js';
import { seedDemo } from '../seed/demo.js';
import { demoId } from '../seed/demo-id.js';
import type { Principal } from '../identity/model.js';
import { stepApplication } from './onboarding-service.js';
import { fileComplaint, stepComplaint } from './complaint-service.js';

const operator: Principal = { accountId: demoId('account:operator@mercato.test'), email: 'operator@mercato.test', role: 'operator', merchantId: null, locationId: null };
const aureliaStaff: Principal = { accountId: demoId('account:aurelia@mercato.test'), email: 'aurelia@mercato.test', role: 'merchant', merchantId: demoId('merchant:casa-aurelia'), locationId: null };

describe('marketplace workflows under concurrent operators [postgres]', () => {
  let database: Database | undefined;
  beforeAll(async () => {
    if (!backends().includes('postgres')) return;
    database = await freshDatabase('postgres', 24);
    await withTx(database.db, (tx) => seedDemo(tx));
  }, 120_000);
  afterAll(async () => { await database?.close(); });

  it('lets exactly one of many simultaneous reviewers decide an application; the rest get a conflict', async () => {
    if (!database) { console.warn('!!! PostgreSQL server not available: concurrent onboarding test NOT RUN'); return; }
    const applicationId = demoId('application:maison-verdier');
    await database.db.execute(sql`insert into onboarding_documents (application_id, kind, file_name, content_type, size_bytes, sha256, content)
      values (${applicationId}, 'trademark_certificate', 'inpi.pdf', 'application/pdf', 5, ${'a'.repeat(64)}, ${new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d])})`);
    const attempts = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => withTx(database!.db, (tx) =>
      stepApplication(tx, operator, applicationId, i % 2 ? 'approve' : 'reject', { reason: `reviewer ${i}` }))));
    const won = attempts.filter((a) => a.status === 'fulfilled');
    expect(won).toHaveLength(1);
    expect(attempts.filter((a) => a.status === 'rejected').every((a) => (a as PromiseRejectedResult).reason.code === 'merchants.illegal_transition')).toBe(true);
    const { rows } = await database.db.execute(sql`select count(*)::int as n from onboarding_events where application_id = ${applicationId} and action in ('approve', 'reject')`);
    expect(rows[0].n).toBe(1);
  });

  it('records exactly one decision when operators reinstate and remove the same complaint at once', async () => {
    if (!database) { console.warn('!!! PostgreSQL server not available: concurrent complaint test NOT RUN'); return; }
    const complaint = await withTx(database.db, (tx) => fileComplaint(tx, aureliaStaff, demoId('merchant:casa-aurelia'), { productId: demoId('product:AUR-CARD'), reason: 'counterfeit', evidence: [] }));
    const later = new Date(Date.now() + 11 * 24 * 3600 * 1000);
    const attempts = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => withTx(database!.db, (tx) =>
      stepComplaint(tx, operator, complaint.id, i % 2 ? 'remove' : 'reinstate', `operator ${i}`, later))));
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    const { rows } = await database.db.execute(sql`select c.status, p.takedown, (select count(*)::int from ip_complaint_events e where e.complaint_id = c.id) as steps
      from ip_complaints c join products p on p.id = c.product_id where c.id = ${complaint.id}`);
    expect(rows[0].steps).toBe(2);
    expect(rows[0].takedown).toBe(rows[0].status === 'removed' ? 'removed' : null);
  });
});
