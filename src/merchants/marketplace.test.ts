import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { describeEachBackend } from '../../test/db.js';
import { auth, expectProblem, signInAs, testApp } from '../../test/http.js';
import { demoId } from '../seed/demo-id.js';
import { withTx } from '../db/tx.js';
import { purchasableSkus } from '../catalog/index.js';
import { stepComplaint } from './complaint-service.js';
import { listApplications, programmeProgress, stepApplication } from './onboarding-service.js';
import type { Principal } from '../identity/model.js';

const aurelia = demoId('merchant:casa-aurelia');
const lumen = demoId('merchant:lumen-tea');
const cardHolder = demoId('product:AUR-CARD');
const cardSku = demoId('sku:LUM-AUR-CARD');
const DAY = 24 * 3600 * 1000;
const operatorPrincipal: Principal = { accountId: demoId('account:operator@mercato.test'), email: 'operator@mercato.test', role: 'operator', merchantId: null, locationId: null };
const lumenPrincipal: Principal = { accountId: demoId('account:lumen@mercato.test'), email: 'lumen@mercato.test', role: 'merchant', merchantId: lumen, locationId: null };

/** A multipart/form-data body with a `kind` field and one file. */
function multipart(kind: string, fileName: string, content: Buffer): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----mercato-test-boundary';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n${kind}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2000, 0x20), Buffer.from('\n%%EOF\n')]);

describeEachBackend('onboarding workflow over HTTP', (use) => {
  let app: FastifyInstance;
  let operator: string, aureliaStaff: string, lumenStaff: string;
  let applicationId = '';

  beforeAll(async () => {
    app = await testApp(use(), { seed: true });
    [operator, aureliaStaff, lumenStaff] = await Promise.all(['operator@mercato.test', 'aurelia@mercato.test', 'lumen@mercato.test'].map((e) => signInAs(app, e)));
  });
  afterAll(() => app.close());

  const step = (token: string, body: Record<string, unknown>) => app.inject({ method: 'POST', url: `/v1/onboarding-applications/${applicationId}/transitions`, headers: auth(token), payload: body });

  it('takes an application from draft to live, refusing each illegal or unauthorised step', async () => {
    const created = await app.inject({ method: 'POST', url: `/v1/merchants/${aurelia}/onboarding-applications`, headers: auth(aureliaStaff), payload: {
      company: { legalName: 'Casa Aurelia S.p.A.', registrationNumber: 'MI-2093841' },
      claimedBrands: [{ name: 'Aurelia Outlet', slug: 'aurelia-outlet', trademarkNumber: 'EU 018765432', trademarkOffice: 'EUIPO', trademarkClasses: [18], trademarkExpiresOn: '2035-01-31' }],
    } });
    expect(created.statusCode).toBe(201);
    applicationId = created.json().id;
    expect(created.json()).toMatchObject({ status: 'draft', deadline: { daysLeft: null } });
    expectProblem(await app.inject({ method: 'POST', url: `/v1/merchants/${aurelia}/onboarding-applications`, headers: auth(aureliaStaff), payload: { company: {}, claimedBrands: [] } }), 409, 'merchants.application_open');

    expectProblem(await step(aureliaStaff, { action: 'approve' }), 409, 'merchants.illegal_transition');
    const submitted = await step(aureliaStaff, { action: 'submit' });
    expect(submitted.json()).toMatchObject({ status: 'submitted', deadline: { daysLeft: 30, atRisk: false } });
    expect(Date.parse(submitted.json().deadlineAt) - Date.parse(submitted.json().submittedAt)).toBe(30 * DAY);
    expectProblem(await step(aureliaStaff, { action: 'start_review' }), 403, 'http.forbidden');
    expect((await step(operator, { action: 'start_review' })).json().status).toBe('in_review');
    expectProblem(await step(operator, { action: 'request_changes' }), 400, 'merchants.reason_required');
    expect((await step(operator, { action: 'request_changes', reason: 'The certificate scan is unreadable' })).json()).toMatchObject({ status: 'changes_requested', lastReason: 'The certificate scan is unreadable' });
    expect((await step(aureliaStaff, { action: 'resubmit' })).json().status).toBe('submitted');
    await step(operator, { action: 'start_review' });
    expectProblem(await step(operator, { action: 'approve' }), 409, 'merchants.documents_missing');

    const upload = multipart('trademark_certificate', 'certificate.pdf', PDF);
    const uploaded = await app.inject({ method: 'POST', url: `/v1/onboarding-applications/${applicationId}/documents`, headers: { ...auth(aureliaStaff), ...upload.headers }, payload: upload.payload });
    expect(uploaded.statusCode).toBe(201);
    expect(uploaded.json()).toMatchObject({ contentType: 'application/pdf', sizeBytes: PDF.length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const download = await app.inject({ url: `/v1/onboarding-applications/${applicationId}/documents/${uploaded.json().id}`, headers: auth(operator) });
    expect(download.rawPayload.equals(PDF)).toBe(true);
    expect(download.headers.etag).toBe(`"${uploaded.json().sha256}"`);

    expect((await step(operator, { action: 'approve' })).json().status).toBe('approved');
    const brands = (await app.inject('/v1/brands')).json().items.map((b: { slug: string }) => b.slug);
    expect(brands).toContain('aurelia-outlet');
    expectProblem(await step(operator, { action: 'go_live' }), 409, 'merchants.illegal_transition');
    const storefront = await app.inject({ method: 'POST', url: `/v1/merchants/${aurelia}/storefronts`, headers: auth(aureliaStaff), payload: { name: 'Aurelia Outlet', slug: 'aurelia-outlet', description: { it: 'Outlet ufficiale', zh: '官方奥莱店' } } });
    expect(storefront.statusCode).toBe(201);
    expect((await step(aureliaStaff, { action: 'configure_storefront', storefrontId: storefront.json().id })).json().status).toBe('storefront_configured');
    const live = await step(operator, { action: 'go_live', target: { amountMinor: 100_000_000, currency: 'CNY', fxRates: [{ from: 'EUR', rate: '7.85' }] } });
    expect(live.json().status).toBe('live');
    expect(live.json().history.map((h: { action: string }) => h.action)).toEqual(['create', 'submit', 'start_review', 'request_changes', 'resubmit', 'start_review', 'upload_document', 'approve', 'configure_storefront', 'go_live']);
    expect(Object.keys(live.json().stageTimes)).toEqual(expect.arrayContaining(['submitted', 'in_review', 'changes_requested', 'approved', 'storefront_configured', 'live']));
    expectProblem(await step(operator, { action: 'go_live' }), 409, 'merchants.illegal_transition');
    expectProblem(await step(operator, { action: 'reject', reason: 'too late' }), 409, 'merchants.illegal_transition');

    const programmes = (await app.inject({ url: `/v1/merchants/${aurelia}/launch-programmes`, headers: auth(aureliaStaff) })).json().items;
    const programme = programmes.find((p: { storefrontId: string }) => p.storefrontId === storefront.json().id);
    expect(programme).toMatchObject({ targetMinor: 100_000_000, targetCurrency: 'CNY' });
    expect(Date.parse(programme.endsAt) - Date.parse(programme.startsAt)).toBe(90 * DAY);
    const progress = await app.inject({ url: `/v1/launch-programmes/${programme.id}`, headers: auth(aureliaStaff) });
    expect(progress.json()).toMatchObject({ gmvMinor: 0, status: 'at_risk' });
  });

  it('hides one merchant\'s application, documents and programme from another', async () => {
    expectProblem(await app.inject({ url: `/v1/onboarding-applications/${applicationId}`, headers: auth(lumenStaff) }), 404, 'merchants.application_not_found');
    expectProblem(await step(lumenStaff, { action: 'submit' }), 404, 'merchants.application_not_found');
    expectProblem(await app.inject({ url: `/v1/launch-programmes/${demoId('programme:casa-aurelia')}`, headers: auth(lumenStaff) }), 404, 'merchants.programme_not_found');
    expectProblem(await app.inject({ method: 'POST', url: `/v1/merchants/${aurelia}/storefronts`, headers: auth(lumenStaff), payload: { name: 'x', slug: 'fake-aurelia' } }), 404, 'http.not_found');
    const own = (await app.inject({ url: '/v1/onboarding-applications', headers: auth(lumenStaff) })).json().items;
    expect(own.every((a: { merchantId: string }) => a.merchantId === lumen)).toBe(true);
  });

  it('refuses documents of the wrong type or over 5 MiB', async () => {
    const { json } = await app.inject({ method: 'POST', url: `/v1/merchants/${lumen}/onboarding-applications`, headers: auth(lumenStaff), payload: { company: { legalName: 'Lumen' }, claimedBrands: [] } });
    const id = json().id;
    const exe = multipart('other', 'tool.exe', Buffer.from('MZ\x90\x00 not a document'));
    expectProblem(await app.inject({ method: 'POST', url: `/v1/onboarding-applications/${id}/documents`, headers: { ...auth(lumenStaff), ...exe.headers }, payload: exe.payload }), 415, 'merchants.document_type');
    const huge = multipart('trademark_certificate', 'huge.pdf', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(5 * 1024 * 1024 + 10)]));
    expectProblem(await app.inject({ method: 'POST', url: `/v1/onboarding-applications/${id}/documents`, headers: { ...auth(lumenStaff), ...huge.headers }, payload: huge.payload }), 413, 'merchants.document_too_large');
  });

  it('lists applications at risk for the operator: late steps and days left', async () => {
    const atRisk = (await app.inject({ url: '/v1/onboarding-applications?atRisk=true', headers: auth(operator) })).json().items;
    const verdier = atRisk.find((a: { id: string }) => a.id === demoId('application:maison-verdier'));
    expect(verdier.deadline).toMatchObject({ daysLeft: 4, atRisk: true, overdue: false });
    expect(verdier.deadline.lateSteps.map((s: { stage: string }) => s.stage)).toEqual(['approved', 'storefront_configured']);
    expect(atRisk.map((a: { id: string }) => a.id)).not.toContain(applicationId);
  });

  it('moves an application into the at-risk list as its deadline nears', async () => {
    const db = use().db;
    const { rows: [m] } = await db.execute(sql`insert into merchants (legal_name, country, kind, settlement_currency, status) values ('Bodegas Altamira S.L.', 'ES', 'brand_owner', 'EUR', 'pending') returning id`);
    const { rows: [a] } = await db.execute(sql`insert into onboarding_applications (merchant_id, company) values (${m.id}, '{"legalName":"Bodegas Altamira S.L."}') returning id`);
    const t0 = new Date('2026-06-01T08:00:00Z');
    await withTx(db, (tx) => stepApplication(tx, operatorPrincipal, String(a.id), 'submit', {}, t0));
    await withTx(db, (tx) => stepApplication(tx, operatorPrincipal, String(a.id), 'start_review', {}, new Date(t0.getTime() + DAY)));
    const ids = async (days: number) => (await listApplications(db, operatorPrincipal, { atRisk: true }, new Date(t0.getTime() + days * DAY))).map((x) => x.id);
    expect(await ids(10)).not.toContain(a.id);
    expect(await ids(14.5)).toContain(a.id);
    const late = (await listApplications(db, operatorPrincipal, { atRisk: true }, new Date(t0.getTime() + 31 * DAY))).find((x) => x.id === a.id)!;
    expect(late.deadline).toMatchObject({ overdue: true, daysLeft: -1 });
  });
});

describeEachBackend('brand authorisation and IP complaints', (use) => {
  let app: FastifyInstance;
  let operator: string, aureliaStaff: string, lumenStaff: string;

  beforeAll(async () => {
    app = await testApp(use(), { seed: true });
    [operator, aureliaStaff, lumenStaff] = await Promise.all(['operator@mercato.test', 'aurelia@mercato.test', 'lumen@mercato.test'].map((e) => signInAs(app, e)));
  });
  afterAll(() => app.close());

  const complaintStep = (token: string, id: string, action: string, detail = 'see evidence') =>
    app.inject({ method: 'POST', url: `/v1/ip-complaints/${id}/transitions`, headers: auth(token), payload: { action, detail } });
  const visible = async () => (await app.inject(`/v1/products/${cardHolder}`)).statusCode === 200;

  it('suspends a reported listing at once, hears the seller, and reinstates it on the operator\'s decision', async () => {
    expect(await visible()).toBe(true);
    expectProblem(await app.inject({ method: 'POST', url: `/v1/merchants/${lumen}/ip-complaints`, headers: auth(lumenStaff), payload: { productId: demoId('product:AUR-DUOMO'), reason: 'fake', evidence: [] } }), 403, 'merchants.not_brand_owner');
    const filed = await app.inject({ method: 'POST', url: `/v1/merchants/${aurelia}/ip-complaints`, headers: auth(aureliaStaff), payload: { productId: cardHolder, reason: 'Stitching and logo do not match genuine Aurelia card holders', evidence: ['https://evidence.example/aur-card-1.jpg'] } });
    expect(filed.statusCode).toBe(201);
    const id = filed.json().id;
    expect(filed.json()).toMatchObject({ status: 'suspended', respondentMerchantId: lumen });
    expect(await visible()).toBe(false);
    expect((await withTx(use().db, (tx) => purchasableSkus(tx, [cardSku])))[0]).toMatchObject({ purchasable: false, reason: 'suspended' });
    expect((await app.inject({ url: '/v1/search?q=card%20holder&locale=en' })).json().items).toHaveLength(0);

    expectProblem(await complaintStep(operator, id, 'reinstate'), 409, 'merchants.complaint_window');
    expectProblem(await complaintStep(aureliaStaff, id, 'counter_notice'), 403, 'http.forbidden');
    expect((await complaintStep(lumenStaff, id, 'counter_notice', 'Bought from Casa Aurelia under authorisation AUR-CN-2026; invoices attached')).json().status).toBe('counter_noticed');
    expectProblem(await complaintStep(lumenStaff, id, 'counter_notice'), 409, 'merchants.illegal_transition');
    expectProblem(await complaintStep(lumenStaff, id, 'reinstate'), 403, 'http.forbidden');
    const reinstated = await complaintStep(operator, id, 'reinstate', 'Invoices verified with the brand');
    expect(reinstated.json().status).toBe('reinstated');
    expect(await visible()).toBe(true);
    expectProblem(await complaintStep(operator, id, 'remove'), 409, 'merchants.illegal_transition');
    const audit = (await app.inject({ url: `/v1/ip-complaints/${id}`, headers: auth(lumenStaff) })).json().history;
    expect(audit.map((e: { action: string; actorAccountId: string }) => [e.action, e.actorAccountId])).toEqual([
      ['file', demoId('account:aurelia@mercato.test')],
      ['counter_notice', demoId('account:lumen@mercato.test')],
      ['reinstate', demoId('account:operator@mercato.test')],
    ]);
  });

  it('refuses a late counter-notice and removes an unanswered listing after the window', async () => {
    const filed = await app.inject({ method: 'POST', url: `/v1/merchants/${aurelia}/ip-complaints`, headers: auth(aureliaStaff), payload: { productId: cardHolder, reason: 'Second batch is counterfeit', evidence: [] } });
    const id = filed.json().id;
    const afterWindow = new Date(Date.now() + 11 * DAY);
    await expect(withTx(use().db, (tx) => stepComplaint(tx, lumenPrincipal, id, 'counter_notice', 'late', afterWindow))).rejects.toMatchObject({ code: 'merchants.complaint_window' });
    const removed = await withTx(use().db, (tx) => stepComplaint(tx, operatorPrincipal, id, 'remove', 'No answer from the seller', afterWindow));
    expect(removed.status).toBe('removed');
    expect(await visible()).toBe(false);
    expect((await withTx(use().db, (tx) => purchasableSkus(tx, [cardSku])))[0].reason).toBe('removed');
    // The listing is kept, not deleted: the seller still sees it in its catalogue.
    const own = (await app.inject({ url: `/v1/merchants/${lumen}/products`, headers: auth(lumenStaff) })).json().items;
    expect(own.find((p: { id: string }) => p.id === cardHolder)).toMatchObject({ listed: false, takedown: 'removed' });
    await use().db.execute(sql`update products set takedown = null where id = ${cardHolder}`);
  });

  it('stops a reseller\'s listings being visible or purchasable when its authorisation is revoked, without deleting them', async () => {
    expect(await visible()).toBe(true);
    const authorisationId = demoId('authorisation:aurelia:lumen');
    expectProblem(await app.inject({ method: 'POST', url: `/v1/merchants/${lumen}/brand-authorisations/${authorisationId}/revoke`, headers: auth(lumenStaff) }), 404, 'merchants.authorisation_not_found');
    const revoked = await app.inject({ method: 'POST', url: `/v1/merchants/${aurelia}/brand-authorisations/${authorisationId}/revoke`, headers: auth(aureliaStaff) });
    expect(revoked.json().revokedAt).not.toBeNull();
    expect(await visible()).toBe(false);
    expect((await withTx(use().db, (tx) => purchasableSkus(tx, [cardSku])))[0]).toMatchObject({ purchasable: false, reason: 'brand_not_authorised' });
    expect((await app.inject({ url: `/v1/merchants/${lumen}/products/${cardHolder}`, headers: auth(lumenStaff) })).json()).toMatchObject({ listed: false, takedown: null });
    const listing = await app.inject({ method: 'POST', url: `/v1/merchants/${lumen}/products`, headers: auth(lumenStaff), payload: { productCode: 'LUM-AUR-WALLET', brandId: demoId('brand:aurelia'), translations: { en: { title: 'Aurelia wallet' } }, skus: [{ skuCode: 'LUM-AUR-WALLET' }] } });
    expectProblem(listing, 403, 'catalog.brand_not_authorised');

    const renewed = await app.inject({ method: 'POST', url: `/v1/merchants/${aurelia}/brand-authorisations`, headers: auth(aureliaStaff), payload: { brandId: demoId('brand:aurelia'), resellerMerchantId: lumen, scope: 'small leather goods', validFrom: new Date(Date.now() - 1000).toISOString(), validTo: new Date(Date.now() + 2000).toISOString() } });
    expect(renewed.statusCode).toBe(201);
    expect(await visible()).toBe(true);
    // The same authorisation seen at a later instant has expired: the listing is no longer purchasable then.
    expect((await withTx(use().db, (tx) => purchasableSkus(tx, [cardSku], new Date(Date.now() + 5000))))[0].reason).toBe('brand_not_authorised');
    const held = (await app.inject({ url: `/v1/merchants/${lumen}/brand-authorisations`, headers: auth(lumenStaff) })).json().items;
    expect(held.length).toBe(2);
  });

  it('lets a merchant manage only its own storefronts, products and prices', async () => {
    const aureliaProduct = demoId('product:AUR-DUOMO');
    expectProblem(await app.inject({ method: 'PATCH', url: `/v1/merchants/${aurelia}/products/${aureliaProduct}`, headers: auth(lumenStaff), payload: { status: 'archived' } }), 404, 'http.not_found');
    expectProblem(await app.inject({ method: 'PATCH', url: `/v1/merchants/${lumen}/products/${aureliaProduct}`, headers: auth(lumenStaff), payload: { status: 'archived' } }), 404, 'catalog.product_not_found');
    expectProblem(await app.inject({ method: 'PUT', url: `/v1/merchants/${lumen}/skus/${demoId('sku:AUR-DUOMO-NERO')}/retail-prices/EUR`, headers: auth(lumenStaff), payload: { amountMinor: 1 } }), 404, 'catalog.sku_not_found');
    expectProblem(await app.inject({ url: `/v1/merchants/${aurelia}/price-lists`, headers: auth(lumenStaff) }), 404, 'http.not_found');
    expectProblem(await app.inject({ method: 'PATCH', url: `/v1/merchants/${lumen}/storefronts/${demoId('storefront:casa-aurelia')}`, headers: auth(lumenStaff), payload: { name: 'mine' } }), 404, 'merchants.storefront_not_found');
  });
});

describeEachBackend('launch programme progress from order lines', (use) => {
  it('sums paid lines net of refunds in the window, converted into the target currency', async () => {
    const db = use().db;
    await withTx(db, async (tx) => {
      const { seedDemo } = await import('../seed/demo.js');
      await seedDemo(tx);
    });
    const start = new Date('2026-01-10T00:00:00Z');
    const { rows: [storefront] } = await db.execute(sql`insert into storefronts (merchant_id, name, slug, status, live_at) values (${lumen}, 'Lumen Outlet', 'lumen-outlet', 'live', ${start}) returning id`);
    const { rows: [programme] } = await db.execute(sql`insert into launch_programmes (merchant_id, storefront_id, starts_at, ends_at, target_minor, target_currency, fx_rates)
      values (${lumen}, ${storefront.id}, ${start}, ${new Date(start.getTime() + 90 * DAY)}, 100000000, 'CNY', '[{"from":"EUR","rate":"7.80"}]') returning id`);
    const sku = demoId('sku:LUM-LONGJING-100');
    const line = async (paidAt: Date | null, amount: number, currency: string, refunded = 0, merchant = lumen) => {
      const { rows: [order] } = await db.execute(sql`insert into orders (channel, currency, total_minor, status, paid_at) values ('web', ${currency}, ${amount}, 'paid', ${paidAt}) returning id`);
      await db.execute(sql`insert into order_lines (order_id, merchant_id, sku_id, quantity, unit_price_minor, amount_minor, currency, refunded_minor, paid_at)
        values (${order.id}, ${merchant}, ${sku}, 1, ${amount}, ${amount}, ${currency}, ${refunded}, ${paidAt})`);
    };
    await line(new Date('2026-01-10T09:00:00Z'), 2_000_000, 'CNY');            // day 0
    await line(new Date('2026-01-10T20:00:00Z'), 50_000, 'EUR', 10_000);       // day 0: 400.00 EUR net = 3,120.00 CNY
    await line(new Date('2026-01-12T11:00:00Z'), 1_500_000, 'CNY', 500_000);   // day 2: 10,000.00 CNY net
    await line(new Date('2026-01-09T23:59:00Z'), 9_999_999, 'CNY');            // before the window
    await line(null, 7_777_777, 'CNY');                                          // never paid
    await line(new Date('2026-01-11T10:00:00Z'), 3_000_000, 'CNY', 0, aurelia); // another merchant
    const progress = await programmeProgress(db, String(programme.id), { now: new Date('2026-01-13T06:00:00Z') });
    expect(progress.daily).toEqual([
      { day: '2026-01-10', gmvMinor: 2_312_000, cumulativeMinor: 2_312_000 },
      { day: '2026-01-11', gmvMinor: 0, cumulativeMinor: 2_312_000 },
      { day: '2026-01-12', gmvMinor: 1_000_000, cumulativeMinor: 3_312_000 },
      { day: '2026-01-13', gmvMinor: 0, cumulativeMinor: 3_312_000 },
    ]);
    expect(progress).toMatchObject({ gmvMinor: 3_312_000, elapsedDays: 4, projectedMinor: 74_520_000, status: 'at_risk', progressBps: 331, unconverted: [] });
    const later = await programmeProgress(db, String(programme.id), { now: new Date('2026-01-13T06:00:00Z'), rates: [{ from: 'EUR', rate: '8' }] });
    expect(later.gmvMinor).toBe(3_320_000);
    // Without an agreed rate, the payments domain's latest EUR→CNY rate (7.8231, demo data) applies.
    await db.execute(sql`update launch_programmes set fx_rates = '[]' where id = ${programme.id}`);
    const market = await programmeProgress(db, String(programme.id), { now: new Date('2026-01-13T06:00:00Z') });
    expect(market.gmvMinor).toBe(2_000_000 + 312_924 + 1_000_000);
  });
});
